"""The Upload page files several returned files at once into the audit folder: templates by their stamp,
an unstamped file once the officer says whose it is."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from checker.intake.bundle import load_bundle, load_manifest, open_bundle
from checker.intake.template_stamp import read_stamp
from checker.outputs.templates import write_templates

MANIFEST = """\
# Synthetic audit for the filing page test.
audit: {id: maca-filing-page, title: Filing page test, theme: neglect, submission_deadline: 2019-03-12}
agencies:
- {id: hv, name: Testshire Health Visiting, type: health_visiting}
- {id: school, name: Testshire Primary School, type: education}
cases:
- {id: case-1, references: {hv: HV-1}}
submissions:
  chronologies:
  - {file: chronologies/school.csv, agency: school, case: case-1}
"""


def _filled(template: bytes) -> bytes:
    """The workbook template as the agency sends it back: one chronology entry and one answer for case-1."""
    stamp = read_stamp(template)
    assert stamp is not None
    book = openpyxl.load_workbook(io.BytesIO(template))
    for column, value in enumerate(["case-1", "04/02/2019", "Health visitor", "Home visit."], start=1):
        book["Chronology"].cell(row=2, column=column).value = value
    for row in book[stamp.sheets["case-1"]].iter_rows():
        if row[0].value == "voice-child":
            row[2].value, row[3].value = "Seen alone at the visit.", "Good"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _outcomes(at: AppTest) -> Any:
    return next(t.value for t in at.dataframe if "Filed as" in t.value.columns)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bundle = tmp_path / "audit"
    (bundle / "chronologies").mkdir(parents=True)
    (bundle / "audit.yaml").write_text(MANIFEST, encoding="utf-8")
    (bundle / "chronologies" / "school.csv").write_text("Date,Event\n01/02/2019,Attendance meeting\n")
    monkeypatch.setenv("MACA_BUNDLE", str(bundle))
    return bundle


def test_several_files_filed_at_once(folder: Path, db_url: str, open_page: Callable[..., AppTest],
                                     tmp_path: Path) -> None:
    manifest, _ = load_manifest(open_bundle(folder))
    assert manifest is not None
    made = {p.suffix: p.read_bytes() for p in write_templates(manifest, tmp_path / "out") if p.name.startswith("hv")}
    at = open_page("upload")
    files = [("Copy of hv.xlsx", _filled(made[".xlsx"]), "application/octet-stream"),
             ("notes.csv", b"Date,Event\n03/02/2019,Visit\n", "text/csv")]
    at.file_uploader(key="intake_files").set_value(files).run()
    at.button(key="intake_file").click().run()
    assert not at.exception, [e.message for e in at.exception]
    table = _outcomes(at)
    assert table["Result"].tolist() == ["filed", "needs agency"]
    assert table["Agency"].tolist()[0] == "hv"
    at.selectbox(key="intake_agency_0").set_value("school").run()
    at.selectbox(key="intake_case_0").set_value("case-1").run()
    at.button(key="intake_go_0").click().run()
    assert not at.exception, [e.message for e in at.exception]
    table = _outcomes(at)
    assert table["Result"].tolist() == ["filed", "filed"]
    loaded = load_bundle(folder, today=dt.date(2019, 3, 20))
    assert sorted(set(loaded.chronology["agency"])) == ["hv", "school"]
    assert "Visit" in loaded.chronology["event"].tolist()
    assert len([c for c in loaded.counts if c.agency == "hv"]) == 2  # the template: chronology and return


def test_a_filed_file_is_taken_out_with_the_remove_button(folder: Path, db_url: str,
                                                          open_page: Callable[..., AppTest],
                                                          table_with: Callable[..., Any], tmp_path: Path) -> None:
    manifest, _ = load_manifest(open_bundle(folder))
    assert manifest is not None
    made = {p.suffix: p.read_bytes() for p in write_templates(manifest, tmp_path / "out") if p.name.startswith("hv")}
    blank = made[".docx"]
    at = open_page("upload")
    notes = ("notes.csv", b"Date,Event\n03/02/2019,Visit\n", "text/csv")
    at.file_uploader(key="intake_files").set_value([("hv.docx", blank, "application/octet-stream"), notes]).run()
    at.button(key="intake_file").click().run()
    at.selectbox(key="intake_agency_0").set_value("school").run()
    at.selectbox(key="intake_case_0").set_value("case-1").run()
    at.button(key="intake_go_0").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert _outcomes(at)["Result"].tolist() == ["returned blank", "filed"]  # the blank template is not filed
    register = table_with(at, "Filed as", "Status")
    assert register["Status"].tolist() == ["in use"]
    filed = register["Filed as"].tolist()[0]
    assert (folder / filed).is_file()

    at.selectbox(key="intake_remove_file").set_value(filed).run()
    at.button(key="intake_remove").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert not (folder / filed).exists()
    text = (folder / "audit.yaml").read_text(encoding="utf-8")
    assert filed not in text
    assert text.startswith("# Synthetic audit for the filing page test.")
    assert _outcomes(at)["Result"].tolist()[-1] == "removed"
    assert not [f for f in at.dataframe if "Status" in f.value.columns]  # nothing filed any more
    loaded = load_bundle(folder, today=dt.date(2019, 3, 20))
    assert loaded.chronology["event"].tolist() == ["Attendance meeting"]  # the hand-listed file stays


def test_the_upload_page_lists_a_superseded_return(folder: Path, db_url: str, open_page: Callable[..., AppTest],
                                                   table_with: Callable[..., Any], tmp_path: Path) -> None:
    from checker.intake.filing import file_returns

    manifest, _ = load_manifest(open_bundle(folder))
    assert manifest is not None
    template = next(p.read_bytes() for p in write_templates(manifest, tmp_path / "out") if p.suffix == ".xlsx"
                    and p.name.startswith("hv"))
    first = file_returns(folder, [("v1.xlsx", _filled(template))], received=dt.date(2019, 3, 5)).outcomes[0]
    book = openpyxl.load_workbook(io.BytesIO(_filled(template)))  # a second version: one more entry
    book["Chronology"].cell(row=3, column=1).value = "case-1"
    book["Chronology"].cell(row=3, column=2).value = "05/02/2019"
    book["Chronology"].cell(row=3, column=4).value = "Follow-up call."
    out = io.BytesIO()
    book.save(out)
    second = file_returns(folder, [("v2.xlsx", out.getvalue())], received=dt.date(2019, 3, 8)).outcomes[0]
    assert (first.status, second.status) == ("filed", "filed")
    at = open_page("upload")
    register = table_with(at, "Filed as", "Status")
    status = dict(zip(register["Filed as"], register["Status"], strict=True))
    assert status == {first.file: f"superseded by {second.file} (kept, not read)", second.file: "in use"}
