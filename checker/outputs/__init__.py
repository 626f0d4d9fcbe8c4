"""What a check produces for people: agency quality ratings (`quality`), the Early Help eviction worklist
(`referrals`, `household`), the six-step briefing and composite action plan after the meeting (`briefing`),
formula-safe CSV and Excel tables (`exports`), Word document helpers (`docx_writer`), the agency templates
to send out (`templates`) and the submissions tracker (`submissions`).

May import `checker.model`, `checker.text`, `checker.facts` and `checker.engine`; not intake (outputs work on
the loaded bundle) and nothing above.
"""
