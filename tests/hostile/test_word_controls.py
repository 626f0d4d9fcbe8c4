"""Word content controls and hidden text (issue 25, defects 4 and 7).

Word's own templates and agency forms built in Word wrap rows, cells and answers in content controls
(`w:sdt`: plain text, rich text, repeating sections) and custom XML (`w:customXml`). Every row and answer
inside one is read as Word shows it, and rows read = the table's physical rows. Text formatted hidden is
read and reported with its row and table, as tracked deletions are.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import template_craft as tc
import yaml
from click.testing import CliRunner
from docx import Document
from lxml import etree

from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.model.audit import load_audit_tool

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def control(*content: Any, kind: str = "text", placeholder: bool = False) -> Any:
    """A content control (`w:sdt`) holding `content`: kind 'text' (plain text), 'section' (a repeating
    section), 'item' (one of its items)."""
    sdt = etree.Element(_w("sdt"), nsmap={"w": W, "w15": W15})
    props = etree.SubElement(sdt, _w("sdtPr"))
    etree.SubElement(props, {"text": _w("text"), "section": f"{{{W15}}}repeatingSection",
                             "item": f"{{{W15}}}repeatingSectionItem"}[kind])
    if placeholder:
        etree.SubElement(props, _w("showingPlcHdr"))
    body = etree.SubElement(sdt, _w("sdtContent"))
    body.extend(content)
    return sdt


def custom_xml(*content: Any) -> Any:
    wrapper = etree.Element(_w("customXml"), nsmap={"w": W})
    wrapper.set(_w("element"), "entry")
    wrapper.extend(content)
    return wrapper


def wrap(element: Any, make: Any) -> Any:
    """Put `element` inside the wrapper `make(element)` where it stood."""
    parent, at = element.getparent(), element.getparent().index(element)
    wrapper = make(element)
    parent.insert(at, wrapper)
    return wrapper


def hide(run: Any) -> None:
    props = run.find(_w("rPr"))
    if props is None:
        props = etree.Element(_w("rPr"))
        run.insert(0, props)
    etree.SubElement(props, _w("vanish"))


ROWS = [
    ("case-1", "01/03/2019", "Plain row: home visit, family seen"),
    ("case-1", "02/03/2019", "Repeating section item one: phone call"),
    ("case-1", "03/03/2019", "Repeating section item two: eviction notice shown"),
    ("case-1", "04/03/2019", "Answer cell in a plain-text control"),
    ("case-1", "05/03/2019", "Whole cell wrapped in a control"),
    ("case-1", "06/03/2019", "Row wrapped in custom XML"),
    ("case-1", "07/03/2019", "Run in a control inside the cell"),
]


def chronology_docx() -> bytes:
    doc = Document()
    table = doc.add_table(rows=1 + len(ROWS), cols=3)
    for cell, text in zip(table.rows[0].cells, ("Case", "Date", "Event"), strict=True):
        cell.text = text
    for row, texts in zip(table.rows[1:], ROWS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    trs = [r._tr for r in table.rows]  # taken before any is wrapped: python-docx cannot see wrapped rows
    event_cells = [r.cells[2]._tc for r in table.rows]
    # entries 2 and 3: a repeating section with one item per row
    section = control(kind="section")
    trs[2].addprevious(section)
    content = section.find(_w("sdtContent"))
    content.append(control(trs[2], kind="item"))
    content.append(control(trs[3], kind="item"))
    # entry 4: the Event cell's paragraph inside a plain-text control
    wrap(event_cells[4].find(_w("p")), lambda p: control(p))
    # entry 5: the whole Event cell inside a control
    wrap(event_cells[5], lambda tc_: control(tc_))
    # entry 6: the row inside custom XML
    wrap(trs[6], lambda tr: custom_xml(tr))
    # entry 7: a run-level control inside the cell's paragraph
    wrap(event_cells[7].find(_w("p")).find(_w("r")), lambda r: control(r))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _bundle(folder: Path, name: str, data: bytes) -> Path:
    tc.write_bundle(folder)
    (folder / "chronologies").mkdir()
    (folder / "chronologies" / name).write_bytes(data)
    doc = yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))
    doc["submissions"] = {"chronologies": [{"file": f"chronologies/{name}", "agency": "hv"}], "returns": []}
    (folder / "audit.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return folder


def _physical_rows(data: bytes) -> int:
    """Rows of the document's table as Word lays it out: every `w:tr`, wherever it is wrapped."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return len(root.findall(f".//{_w('tr')}"))


