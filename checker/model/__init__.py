"""The data model: what every later layer speaks.

Owns the manifest and audit-return models (`audit`), the canonical chronology frame (`frame`), problems and
the one exception tree (`problems`, `errors`), date parsing, gestation and working days
(`dates`, `workdays`), and how dates and excerpts are worded for people (`wording`).
Imports nothing else from `checker`.
"""
