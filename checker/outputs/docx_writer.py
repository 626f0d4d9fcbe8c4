"""Small helpers for Word documents (python-docx): an A4 document, a landscape section, real heading styles, a
table of contents field, bullets.

    doc = a4_document()                           # every Word file the checker writes starts here
    add_toc(doc)                                  # Word fills it in on opening (updateFields is set)
    doc.add_heading("Process", level=1)
    add_bullets(doc, ["**Bold lead.** Then plain text."])

Text goes in as runs of plain text, never as field codes, so record text cannot become a Word field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

__all__ = ["a4_document", "landscape_section", "add_toc", "add_bullets", "add_rich_paragraph", "clean", "A4"]

A4 = (Cm(21.0), Cm(29.7))
"""A4's width and height (portrait); python-docx's blank document is US Letter."""

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# XML 1.0 forbids most control characters; python-docx would raise on them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def a4_document(*, font: str = "Arial", size: float = 11, margin_cm: float = 2.0) -> DocumentObject:
    """A blank Word document on A4 portrait with `margin_cm` margins all round and `font` as Normal text."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(size)
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(margin_cm)
    return doc


def landscape_section(doc: DocumentObject) -> Section:
    """Start a new page in A4 landscape (same margins) for what follows, e.g. a wide table."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    return section


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
