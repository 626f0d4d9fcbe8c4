"""Importers: bytes sent by agencies -> the canonical chronology frame, audit returns, and problems.

`tables` reads a raw table out of CSV or XLSX; `headers` maps its headers (synonyms in rules/headers.yaml);
`chronology` and `returns` validate and load one file each; `yamltext` reads YAML/JSON. `checker.intake.bundle`
calls them for every file a manifest lists.

May import `checker.model` only.
"""
