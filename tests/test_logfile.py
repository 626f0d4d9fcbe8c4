"""The log is one private file, configured once, holding the store's audit trail and rules that could not
run, and never a record's text."""

from __future__ import annotations

import logging
from pathlib import Path

from checker.check import run_check
from checker.facts import REGISTRY
from checker.intake.bundle import load_bundle
from checker.model.logfile import configure_logging
from checker.review.runs import ensure_run
from checker.storage import Store

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "homelessness"


def test_the_log_is_private_holds_the_audit_trail_and_no_record_text(tmp_path: Path, monkeypatch) -> None:
    log_file = tmp_path / "logs" / "maca.log"
    assert configure_logging(log_file) == log_file
    assert configure_logging(log_file) == log_file  # once: a second call adds no second handler
    assert sum(isinstance(h, logging.FileHandler) for h in logging.getLogger("checker").handlers) == 1
    spec = REGISTRY["rolling_count"]

    def boom(ctx, args):
        raise RuntimeError("simulated failure")

    monkeypatch.setitem(REGISTRY, "rolling_count", type(spec)(spec.name, spec.args, boom, spec.doc, spec.outputs))
    bundle = load_bundle(SAMPLE)
    result = run_check(bundle)
    with Store(f"sqlite:///{tmp_path / 'runs.sqlite'}") as store:
        ensure_run(store, result)
    text = log_file.read_text(encoding="utf-8")
    assert "checker.storage: storage: opened sqlite" in text
    assert "derivation rolling_count failed: RuntimeError" in text
    assert log_file.stat().st_mode & 0o077 == 0
    entries = [str(e) for e in bundle.chronology["event"] if len(str(e)) > 15]
    assert entries and not [e for e in entries if e in text]  # no record text, ever


def test_an_unwritable_log_does_not_stop_the_command(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert configure_logging(blocker / "maca.log") is None  # its folder is a file: no log, no error
