"""The Upload page files several returned files at once into the audit folder: templates by their stamp,
an unstamped file once the officer says whose it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from checker.intake.bundle import load_bundle, load_manifest, open_bundle
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
    files = [("Copy of hv.docx", made[".docx"], "application/octet-stream"),
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
    assert sorted(set(loaded.chronology["agency"])) == ["school"]
    assert "Visit" in loaded.chronology["event"].tolist()
    assert len([c for c in loaded.counts if c.agency == "hv"]) == 2  # the template: chronology and return
