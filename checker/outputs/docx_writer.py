"""Small helpers for Word documents (python-docx): real heading styles, a table of contents field, bullets.

    doc = Document()
    add_toc(doc)                                  # Word fills it in on opening (updateFields is set)
    doc.add_heading("Process", level=1)
    add_bullets(doc, ["**Bold lead.** Then plain text."])

Text goes in as runs of plain text, never as field codes, so record text cannot become a Word field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

__all__ = ["add_toc", "add_bullets", "add_rich_paragraph", "clean"]

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# XML 1.0 forbids most control characters; python-docx would raise on them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text with the characters Word's XML cannot hold removed."""
    return _ILLEGAL.sub("", text)


def _field_char(kind: str) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def add_toc(doc: DocumentObject, levels: str = "1-2", placeholder: str = "Contents: open in Word and press F9 "
            "(or right-click, Update field) if the list is empty.") -> Paragraph:
    """A TOC field over heading levels `levels`, and the setting that asks Word to update fields on opening."""
    paragraph = doc.add_paragraph()
    run = paragraph.add_run()
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f'TOC \\o "{levels}" \\h \\z \\u'
    run._r.append(_field_char("begin"))
    run._r.append(instruction)
    run._r.append(_field_char("separate"))
    shown = OxmlElement("w:t")
    shown.text = placeholder
    run._r.append(shown)
    run._r.append(_field_char("end"))
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
    return paragraph


def add_rich_paragraph(doc: DocumentObject, text: str, style: Any = None) -> Paragraph:
    """A paragraph where `**…**` is bold and everything else plain."""
    paragraph = doc.add_paragraph(style=style)
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            paragraph.add_run(clean(text[position:match.start()]))
        paragraph.add_run(clean(match.group(1))).bold = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(clean(text[position:]))
    return paragraph


def add_bullets(doc: DocumentObject, lines: Iterable[str]) -> list[Paragraph]:
    """One 'List Bullet' paragraph per line."""
    style = doc.styles["List Bullet"]  # looked up once: python-docx's lookup by name is slow
    return [add_rich_paragraph(doc, line, style=style) for line in lines]
