"""Templates an agency edited freely: each is read as far as it can be and the rest reported, located by
table, row and column (Word) or sheet and cell (Excel), never guessed.

In the hv Word template, table 1 is case-1's details, table 2 its questions (header = row 1, then one row per
audit-tool question in order), tables 3 and 4 case-2's, table 5 the chronology.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from template_fill import HV_CASES, HV_CHRONOLOGY, docx_tables, fill_docx, fill_xlsx, stamp_of

from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns
from checker.model.audit import load_audit_tool
from checker.model.problems import Problem

DOCX = "hv-maca-test-templates.docx"
TOOL_IDS = [q.id for q in load_audit_tool().questions]


def _row_of(question: str) -> int:
    return TOOL_IDS.index(question) + 2


def _load(bundle: Path, name: str, data: bytes) -> Any:
    report = file_returns(bundle, [(name, data)], received=dt.date(2019, 3, 8))
    assert report.outcomes[0].status == "filed", report.outcomes[0].line()
    return load_bundle(bundle, today=dt.date(2019, 3, 20))


def _answers(loaded: Any, case: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    ret = next(r for r in loaded.returns if r.case == case)
    return {a.question: (a.answer, a.grade, a.evidence) for a in ret.answers}


def _only(loaded: Any, code: str) -> Problem:
    found = [p for p in loaded.problems if p.code == code]
    assert len(found) == 1, [p.line() for p in loaded.problems]
    return found[0]


@pytest.fixture
def clean(bundle: Path, templates: dict[str, bytes], tmp_path: Path) -> Any:
    """The answers as read from the undamaged document, for comparison."""
    other = tmp_path / "clean"
    other.mkdir()
    (other / "audit.yaml").write_bytes((bundle / "audit.yaml").read_bytes())
    return _load(other, "clean.docx", fill_docx(templates[DOCX], HV_CASES, HV_CHRONOLOGY))


def test_extra_paragraph_is_reported_not_read(bundle: Path, templates: dict[str, bytes], clean: Any) -> None:
    def edit(doc: Any) -> None:
        _, questions, _ = docx_tables(doc)
        paragraph = doc.add_paragraph("Saw mum at clinic 03/05/2018.")
        questions["case-1"]._tbl.addnext(paragraph._p)

    loaded = _load(bundle, "x.docx", fill_docx(templates[DOCX], HV_CASES, HV_CHRONOLOGY, edit))
    problem = _only(loaded, "text-outside-table")
    assert problem.level == "warning"
    assert problem.part is not None and problem.part.endswith("(after table 2)")
    assert problem.value == "Saw mum at clinic 03/05/2018."
    assert "case case-1" in problem.message
    assert _answers(loaded, "case-1") == _answers(clean, "case-1")


def test_answer_typed_into_the_question_cell(bundle: Path, templates: dict[str, bytes], clean: Any) -> None:
    def edit(doc: Any) -> None:
        _, questions, _ = docx_tables(doc)
        row = questions["case-1"].rows[_row_of("recognition-history") - 1]
        row.cells[1].paragraphs[0].add_run(" Yes, from the first visit.")

    loaded = _load(bundle, "x.docx", fill_docx(templates[DOCX], HV_CASES, HV_CHRONOLOGY, edit))
    problem = _only(loaded, "answer-outside-cell")
    assert (problem.part, problem.row, problem.column) == ("table 2", _row_of("recognition-history"), "Question")
    assert problem.value == "Yes, from the first visit."
    assert "recognition-history" not in _answers(loaded, "case-1")  # never guessed into the answer
    assert _answers(loaded, "case-1") == _answers(clean, "case-1")


def test_answer_typed_into_the_question_id_cell(bundle: Path, templates: dict[str, bytes], clean: Any) -> None:
    def edit(doc: Any) -> None:
        _, questions, _ = docx_tables(doc)
        questions["case-1"].rows[_row_of("voice-child") - 1].cells[0].paragraphs[0].add_run(" yes seen alone")

    loaded = _load(bundle, "x.docx", fill_docx(templates[DOCX], HV_CASES, HV_CHRONOLOGY, edit))
    problem = _only(loaded, "answer-outside-cell")
    assert (problem.part, problem.row, problem.column, problem.value) == (
        "table 2", _row_of("voice-child"), "Question id", "yes seen alone")
    assert not [p for p in loaded.problems if p.code == "question-unknown"]
    assert _answers(loaded, "case-1") == _answers(clean, "case-1")


def test_row_added_to_the_questions_table(bundle: Path, templates: dict[str, bytes], clean: Any) -> None:
    def edit(doc: Any) -> None:
        _, questions, _ = docx_tables(doc)
        row = questions["case-1"].add_row()
        row.cells[4].text = "See also the GP letter of 02/02/2019."

    loaded = _load(bundle, "x.docx", fill_docx(templates[DOCX], HV_CASES, HV_CHRONOLOGY, edit))
    problem = _only(loaded, "question-row-added")
    assert (problem.part, problem.row, problem.column) == ("table 2", len(TOOL_IDS) + 2, "Evidence")
    assert problem.value == "See also the GP letter of 02/02/2019."
    assert _answers(loaded, "case-1") == _answers(clean, "case-1")


def _split(table: Any, at: int) -> Any:
    """Split a table before row index `at` as Word does (Ctrl+Shift+Enter), with a page break between."""
    tbl = table._tbl
    rest = copy.deepcopy(tbl)
    for tr in tbl.tr_lst[at:]:
        tbl.remove(tr)
    for tr in rest.tr_lst[:at]:
        rest.remove(tr)
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    brk = OxmlElement("w:br")
    brk.set(qn("w:type"), "page")
    run.append(brk)
    paragraph.append(run)
    tbl.addnext(paragraph)
    paragraph.addnext(rest)
    return rest


def test_table_split_across_pages(bundle: Path, templates: dict[str, bytes], clean: Any) -> None:
    bad_row = _row_of("planning-contingency")

    def edit(doc: Any) -> None:
        _, questions, chronology = docx_tables(doc)
        questions["case-1"].rows[bad_row - 1].cells[3].text = "Poor"  # not a grade: to see where it is reported
        _split(questions["case-1"], 4)
        _split(chronology, 2)

    loaded = _load(bundle, "x.docx", fill_docx(templates[DOCX], HV_CASES, HV_CHRONOLOGY, edit))
    continued = [p for p in loaded.problems if p.code == "table-continued"]
    assert sorted(p.part for p in continued) == ["table 3", "table 7"]
    grade = _only(loaded, "grade-unreadable")
    assert (grade.part, grade.row, grade.column) == ("table 3 (continuing table 2)", bad_row, "Grade")
    got = _answers(loaded, "case-1")
    want = _answers(clean, "case-1")
    assert got["planning-contingency"][1] is None
    got.pop("planning-contingency"), want.pop("planning-contingency")
    assert got == want
    assert len(loaded.chronology) == len(clean.chronology)
    assert loaded.chronology["event"].tolist() == clean.chronology["event"].tolist()


def test_tracked_changes_read_as_accepted_and_reported(bundle: Path, templates: dict[str, bytes]) -> None:
    row_number = _row_of("planning-contingency")

    def edit(doc: Any) -> None:
        _, questions, _ = docx_tables(doc)
        paragraph = questions["case-1"].rows[row_number - 1].cells[2].paragraphs[0]._p
        for run in paragraph.findall(qn("w:r")):
            paragraph.remove(run)
        deleted, inserted = OxmlElement("w:del"), OxmlElement("w:ins")
        for change in (deleted, inserted):
            change.set(qn("w:id"), "1" if change is deleted else "2")
            change.set(qn("w:author"), "Reviewer")
        run = OxmlElement("w:r")
        text = OxmlElement("w:delText")
        text.text = "No contingency plan was recorded."
        run.append(text)
        deleted.append(run)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "A contingency plan was agreed on 01/06/2018."
        run.append(text)
        inserted.append(run)
        paragraph.append(deleted)
        paragraph.append(inserted)

    loaded = _load(bundle, "x.docx", fill_docx(templates[DOCX], HV_CASES, HV_CHRONOLOGY, edit))
    assert _answers(loaded, "case-1")["planning-contingency"][0] == "A contingency plan was agreed on 01/06/2018."
    problem = _only(loaded, "tracked-change")
    assert (problem.part, problem.row, problem.column) == ("table 2", row_number, "Answer")
    assert "No contingency plan was recorded." in problem.message
    assert problem.level == "warning"


def test_xlsx_text_beside_a_cell_and_a_bad_grade_are_located(bundle: Path, templates: dict[str, bytes]) -> None:
    data = templates["hv-maca-test-templates.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(fill_xlsx(data, HV_CASES, HV_CHRONOLOGY)))
    sheet = stamp_of(data).sheets["case-2"]
    ws = book[sheet]
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(row=rows["voice-child"], column=4).value = "Very good"
    ws.cell(row=rows["voice-child"], column=7).value = "Seen at school too"
    out = io.BytesIO()
    book.save(out)
    loaded = _load(bundle, "x.xlsx", out.getvalue())
    grade = _only(loaded, "grade-unreadable")
    assert (grade.part, grade.row, grade.column) == (f"sheet '{sheet}'", rows["voice-child"], "D (Grade)")
    beside = _only(loaded, "answer-outside-cell")
    assert (beside.part, beside.row, beside.column, beside.value) == (
        f"sheet '{sheet}'", rows["voice-child"], "G", "Seen at school too")
    assert f"sheet '{sheet}', row {rows['voice-child']}, column D (Grade)" in grade.line()
    assert _answers(loaded, "case-2")["voice-child"] == ("Yes — the child's wishes are in the plan.", None,
                                                         "Plan review 19/09/2018")
