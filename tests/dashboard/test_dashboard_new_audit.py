"""The New audit page: upload a filled set-up workbook, see its problems (nothing created while one remains),
create the audit under the dashboard's audits folder, open it and see its cases on the Overview; then the
Overview's Audit details change it through the same workbook and checks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from checker.outputs.setup_workbook import setup_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "newaudit"))
from new_fill import fill, put, without_case_2  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "audits"
    monkeypatch.setenv("MACA_AUDITS", str(folder))
    return folder


def _upload(at: AppTest, key: str, data: bytes, name: str = "setup.xlsx") -> AppTest:
    at.file_uploader(key=key).set_value([(name, data, XLSX)]).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _created(at: AppTest, home: Path, blank: bytes) -> AppTest:
    _upload(at, "setup_file", fill(blank))
    at.button(key="setup_create").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_create_an_audit_and_open_it(db_url: str, home: Path, open_page: Callable[..., AppTest],
                                     page_text: Callable[[AppTest], str], table_with: Callable[..., Any]) -> None:
    at = open_page("new_audit")
    assert at.get("download_button")  # the blank workbook to download
    blank = setup_workbook()
    _upload(at, "setup_file", fill(blank))
    assert "The workbook reads cleanly" in page_text(at)
    assert not home.joinpath("maca-2026-neglect").exists()  # nothing before the officer says so
    _created(at, home, blank)
    manifest = yaml.safe_load((home / "maca-2026-neglect" / "audit.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["cases"]] == ["case-1", "case-2"]
    assert (home / "maca-2026-neglect" / "returns").is_dir()
    at.button(key="setup_open").click().run()
    assert not at.exception, [e.message for e in at.exception]
    text = page_text(at)
    assert "Audit details" in text and "Multi-agency case audit — neglect" in text
    cases = table_with(at, "Case", "Children", "Plans")
    assert cases["Case"].tolist() == ["case-1", "case-2"]
    assert "child protection plan from 02/02/2026" in cases["Plans"].tolist()[0]
    assert "unborn, due 20/06/2026" in cases["Children"].tolist()[1]


def test_problems_are_listed_and_nothing_is_created(db_url: str, home: Path, open_page: Callable[..., AppTest],
                                                    table_with: Callable[..., Any]) -> None:
    at = open_page("new_audit")
    _upload(at, "setup_file", fill(setup_workbook(), put("People", "A5", "case-9")))
    assert at.error and "nothing has been written" in at.error[0].value
    problems = table_with(at, "File", "Row", "Column", "Value")
    assert problems[["File", "Row", "Column", "Value"]].values.tolist() == [
        ["setup.xlsx, sheet 'People'", "5", "A (Case id)", "case-9"]]
    assert not [b for b in at.button if b.key == "setup_create"]
    assert not any(home.iterdir()) if home.exists() else True


def test_audit_details_on_the_overview_add_a_case(db_url: str, home: Path, open_page: Callable[..., AppTest],
                                                  table_with: Callable[..., Any]) -> None:
    blank = setup_workbook()
    at = _created(open_page("new_audit"), home, blank)
    at.button(key="setup_open").click().run()
    at.switch_page("app_pages/overview.py").run()  # AppTest reruns the page it was on unless told
    folder = home / "maca-2026-neglect"
    _upload(at, "details_file", fill(blank, put("Cases", "A6", "case-3"), put("Cases", "C6", "Teenager")))
    changes = table_with(at, "What", "Id", "Change")
    assert changes.values.tolist() == [["case", "case-3", "added"]]
    at.button(key="details_apply").click().run()
    assert not at.exception, [e.message for e in at.exception]
    manifest = yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["cases"]] == ["case-1", "case-2", "case-3"]
    assert table_with(at, "Case", "Children")["Case"].tolist() == ["case-1", "case-2", "case-3"]


def test_audit_details_keep_a_case_left_out_unless_removals_are_allowed(
        db_url: str, home: Path, open_page: Callable[..., AppTest], table_with: Callable[..., Any]) -> None:
    blank = setup_workbook()
    at = _created(open_page("new_audit"), home, blank)
    at.button(key="setup_open").click().run()
    at.switch_page("app_pages/overview.py").run()
    _upload(at, "details_file", fill(blank, without_case_2))
    assert table_with(at, "What", "Id", "Change").values.tolist()[0][2].startswith("kept")
    assert not [b for b in at.button if b.key == "details_apply"]
    at.checkbox(key="details_allow").check().run()
    assert table_with(at, "What", "Id", "Change").values.tolist() == [["case", "case-2", "removed"]]
    at.button(key="details_apply").click().run()
    manifest = yaml.safe_load((home / "maca-2026-neglect" / "audit.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["cases"]] == ["case-1"]


def test_audit_details_add_a_case_and_a_plan_with_the_same_checks(
        db_url: str, home: Path, open_page: Callable[..., AppTest], table_with: Callable[..., Any]) -> None:
    import datetime as dt

    at = _created(open_page("new_audit"), home, setup_workbook())
    at.button(key="setup_open").click().run()
    at.switch_page("app_pages/overview.py").run()
    folder = home / "maca-2026-neglect"
    before = (folder / "audit.yaml").read_bytes()
    at.selectbox(key="add_plan_case").set_value("case-2")
    at.selectbox(key="add_plan_type").set_value("Child in need plan")
    at.date_input(key="add_plan_start").set_value(dt.date(2026, 3, 1))
    at.date_input(key="add_plan_end").set_value(dt.date(2026, 2, 1))
    at.button(key="FormSubmitter:add_plan-Add the plan").click().run()
    assert not at.exception, [e.message for e in at.exception]
    problem = table_with(at, "File", "Row", "Column").values.tolist()[0]
    assert problem[1:4] == ["Audit details, sheet 'Plans'", "5", "E (End date (blank if open))"]
    assert (folder / "audit.yaml").read_bytes() == before  # refused: nothing written
    at.date_input(key="add_plan_end").set_value(dt.date(2026, 4, 1))
    at.button(key="FormSubmitter:add_plan-Add the plan").click().run()
    at.text_input(key="add_case_id").input("case-3")
    at.text_input(key="add_case_summary").input("Teenager missing education")
    at.button(key="FormSubmitter:add_case-Add the case").click().run()
    assert not at.exception, [e.message for e in at.exception]
    manifest = yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["cases"]] == ["case-1", "case-2", "case-3"]
    assert manifest["cases"][1]["plans"] == [{"type": "child_in_need", "start": dt.date(2026, 3, 1),
                                              "end": dt.date(2026, 4, 1)}]
    assert "# Audit set up from setup.xlsx" in (folder / "audit.yaml").read_text(encoding="utf-8")
