"""The `maca` command line: a thin shell over the library (click). `main` builds the group; the larger
commands live in modules of their own.

May import every layer of `checker`; nothing imports it.
"""
