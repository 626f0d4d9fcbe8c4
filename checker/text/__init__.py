"""Reading chronology text: event kinds (`kinds`, patterns in rules/kinds.yaml), the dates and attendees
written in an entry (`extract`), and both put on a copy of the canonical frame (`annotate`).

May import `checker.model` only.
"""
