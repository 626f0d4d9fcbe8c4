"""The published briefing holds no name, nickname, date of birth (however written) or case reference from a
bundle made for this test. What must not appear is written out here by hand, not built with the functions
that build the scrubber, so a scrubber that forgets a spelling or a nickname turns this red."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from checker.check import run_check
from checker.engine.catalogue import Example, load_catalogue
from checker.examples import write_example_bundle
from checker.intake.bundle import load_bundle
from checker.outputs.briefing import gather, write_briefing
from checker.review import ensure_run
from checker.storage import Store

AS_OF = dt.date(2019, 3, 26)
T0 = dt.datetime(2019, 3, 26, 15, 0, tzinfo=dt.UTC)

CASES = {
    "case-1": {
        "children": [{"id": "c1-a", "name": "Tegan", "date_of_birth": "2016-02-03"},
                     {"id": "c1-b", "name": "Oskar", "date_of_birth": "2005-11-21"}],
        "adults": [{"id": "c1-m", "role": "mother", "name": "Rhiannon", "aliases": ["Rhi", "Ronnie"]},
                   {"id": "c1-f", "role": "father", "name": "Gareth", "aliases": ["Gaz"]}],
        "references": {"csc": "CS/2019/4471", "housing": "HO-88213"},
        "plans": [{"type": "child_in_need", "start": "2018-11-01"}],
    },
    "case-2": {
        "children": [{"id": "c2-a", "name": "Wren", "date_of_birth": "2018-12-01"}],
        "adults": [{"id": "c2-m", "role": "mother", "name": "Chantelle", "aliases": ["Chan"]},
                   {"id": "c2-p", "role": "partner", "name": "Kieran", "aliases": ["Kez"]}],
        "references": {"police": "PND 77/1234"},
        "plans": [{"type": "child_protection", "start": "2019-01-10"}],
    },
}

# Written out by hand: every name and nickname, every common spelling of each date of birth, every reference.
NAMES = ["Tegan", "Oskar", "Rhiannon", "Rhi", "Ronnie", "Gareth", "Gaz", "Wren", "Chantelle", "Chan", "Kieran",
         "Kez"]
DATES_OF_BIRTH = [
    "03/02/2016", "3/2/2016", "03/02/16", "3/2/16", "2016-02-03", "03.02.2016", "03-02-2016", "3 February 2016",
    "03 February 2016", "3rd February 2016", "3 Feb 2016", "3rd Feb 2016",
    "21/11/2005", "21/11/05", "2005-11-21", "21.11.2005", "21-11-2005", "21 November 2005", "21st November 2005",
    "21 Nov 2005", "21st Nov 2005",
    "01/12/2018", "1/12/2018", "01/12/18", "1/12/18", "2018-12-01", "01.12.2018", "01-12-2018", "1 December 2018",
    "01 December 2018", "1st December 2018", "1 Dec 2018", "1st Dec 2018",
]
REFERENCES = ["CS/2019/4471", "HO-88213", "PND 77/1234"]

# Records and notes written as people write them, each identifier in several forms.
ROWS = {
    "case-1": [
        {"agency": "csc", "date": "05/11/2018", "event": "CIN meeting. Plan agreed for Tegan (DOB 03/02/2016) and "
         "Oskar (dob 21/11/05). Present: SW, school, Rhiannon, Gareth. Ref CS/2019/4471."},
        {"agency": "eh", "date": "10/01/2019", "event": "Gaz says he is struggling and may move out. Rhi unable to "
         "care for Tegan physically; Ronnie asked for help. Housing ref HO-88213."},
    ],
    "case-2": [
        {"agency": "csc", "date": "15/01/2019", "event": "Initial child protection conference: Wren (born 1st Dec "
         "2018) made subject to a plan. Chantelle and Kieran attended. Police ref PND 77/1234."},
        {"agency": "police", "date": "20/02/2019", "event": "DA incident: Kez assaulted Chan at home. Wren present. "
         "DASH high."},
    ],
}
NOTES = {
    "case-1": "Tegan (3rd Feb 2016) and Oskar (21 November 2005, 2005-11-21) live with Rhi and Gaz; ref "
              "CS/2019/4471, HO-88213. Ronnie (Rhiannon) and Gareth both attended.",
    "case-2": "Wren, born 01.12.2018 (1 Dec 2018), was seen with Chan; Kez (Kieran) refused. PND 77/1234. "
              "Chantelle asked for Wren's DOB 01/12/18 to be corrected.",
}


@pytest.fixture(scope="module")
def briefing_text(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("privacy") / "bundle"
    folder.mkdir()
    examples = [(case, Example(name=case, expect="flag", case=fields, rows=ROWS[case])) for case, fields in CASES.items()]
    write_example_bundle(load_catalogue().get("contingency-plan-missing"), examples, folder, AS_OF)
    checked = run_check(load_bundle(folder, today=AS_OF), as_of=AS_OF)
    assert {f["case"] for f in checked.flags} == set(CASES)
    out = tmp_path_factory.mktemp("privacy-out")
    with Store(f"sqlite:///{out / 'maca.sqlite'}", clock=lambda: T0) as store:
        run = ensure_run(store, checked)
        for flag in store.flags(run):
            store.save_decision(checked.audit_id, flag["id"], "qa.officer", "confirmed", note=NOTES[flag["case"]],
                                expected_version=flag["decision_version"], for_briefing=True)  # printed: scrubbed
        for case, note in NOTES.items():
            store.save_panel_note(checked.audit_id, case, "qa.officer", note)
            store.add_strength(checked.audit_id, case, "qa.officer", f"Good joint work: {note}")
        paths = write_briefing(gather(store, run, checked, today=AS_OF), out / "briefing")
    book = openpyxl.load_workbook(paths["plan"])
    return {
        "markdown": paths["markdown"].read_text(encoding="utf-8"),
        "word": "\n".join(p.text for p in docx.Document(str(paths["docx"])).paragraphs)
        + "\n".join(c.text for t in docx.Document(str(paths["docx"])).tables for r in t.rows for c in r.cells),
        "plan": "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c),
    }


def test_the_notes_reach_the_briefing_so_the_test_can_fail(briefing_text: dict[str, str]) -> None:
    text = briefing_text["markdown"]
    assert "(reference removed)" in text and "(date removed)" in text
    assert "the father" in text.casefold() and "the mother" in text.casefold()


@pytest.mark.parametrize("output", ["markdown", "word", "plan"])
def test_no_name_or_nickname_appears(briefing_text: dict[str, str], output: str) -> None:
    body = briefing_text[output]
    assert [n for n in NAMES if re.search(rf"\b{re.escape(n)}\b", body, re.IGNORECASE)] == []


@pytest.mark.parametrize("output", ["markdown", "word", "plan"])
def test_no_date_of_birth_in_any_spelling_appears(briefing_text: dict[str, str], output: str) -> None:
    body = briefing_text[output].casefold()
    assert [d for d in DATES_OF_BIRTH if d.casefold() in body] == []


@pytest.mark.parametrize("output", ["markdown", "word", "plan"])
def test_no_case_reference_appears(briefing_text: dict[str, str], output: str) -> None:
    body = briefing_text[output]
    assert [r for r in REFERENCES if r in body] == []


def test_the_bundle_loads_as_written(tmp_path: Path) -> None:
    """Guard on the fixture: the adults' nicknames are in audit.yaml, where the scrubber must find them."""
    write_example_bundle(load_catalogue().get("contingency-plan-missing"),
                         [(c, Example(name=c, expect="flag", case=f, rows=ROWS[c])) for c, f in CASES.items()],
                         tmp_path, AS_OF)
    manifest = load_bundle(tmp_path, today=AS_OF).manifest
    assert manifest is not None
    assert sorted(a for case in manifest.cases for adult in case.adults for a in adult.aliases) == sorted(
        ["Rhi", "Ronnie", "Gaz", "Chan", "Kez"])
