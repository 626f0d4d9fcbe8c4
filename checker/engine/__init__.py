"""The rule engine: the rule catalogue read from rules/ (`catalogue`), the one door to durable-rules
(`door`, the only module that imports `durable`), the rule run that turns derived facts into outcomes and
flags (`run`), the rules' own examples run as checks (`examples`) and the plain-language rule docs
(`explain`).

May import `checker.model`, `checker.intake`, `checker.text` and `checker.facts`.
"""
