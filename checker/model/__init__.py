"""The data model: what every later layer speaks.

Owns the manifest and audit-return models (`audit`), the canonical chronology frame (`frame`), problems and
the one exception tree (`problems`, `errors`), date parsing, gestation and working days
(`dates`, `workdays`), how dates and excerpts are worded for people (`wording`), and where
the shipped rules/ and sample live (`datafiles`); the bounds on text work (`limits`); private files
(`private`).
Imports nothing else from `checker`.
"""
