"""`maca intake --received` reads dates as people write them, with the one day-first parser the checker has."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from checker.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_received_accepts_day_first_words_and_refuses_an_impossible_day(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "samples" / "good-practice", bundle)
    empty = tmp_path / "return.csv"
    empty.write_text("", encoding="utf-8")
    bad = CliRunner().invoke(main, ["intake", str(bundle), str(empty), "--received", "31/02/2019"])
    assert bad.exit_code == 2
    assert "February 2019 has no day 31" in bad.output
    words = CliRunner().invoke(main, ["intake", str(bundle), str(empty), "--received", "8 Mar 2019",
                                      "--agency", "gp", "--case", "case-1"])
    assert "Invalid value for --received" not in words.output