def test_rows_and_answers_inside_content_controls_are_all_read(runner: CliRunner, tmp_path: Path):
    data = chronology_docx()
    folder = _bundle(tmp_path / "bundle", "hv.docx", data)
    out = tmp_path / "v.json"
    result = runner.invoke(main, ["validate", str(folder), "--json", str(out)])
    assert result.exit_code == 0, result.output
    [counts] = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert counts["read"] == _physical_rows(data) - 1 == len(ROWS)  # every row but the header
    assert counts["loaded"] == len(ROWS) and counts["rejected"] == 0
    frame = load_bundle(folder, today=dt.date(2019, 3, 20)).chronology
    assert sorted(frame["event"]) == sorted(event for _, _, event in ROWS)
    assert sorted(frame["date"].dt.strftime("%d/%m/%Y")) == [date for _, date, _ in ROWS]


def _table_doc(*rows: tuple[str, str, str]) -> tuple[Any, Any]:
    """A document holding one chronology table: a Case, Date, Event header and `rows`."""
    doc = Document()
    table = doc.add_table(rows=1 + len(rows), cols=3)
    for row, texts in zip(table.rows, [("Case", "Date", "Event"), *rows], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    return doc, table


def test_a_control_showing_its_placeholder_is_not_read_as_text(tmp_path: Path):
    doc, table = _table_doc(("case-1", "01/03/2019", "Visit"), ("case-1", "02/03/2019", "Click or tap here to enter text."))
    wrap(table.rows[2].cells[2]._tc.find(_w("p")), lambda p: control(p, placeholder=True))
    out = io.BytesIO()
    doc.save(out)
    folder = _bundle(tmp_path / "b", "hv.docx", out.getvalue())
    loaded = load_bundle(folder, today=dt.date(2019, 3, 20))
    assert "Click or tap" not in " ".join(loaded.chronology["event"].fillna(""))


def test_hidden_text_is_read_and_warned_with_its_row_and_table(runner: CliRunner, tmp_path: Path):
    doc, table = _table_doc(("case-1", "01/03/2019", "Home visit."), ("case-1", "02/03/2019", "Phone call."))
    hidden = table.rows[2].cells[2].paragraphs[0].add_run(" Father has returned to the home.")
    hide(hidden._r)
    out = io.BytesIO()
    doc.save(out)
    folder = _bundle(tmp_path / "b", "hv.docx", out.getvalue())
    report = tmp_path / "v.json"
    assert runner.invoke(main, ["validate", str(folder), "--json", str(report)]).exit_code == 0
    payload = json.loads(report.read_text(encoding="utf-8"))
    [warning] = [p for p in payload["problems"] if p["code"] == "hidden-text"]
    assert (warning["file"], warning["row"], warning["part"], warning["level"]) == (
        "chronologies/hv.docx", 3, "table 1", "warning")
    assert warning["value"] == "Father has returned to the home."
    events = load_bundle(folder, today=dt.date(2019, 3, 20)).chronology["event"].tolist()
    assert "Phone call. Father has returned to the home." in events  # read, as tracked insertions are


def test_a_template_answer_in_a_control_and_a_question_row_in_a_section_are_read(tmp_path: Path):
    doc = Document(io.BytesIO(tc.blank_docx()))
    tool = load_audit_tool()
    first, second = tool.questions[0].id, tool.questions[1].id
    questions = next(t for t in doc.tables if t.rows[0].cells[0].text.strip() == "Question id")
    rows = {r.cells[0].text.strip(): r for r in questions.rows}
    row = rows[first]
    row.cells[2].text, row.cells[3].text, row.cells[4].text = "Answer in a plain-text control", "Good", "Notes 1"
    hide(row.cells[4].paragraphs[0].add_run(" hidden evidence")._r)
    other = rows[second]
    other.cells[2].text, other.cells[3].text, other.cells[4].text = "Row in a repeating section", "Inadequate", "N2"
    wrap(row.cells[2]._tc.find(_w("p")), lambda p: control(p))  # the answer cell's text in a control
    wrap(other._tr, lambda tr: control(control(tr, kind="item"), kind="section"))
    out = io.BytesIO()
    doc.save(out)
    folder = tmp_path / "b"
    tc.write_bundle(folder)
    (folder / "returns").mkdir()
    (folder / "returns" / "hv.docx").write_bytes(out.getvalue())
    doc_yaml = yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))
    doc_yaml["submissions"] = {"chronologies": [], "returns": [
        {"file": "returns/hv.docx", "agency": "hv", "case": "case-1", "submitted": "2019-03-08"}]}
    (folder / "audit.yaml").write_text(yaml.safe_dump(doc_yaml, sort_keys=False), encoding="utf-8")
    loaded = load_bundle(folder, today=dt.date(2019, 3, 20))
    answers = {a.question: (a.answer, a.grade, a.evidence) for r in loaded.returns for a in r.answers}
    assert answers[first] == ("Answer in a plain-text control", "good", "Notes 1 hidden evidence")
    assert answers[second] == ("Row in a repeating section", "inadequate", "N2")
    hidden = [p for p in loaded.problems if p.code == "hidden-text"]
    assert [(p.value, p.column) for p in hidden] == [("hidden evidence", "Evidence")]
