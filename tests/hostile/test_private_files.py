"""Defect 7: the store and every export are private to their owner (0600, folders 0700) under umask 022."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.storage import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "samples" / "homelessness")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_the_default_store_is_created_0700_and_0600(data_dir: Path):
    with Store() as store:
        store.record_run("a", "d", "rs", __import__("datetime").date(2019, 3, 1), [], [], [])
    assert _mode(data_dir) == 0o700
    files = [p for p in data_dir.iterdir() if p.name.startswith("maca.sqlite")]
    assert files and all(_mode(p) == 0o600 for p in files), {p.name: oct(_mode(p)) for p in files}


@pytest.mark.usefixtures("umask_022")
def test_an_existing_world_readable_store_file_is_made_private(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    path.touch(mode=0o644)
    with Store(f"sqlite:///{path}"):
        pass
    assert _mode(path) == 0o600


@pytest.mark.usefixtures("umask_022")
def test_every_export_is_0600_unless_shared(runner: CliRunner, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["check", SAMPLE, "--json", str(out / "check.json")],
        ["validate", SAMPLE, "--json", str(out / "validate.json")],
        ["referrals", SAMPLE, "--csv", str(out / "w.csv"), "--xlsx", str(out / "w.xlsx"), "--json", str(out / "w.json")],
        ["quality", SAMPLE, "--feedback", str(out / "feedback"), "--json", str(out / "q.json")],
    ]
    for args in commands:
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) > 8  # every file above, and a feedback pair per agency
    assert {p.relative_to(out).as_posix(): oct(_mode(p)) for p in written if _mode(p) != 0o600} == {}
    assert _mode(out / "feedback") == 0o700

    shared = tmp_path / "shared"
    shared.mkdir()
    result = runner.invoke(main, ["--share", "referrals", SAMPLE, "--csv", str(shared / "w.csv"), "--json", str(shared / "w.json")])
    assert result.exit_code == 0, result.output
    assert {_mode(p) for p in shared.iterdir()} == {0o644}


@pytest.mark.usefixtures("umask_022")
def test_an_existing_export_is_made_private_when_overwritten(runner: CliRunner, tmp_path: Path):
    target = tmp_path / "w.csv"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o644)
    assert runner.invoke(main, ["referrals", SAMPLE, "--csv", str(target)]).exit_code == 0
    assert _mode(target) == 0o600


@pytest.mark.usefixtures("umask_022")
def test_every_command_writes_only_private_files_and_folders(runner: CliRunner, tmp_path: Path):
    """Issue 25, defect 6: under umask 022 every file any command writes is 0600 and every folder it makes
    0700 — the briefing, the templates, filed returns and generated bundles as well as the exports."""
    import template_craft as tc

    out = tmp_path / "out"
    out.mkdir()
    bundle = tmp_path / "intake-bundle"
    tc.write_bundle(bundle)
    returned = tmp_path / "hv return.xlsx"
    returned.write_bytes(tc.filled_xlsx())
    before = {p for p in bundle.rglob("*")}
    commands = [
        ["check", SAMPLE, "--json", str(out / "check.json")],
        ["validate", SAMPLE, "--json", str(out / "validate.json")],
        ["referrals", SAMPLE, "--csv", str(out / "w.csv"), "--xlsx", str(out / "w.xlsx"), "--json", str(out / "w.json")],
        ["quality", SAMPLE, "--feedback", str(out / "feedback"), "--json", str(out / "q.json")],
        ["briefing", SAMPLE, "--out", str(out / "briefing" / "march")],
        ["templates", SAMPLE, "--out", str(out / "templates")],
        ["generate", str(out / "sweep"), "--cases", "5", "--truth", str(out / "sweep.truth.json")],
        ["intake", str(bundle), str(returned), "--received", "08/03/2019"],
    ]
    for args in commands:
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args[0], result.output)
    written = [p for p in out.rglob("*")] + [p for p in bundle.rglob("*") if p not in before]
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    for expected in ("out/briefing/march/briefing.md", "out/briefing/march/briefing.docx",
                     "out/briefing/march/action-plan.xlsx", "out/sweep/audit.yaml", "out/sweep.truth.json"):
        assert expected in names
    assert any(n.startswith("out/templates/") and n.endswith(".docx") for n in names)
    assert any(n.startswith("intake-bundle/returns/hv-template-") for n in names)
    wrong = {p.relative_to(tmp_path).as_posix(): oct(_mode(p)) for p in written
             if _mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert wrong == {}

    shared = tmp_path / "shared"
    result = runner.invoke(main, ["--share", "templates", SAMPLE, "--out", str(shared)])
    assert result.exit_code == 0, result.output
    assert {_mode(p) for p in shared.iterdir()} == {0o644} and _mode(shared) == 0o755
