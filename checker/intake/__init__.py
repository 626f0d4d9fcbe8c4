"""Importers: bytes sent by agencies -> the canonical chronology frame, audit returns, and problems.

`tables` reads a raw table out of CSV or XLSX (`lines` scans CSV records and finds broken quoting), `docx`
out of a Word document; `headers` maps its headers (synonyms in rules/headers.yaml); `chronology` and `returns`
validate and load one file each (`columns` holds the chronology's work done once per distinct value: texts,
entry ids, duplicate groups); `yamltext` reads YAML/JSON. `template_layout` declares the agency templates'
shape, `template_stamp` reads the stamp a returned template identifies itself by, and `template_read` reads a
case's audit tool out of one. `checker.intake.bundle` calls them for every file a manifest lists, and
`combine` joins the files' frames into one; `filing` files returned files into a bundle folder and audit.yaml.

May import `checker.model` only.
"""
