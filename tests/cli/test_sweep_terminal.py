"""A sweep of thousands of cases on the terminal: the act-today block and the worklist stay readable (the
first actions, then how many more of each kind and where every one is), and `maca referrals` runs on every
core with the same worklist."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

import checker.cli.referrals as referrals_cli
from checker.cli.main import main as cli
from checker.review.today import Action, Today

SAMPLE = "samples/homelessness"
DAY = dt.date(2019, 3, 26)


def _today(refer: int, confirm: int, high_cases: int) -> Today:
    today = Today(as_of=DAY)
    today.actions += [Action("refer", f"c-{i:05d}", "Eviction in 3 days", "the MASH", DAY) for i in range(refer)]
    today.actions += [Action("confirm", f"d-{i:05d}", "Eviction in 9 days", "the MASH", DAY) for i in range(confirm)]
    today.high_not_listed = {f"h-{i:05d}": 2 for i in range(high_cases)}
    return today


def test_a_long_block_lists_the_first_actions_then_counts_the_rest_by_kind():
    lines = _today(refer=30, confirm=25, high_cases=500).lines(at_most=40, high_flags_are="in the --jsonl file")
    listed = [line for line in lines if line.startswith(("REFER", "CONFIRM"))]
    assert len(listed) == 40
    assert "… AND 15 MORE ACTIONS (15 to confirm with Early Help)." in lines
    high = next(line for line in lines if line.startswith("HIGH FLAGS TO READ"))
    assert "1,000 high flags" in high and high.endswith("and 480 more cases.")
    assert high.count("(2)") == 20
    assert any(line.endswith("Each is in the --jsonl file.") for line in lines)


def test_a_short_block_is_listed_whole():
    today = _today(refer=3, confirm=1, high_cases=2)
    assert today.lines(at_most=40) == today.lines()
    assert not any("MORE" in line or "more case" in line for line in today.lines(at_most=40))


def test_referrals_on_workers_gives_the_same_worklist(tmp_path):
    runner = CliRunner()
    one = runner.invoke(cli, ["referrals", SAMPLE, "--workers", "1", "--json", str(tmp_path / "one.json")])
    two = runner.invoke(cli, ["referrals", SAMPLE, "--workers", "2", "--json", str(tmp_path / "two.json")])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert (tmp_path / "one.json").read_text() == (tmp_path / "two.json").read_text()
    assert one.output == two.output


def test_a_long_worklist_prints_its_first_households_when_a_file_holds_them_all(tmp_path, monkeypatch):
    runner = CliRunner()
    whole = runner.invoke(cli, ["referrals", SAMPLE])
    monkeypatch.setattr(referrals_cli, "PRINT_AT_MOST", 0)  # the sample has one household on each list
    cut = runner.invoke(cli, ["referrals", SAMPLE, "--csv", str(tmp_path / "w.csv")])
    assert whole.exit_code == 0 and cut.exit_code == 0
    assert "more household" not in whole.output
    assert cut.output.count("… and 1 more household, most urgent first: every household is in the --csv file.") == 2
    assert "case-4" in whole.output and "case-4" not in cut.output
    assert (tmp_path / "w.csv").read_text(encoding="utf-8-sig").count("case-4") >= 1
