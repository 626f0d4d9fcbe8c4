"""The briefing as a Word document: Title, a table of contents, Heading 1 per section, Heading 2 per case."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from checker.model.private import open_private
from checker.outputs.briefing.content import Briefing
from checker.outputs.docx_writer import a4_document, add_bullets, add_rich_paragraph, add_toc, clean

__all__ = ["write_briefing_docx"]


def write_briefing_docx(target: str | Path | IO[bytes], briefing: Briefing) -> None:
    """Write the briefing as .docx; headings use Word's own Heading styles, so the navigation pane works."""
    doc = a4_document()
    doc.core_properties.title = clean(briefing.title)
    doc.add_heading(clean(briefing.title), level=0)
    if briefing.notice:
        add_rich_paragraph(doc, f"**{briefing.notice}**")
    add_rich_paragraph(doc, "**Contents**")  # not a heading: the contents do not list themselves
    add_toc(doc)
    for section in briefing.sections:
        doc.add_heading(clean(section.title), level=1)
        add_bullets(doc, section.bullets)
        for sub in section.subsections:
            doc.add_heading(clean(sub.title), level=2)
            add_bullets(doc, sub.bullets)
    if isinstance(target, str | Path):
        with open_private(target, "wb") as handle:
            doc.save(handle)
    else:
        doc.save(target)
