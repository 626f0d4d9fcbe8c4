"""checker.review and dashboard.views without Streamlit: run reuse, filters, safe saving, uploads,
exports; and the `maca dashboard` / `maca purge` commands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker import review
from checker.cli.main import main
from checker.review.runs import _storable
from checker.storage import Store
from dashboard import referral_views

AUDIT = "maca-test"
AS_OF = dt.date(2019, 3, 26)


def _flag(fid: str, severity: str = "high", case: str = "case-1", agency: str | None = "hv", **extra: Any) -> dict[str, Any]:
    return {"id": fid, "rule": "antenatal-hv-missing", "category": "risk", "case": case, "agency": agency,
            "severity": severity, "message": "No ante-natal contact by 30 weeks.", "evidence": [],
            "title": "dropped before storing", "recommended_action": "dropped too", **extra}  # fmt: skip


@dataclass
class _Bundle:
    digest: str


@dataclass
class _Result:
    """What `ensure_run` reads of a CheckResult."""

    bundle: _Bundle
    flags: list[dict[str, Any]]
    ruleset: str = "rules-1"
    as_of: dt.date = AS_OF
    audit_id: str = AUDIT
    quality: Any = None
    worklist: Any = None


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store(f"sqlite:///{tmp_path / 'maca.sqlite'}") as s:
        yield s


def test_a_run_is_stored_once_per_bundle_rules_and_date(store: Store) -> None:
    first = _Result(_Bundle("digest-1"), [_flag("f-1"), _flag("f-2")])
    run = review.ensure_run(store, first)  # type: ignore[arg-type]
    assert review.ensure_run(store, first) == run  # a restart or a second session: same run
    resubmitted = _Result(_Bundle("digest-2"), [_flag("f-1")])
    later = review.ensure_run(store, resubmitted)  # type: ignore[arg-type]
    assert later != run
    assert [f["id"] for f in store.changes(later)["resolved"]] == ["f-2"]


def test_filters_keep_flags_matching_every_choice() -> None:
    flags = [_flag("a", "high", "case-1", "hv"), _flag("b", "medium", "case-1", None), _flag("c", "high", "case-2")]
    for f in flags:
        f.update(status="open", change="new")
    assert [f["id"] for f in review.filter_flags(flags, severity=["high"])] == ["a", "c"]
    assert [f["id"] for f in review.filter_flags(flags, severity=["high"], case=["case-2"])] == ["c"]
    assert [f["id"] for f in review.filter_flags(flags, agency=["—"])] == ["b"]  # multi-agency flags
    assert review.filter_options(flags)["severity"] == ["high", "medium"]
    with pytest.raises(ValueError, match="unknown filter"):
        review.filter_flags(flags, colour=["red"])


def test_a_stale_save_comes_back_as_a_conflict_naming_the_winner(store: Store) -> None:
    run = review.ensure_run(store, _Result(_Bundle("d"), [_flag("f-1")]))  # type: ignore[arg-type]
    flag = store.flags(run)[0]
    won = review.save_review(store, AUDIT, flag, "First", "confirmed", expected_version=0)
    lost = review.save_review(store, AUDIT, flag, "Second", "dismissed", reason="seen", expected_version=0)
    assert won.saved and won.version == 1
    assert not lost.saved and lost.conflict
    assert lost.current is not None and lost.current["reviewer"] == "First"
    assert lost.attempted is not None and lost.attempted["reason"] == "seen"
    refused = review.save_review(store, AUDIT, flag, "Second", "dismissed", expected_version=1)
    assert not refused.saved and not refused.conflict and "reason" in refused.message
    nameless = review.save_review(store, AUDIT, flag, " ", "confirmed", expected_version=1)
    assert not nameless.saved and "name" in nameless.message


def test_loose_uploads_are_placed_by_audit_yaml(tmp_path: Path) -> None:
    manifest = (
        b"audit: {id: t, title: T, theme: homelessness}\n"
        b"agencies: [{id: housing, name: H, type: housing}]\ncases: [{id: case-1}]\n"
        b"submissions: {chronologies: [{file: chronologies/housing.csv, agency: housing, case: case-1}]}\n"
    )
    csv = b"Date,Event\n12/01/2019,Presented as homeless\n"
    bundle = review.load_upload([("audit.yaml", manifest), ("C:\\Users\\qa\\housing.csv", csv)], tmp_path)
    assert (tmp_path / "chronologies" / "housing.csv").read_bytes() == csv
    assert len(bundle.chronology) == 1


def test_the_referral_download_is_formula_safe() -> None:
    entry = {"list": "refer_today", "case": "case-4", "eviction_date": "2019-04-04", "reason": '=HYPERLINK("x")',
             "household": {"summary": "2 children"}, "references": [], "evidence": []}  # fmt: skip
    text = referral_views.referral_csv([entry]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    assert referral_views.referral_xlsx([entry])[:2] == b"PK"


def test_severity_is_written_as_text() -> None:
    assert review.severity_label("high").startswith("HIGH")
    table = review.flags_table([{**_flag("f-1"), "status": "dismissed", "change": "resolved"}])
    assert table.loc[0, ["Severity", "Status", "Change"]].tolist() == ["HIGH ▲▲▲", "Dismissed", "resolved (not raised now)"]


def test_purge_removes_old_runs_and_keeps_decisions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'maca.sqlite'}"
    then = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with Store(url, clock=lambda: then) as old:
        old.record_run(AUDIT, "d", "r", AS_OF, [_storable(_flag("f-1"))], [], [])
        old.save_decision(AUDIT, "f-1", "J. Smith", "confirmed")
    result = CliRunner().invoke(main, ["purge", "--older-than", "365", "--db", url, "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 runs" in result.output and "0 decisions" in result.output
    with Store(url) as store:
        assert store.runs() == [] and store.decision(AUDIT, "f-1") is not None


def test_purge_asks_before_deleting(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'maca.sqlite'}"
    result = CliRunner().invoke(main, ["purge", "--older-than", "30", "--db", url], input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output


def test_dashboard_refuses_a_database_it_cannot_open(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dashboard", "--db", "mysql://nobody@nowhere/db", "--port", "8599"])
    assert result.exit_code == 1
    assert "Error:" in result.output


@pytest.mark.parametrize("command", ["dashboard", "purge"])
def test_commands_have_help_and_are_documented(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    docs = (Path(__file__).resolve().parents[2] / "docs" / "dashboard.md").read_text(encoding="utf-8")
    assert f"maca {command}" in docs
