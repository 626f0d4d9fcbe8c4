"""Reading chronology text: event kinds (`kinds`, patterns in rules/kinds.yaml) and the dates and
attendees written in an entry (`extract`).

May import `checker.model` only.
"""
