"""The rule engine: the rule catalogue read from rules/ (`catalogue`), the one door to durable-rules
(`door`, the only module that imports `durable`), the rule run that turns derived facts into outcomes and
flags (`run`) and the plain-language rule docs (`explain`). The rules' own examples run as whole checks,
so they live above the check, in `checker.examples`.

May import `checker.model`, `checker.text` and `checker.facts`.
"""
