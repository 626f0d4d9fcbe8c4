"""The Upload page: every problem listed by file and row before anything is run; unsafe or oversized
uploads refused with a message, never a crash; a good upload becomes the session's audit."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from checker.review import bundles

MANIFEST = b"""\
audit:
  id: maca-upload-test
  title: Uploaded test audit
  theme: homelessness
  meeting_date: 2019-03-26
  period: {start: 2018-03-01, end: 2019-02-28}
agencies:
  - {id: housing, name: Testshire Housing Options, type: housing}
  - {id: gp, name: Testshire surgery, type: gp}
cases:
  - id: case-1
    children: [{id: c1-a, date_of_birth: 2016-07-14}]
submissions:
  chronologies:
    - {file: chronologies/housing.csv, agency: housing, case: case-1}
    - {file: chronologies/gp.csv, agency: gp, case: case-1}
"""
HOUSING = b"""\
Date,Event,Action
12/01/2019,Family presented as homeless after s21 notice,Homelessness application taken
31/02/2019,Visit to temporary accommodation,None
15/02/2019,Bailiffs booked for 04/04/2019,Referred to Early Help
"""


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="upload_files").set_value([(n, d, "application/octet-stream") for n, d in files]).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _problems(at: AppTest) -> Any:
    return next(t.value for t in at.dataframe if {"File", "Row", "Problem"} <= set(t.value.columns))


def test_a_broken_bundle_lists_every_problem_by_file_and_row(
    db_url: str, open_page: Callable[..., AppTest], page_text: Callable[[AppTest], str]
) -> None:
    at = _upload(open_page("upload"), ("bundle.zip", _zip({"audit.yaml": MANIFEST, "chronologies/housing.csv": HOUSING})))
    problems = _problems(at)
    bad_date = problems[(problems["File"] == "chronologies/housing.csv") & (problems["Row"] == "3")]
    assert len(bad_date) == 1 and bad_date["Level"].iloc[0] == "ERROR"
    assert "31/02/2019" in bad_date["Value"].iloc[0]
    assert (problems["Problem"].str.contains("gp.csv") | problems["File"].str.contains("gp.csv")).any()
    assert "Uploaded test audit" in page_text(at)
    assert any(b.label == "Check this bundle and review it" for b in at.button)


def test_an_unusable_bundle_shows_its_problems_and_cannot_be_checked(
    db_url: str, open_page: Callable[..., AppTest]
) -> None:
    broken = MANIFEST.replace(b"agencies:", b"agencys:")
    at = _upload(open_page("upload"), ("bundle.zip", _zip({"audit.yaml": broken, "chronologies/housing.csv": HOUSING})))
    problems = _problems(at)
    assert (problems["File"] == "audit.yaml").all() and len(problems) >= 1
    assert any("Nothing usable" in e.value for e in at.error)
    assert not any(b.label == "Check this bundle and review it" for b in at.button)


@pytest.mark.parametrize("entry", ["../outside.csv", "/etc/outside.csv", "chronologies/../../outside.csv"])
def test_a_zip_entry_outside_the_bundle_is_refused(entry: str, db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = _upload(open_page("upload"), ("bundle.zip", _zip({"audit.yaml": MANIFEST, entry: HOUSING})))
    assert any("refused" in e.value and "outside the bundle" in e.value for e in at.error)
    assert not any(b.label == "Check this bundle and review it" for b in at.button)


def test_an_upload_over_the_limit_is_refused(
    db_url: str, open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundles, "MAX_UPLOAD_MB", 0.001)
    at = _upload(open_page("upload"), ("bundle.zip", _zip({"audit.yaml": MANIFEST, "x.csv": b"x" * 5000})))
    assert any("limit" in e.value for e in at.error)


def test_loose_files_are_put_where_audit_yaml_says(db_url: str, open_page: Callable[..., AppTest]) -> None:
    at = _upload(open_page("upload"), ("audit.yaml", MANIFEST), ("housing.csv", HOUSING))
    problems = _problems(at)
    assert not problems["Problem"].str.contains("housing.csv").any()  # found at chronologies/housing.csv
    assert (problems["File"] == "chronologies/housing.csv").any()  # …and its bad row reported there


def test_a_good_upload_becomes_the_sessions_audit(
    db_url: str, open_page: Callable[..., AppTest], page_text: Callable[[AppTest], str]
) -> None:
    manifest = MANIFEST.replace(b"    - {file: chronologies/gp.csv, agency: gp, case: case-1}\n", b"")
    at = _upload(open_page("upload"), ("bundle.zip", _zip({"audit.yaml": manifest, "chronologies/housing.csv": HOUSING})))
    next(b for b in at.button if b.label == "Check this bundle and review it").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Overview" in page_text(at) and "Uploaded test audit" in page_text(at)
    at.switch_page("app_pages/flags.py").run()
    assert not at.exception
    assert "Uploaded test audit" in page_text(at)
