"""The Word audit tool is easy to fill in: each grade a drop-down of the Excel template's grades, read back as
the Excel template's drop-down is; "Good." taken as Good in both; columns as wide as what goes in them; the
chronology on a landscape page."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from template_fill import HV_CHRONOLOGY, CaseFill, docx_tables, fill_docx, fill_xlsx

from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns
from checker.model.templates import GRADE_CHOICES

WORD, EXCEL = "hv-maca-test-templates.docx", "hv-maca-test-templates.xlsx"
ANSWERED = {"case-1": {"recognition-needs": "Requires improvement", "planning-contingency": "Inadequate"},
            "case-2": {"voice-child": "Outstanding"}}
OVERALL = {"case-1": "Good", "case-2": "Requires improvement"}


def _dropdown(cell: Any) -> Any:
    found = cell._tc.findall(".//" + qn("w:sdt"))
    assert len(found) == 1, "one drop-down in the cell"
    return found[0]


def _choose(cell: Any, grade: str) -> None:
    """Pick `grade` in the cell's drop-down as Word does: the prompt goes, the choice is the content."""
    control = _dropdown(cell)
    props = control.find(qn("w:sdtPr"))
    props.remove(props.find(qn("w:showingPlcHdr")))
    run = control.find(qn("w:sdtContent")).find(qn("w:r"))
    run.remove(run.find(qn("w:rPr")))
    run.find(qn("w:t")).text = grade


def _word_choices(doc: Any) -> None:
    details, questions, _ = docx_tables(doc)
    for case, grades in ANSWERED.items():
        for row in questions[case].rows[1:]:
            qid = row.cells[0].text.strip()
            if qid in grades:
                _choose(row.cells[3], grades[qid])
        overall = next(r for r in details[case].rows if r.cells[0].text.startswith("Overall grade"))
        _choose(overall.cells[1], OVERALL[case])


def _fills(grade_in_excel: bool) -> dict[str, CaseFill]:
    """Answers for the ANSWERED questions; their grades too when typed in Excel (Word's are chosen)."""
    return {case: CaseFill(
        details={"completed_by": "Health visitor", "known_to_agency": "Yes", "immediate_concern": "None",
                 **({"overall_grade": OVERALL[case]} if grade_in_excel else {})},
        answers={q: (f"Answer to {q}.", g if grade_in_excel else None, "Case notes 01/06/2018") for q, g in grades.items()},
    ) for case, grades in ANSWERED.items()}


def _read(tmp_path: Path, name: str, data: bytes) -> dict[str, Any]:
    bundle = tmp_path / name
    bundle.mkdir()
    from template_fill import AUDIT_YAML

    (bundle / "audit.yaml").write_text(AUDIT_YAML, encoding="utf-8")
    report = file_returns(bundle, [(name, data)], received=dt.date(2019, 3, 8))
    assert [o.status for o in report.outcomes] == ["filed"], [o.line() for o in report.outcomes]
    loaded = load_bundle(bundle, today=dt.date(2019, 3, 20))
    assert not [p for p in loaded.problems if p.code == "grade-unreadable"], [p.line() for p in loaded.problems]
    return {r.case: ({a.question: a.grade for a in r.answers}, r.overall_grade) for r in loaded.returns}


def test_every_grade_is_a_drop_down_of_the_excel_templates_grades(templates: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(templates[WORD]))
    details, questions, _ = docx_tables(doc)
    book = openpyxl.load_workbook(io.BytesIO(templates[EXCEL]))
    excel_grades = [c.value for c in book["Lists"]["C"][1:] if c.value]
    assert excel_grades == list(GRADE_CHOICES)
    controls = [_dropdown(r.cells[3]) for t in questions.values() for r in t.rows[1:] if r.cells[3].text != "N/A"]
    controls += [_dropdown(r.cells[1]) for t in details.values() for r in t.rows if r.cells[0].text.startswith("Overall")]
    assert len(controls) > len(questions) * 5
    for control in controls:
        items = control.findall(".//" + qn("w:listItem"))
        assert [i.get(qn("w:value")) for i in items] == excel_grades
        assert control.find(qn("w:sdtPr")).find(qn("w:showingPlcHdr")) is not None  # a prompt, not an answer


def test_a_grade_chosen_in_word_reads_back_as_the_same_grade_chosen_in_excel(
    templates: dict[str, bytes], tmp_path: Path
) -> None:
    word = fill_docx(templates[WORD], _fills(False), HV_CHRONOLOGY, edit=_word_choices)
    excel = fill_xlsx(templates[EXCEL], _fills(True), HV_CHRONOLOGY)
    from_word, from_excel = _read(tmp_path, "tool.docx", word), _read(tmp_path, "tool.xlsx", excel)
    assert from_word == from_excel
    assert from_word["case-1"] == ({"recognition-needs": "requires_improvement", "planning-contingency": "inadequate"},
                                   "good")


@pytest.mark.parametrize("typed", ["Good.", "good", " GOOD! "])
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_good_with_a_full_stop_or_in_capitals_is_good(templates: dict[str, bytes], tmp_path: Path, typed: str,
                                                      kind: str) -> None:
    fills = _fills(True)
    fills["case-2"].answers["voice-child"] = ("Seen alone.", typed, "Plan review 19/09/2018")
    data = fill_docx(templates[WORD], fills, HV_CHRONOLOGY) if kind == "docx" else \
        fill_xlsx(templates[EXCEL], fills, HV_CHRONOLOGY)
    assert _read(tmp_path, f"tool.{kind}", data)["case-2"][0] == {"voice-child": "good"}


def test_columns_are_as_wide_as_their_content_and_the_chronology_is_landscape(templates: dict[str, bytes]) -> None:
    doc = Document(io.BytesIO(templates[WORD]))
    _, questions, chronology = docx_tables(doc)
    grid = [col.w for col in next(iter(questions.values()))._tbl.tblGrid.gridCol_lst]
    question_id, question, answer, grade, _evidence = grid
    assert question > 2 * question_id and answer > 1.5 * grade
    first, last = doc.sections[0], doc.sections[-1]
    assert first.orientation == WD_ORIENT.PORTRAIT and last.orientation == WD_ORIENT.LANDSCAPE
    assert last.page_width > last.page_height
    body = list(doc.element.body)
    # the chronology table comes after the landscape section starts (the break closing the portrait part)
    breaks = [i for i, el in enumerate(body) if el.find(".//" + qn("w:sectPr")) is not None]
    assert breaks and body.index(chronology._tbl) > breaks[-1]
    widths = [col.w for col in chronology._tbl.tblGrid.gridCol_lst]
    usable = last.page_width - last.left_margin - last.right_margin
    assert len(set(widths)) > 3 and abs(sum(widths) - usable) < 36_000  # fills the landscape width (within 1 mm)
