"""The Quality page's downloads: the league table as a workbook, and one agency's feedback pack and chase letter
as Word documents."""

from __future__ import annotations

import io
from collections.abc import Callable

from checker.outputs.quality import QualityReport, chase_notes
from checker.outputs.quality.feedback_docx import write_chase_docx, write_pack_docx
from checker.outputs.quality.league_xlsx import write_league_xlsx
from checker.outputs.quality.packs import feedback_pack

__all__ = ["agency_letters", "league_workbook"]


def agency_letters(report: QualityReport, agency: str) -> list[tuple[str, str, Callable[[], bytes]]]:
    """(button label, file name, the document's bytes when asked for): the agency's feedback pack, and its chase
    letter when there is something to chase — the same documents `maca quality --feedback` writes. The Word
    files are made only when a button is pressed, not on every rerun of the page."""

    def pack() -> bytes:
        out = io.BytesIO()
        write_pack_docx(out, feedback_pack(report, report.agency(agency)))
        return out.getvalue()

    documents: list[tuple[str, str, Callable[[], bytes]]] = [
        ("Download feedback pack (Word)", f"{agency}-feedback.docx", pack)]
    letter = chase_notes(report).get(agency)
    if letter and (letter.missing or letter.by_question or letter.to_improve or letter.late):

        def chase() -> bytes:
            out = io.BytesIO()
            write_chase_docx(out, letter)
            return out.getvalue()

        documents.append(("Download chase letter (Word)", f"{agency}-chase.docx", chase))
    return documents


def league_workbook(report: QualityReport) -> bytes:
    """The league table and every deduction as `maca quality --xlsx` writes them: a sheet laid out for A4 first,
    the full tables after."""
    book = io.BytesIO()
    write_league_xlsx(book, report)
    return book.getvalue()
