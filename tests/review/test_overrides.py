"""The partnership's overrides (`--overrides DIR` / $MACA_OVERRIDES): every audit is checked with them unless
its own audit.yaml sets the parameter; the run's rule-set id carries them, so a changed overlay is a new
stored run; `maca check` says which values came from where; a bad file is refused naming the file, the
parameter and the value; "adopt for every audit" writes a value there with its comments kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.check import run_check
from checker.check.executors import LocalExecutor
from checker.check.partition import run_partitioned
from checker.cli.main import main
from checker.engine.catalogue import load_catalogue
from checker.engine.overlay import ENV_OVERRIDES, load_overlay, write_override
from checker.intake.bundle import load_bundle
from checker.review import ensure_run
from checker.storage import Store

ROOT = Path(__file__).resolve().parents[2]
RULE = "management-oversight-gap"  # flags the sample's cases 1, 2, 3, 4, 6: gaps of 125, 58, 47, 34, 69 days
PLAIN = ["case-1", "case-2", "case-3", "case-4", "case-6"]  # with its default, 30 (tests/review/test_practice.py)


def _cases(result: object) -> list[str]:
    return sorted(f["case"] for f in result.flags if f["rule"] == RULE)  # type: ignore[attr-defined]


def test_every_audit_is_checked_with_the_overrides_under_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "overrides"
    shared.mkdir()
    (shared / f"{RULE}.yaml").write_text("# QA sub-group, December\ndays: 60\n", encoding="utf-8")
    own = tmp_path / "audit"
    shutil.copytree(ROOT / "samples" / "homelessness", own)
    with (own / "audit.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"parameters:\n  {RULE}: {{days: 20}}\n")
    monkeypatch.setenv(ENV_OVERRIDES, str(shared))
    partnership = run_check(load_bundle(ROOT / "samples" / "homelessness"))
    audit_first = run_check(load_bundle(own))
    assert _cases(partnership) == ["case-1", "case-6"]  # more than 60 days
    assert _cases(audit_first) == PLAIN  # audit.yaml's 20 (no change from 30 here) wins over the 60
    assert partnership.bundle.partnership == {RULE: {"days": 60}} and audit_first.bundle.partnership == {}
    with LocalExecutor(workers=1) as executor:  # partitioned on worker processes: the same overrides, same result
        assert run_partitioned(load_bundle(ROOT / "samples" / "homelessness"), executor=executor,
                               parts=2).dumps() == partnership.dumps()
    digest = load_catalogue().digest
    assert audit_first.ruleset == digest and partnership.ruleset.startswith(digest + "+p")
    with Store(f"sqlite:///{tmp_path / 'maca.sqlite'}") as store:  # the run stored before the overrides came in
        before = store.record_run(partnership.audit_id, partnership.bundle.digest, digest, partnership.as_of, [], [], [])
        assert ensure_run(store, partnership) != before  # a new run, not the stale one


def test_maca_check_names_the_partnerships_values_and_refuses_a_bad_one(tmp_path: Path) -> None:
    shared = tmp_path / "overrides"
    shared.mkdir()
    (shared / f"{RULE}.yaml").write_text("days: 400\n", encoding="utf-8")
    (shared / "no-such-rule.yaml").write_text("days: 5\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(ROOT / "samples" / "homelessness"), "--overrides", str(shared)],
                             env={ENV_OVERRIDES: None})
    assert out.exit_code == 2 and "Traceback" not in out.output
    text = " ".join(out.stderr.split())
    assert f"overrides/{RULE}.yaml: days: {RULE} parameter days: 400 is outside its allowed range" in text
    assert "overrides/no-such-rule.yaml: there is no rule 'no-such-rule'" in text


def test_adopting_for_every_audit_keeps_the_files_comments(tmp_path: Path) -> None:
    (tmp_path / f"{RULE}.yaml").write_text("# why we changed it: see the board paper\ndays: 45  # 2025\n",
                                           encoding="utf-8")
    write_override(tmp_path, RULE, "days", 60, "days adopted 07/12/2026 by J. Smith")
    write_override(tmp_path, "repeat-referrals", "count", 4, "adopted by J. Smith")
    text = (tmp_path / f"{RULE}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# why we changed it: see the board paper\n") and "days adopted 07/12/2026" in text
    assert yaml.safe_load(text) == {"days": 60}
    assert load_overlay(tmp_path, load_catalogue()) == {RULE: {"days": 60}, "repeat-referrals": {"count": 4}}
