"""What a check produces for people: agency quality ratings (`quality`), the Early Help eviction worklist
(`referrals`, `household`), and formula-safe CSV and Excel tables (`exports`).

May import the layers below it: `checker.model` up to `checker.engine`.
"""
