"""The small things a first-time user trips on (issue 24, Why 6): each says what it takes, refuses what it
cannot do before any work, and prints what it wrote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.cli.shell import cases_words
from checker.cli.show import flag_key

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "samples" / "homelessness")


def _invoke(*args: str, tmp_path: Path) -> tuple[int, str]:
    result = CliRunner(env={"MACA_DB_URL": f"sqlite:///{tmp_path / 'maca.sqlite'}"}).invoke(main, list(args))
    return result.exit_code, result.output


def test_briefing_as_of_help_says_day_first_as_it_takes_it(tmp_path):
    code, text = _invoke("briefing", "--help", tmp_path=tmp_path)
    assert code == 0 and "26/03/2019" in " ".join(text.split()) and "YYYY-MM-DD" not in text


@pytest.mark.parametrize("command", [["check", SAMPLE, "--xlsx"], ["check", SAMPLE, "--worklist-xlsx"],
                                     ["referrals", SAMPLE, "--xlsx"]])
def test_a_workbook_named_csv_is_refused_before_any_work(command, tmp_path):
    target = tmp_path / "flags.csv"
    code, text = _invoke(*command, str(target), tmp_path=tmp_path)
    assert code == 2 and "does not end in .xlsx" in text and "flags.xlsx" in text
    assert not target.exists()


def test_feedback_into_a_place_no_one_can_write_is_refused_first(tmp_path):
    code, text = _invoke("quality", SAMPLE, "--feedback", "/proc/x", tmp_path=tmp_path)
    assert code == 2 and "--feedback" in text and "Audit quality" not in text  # said before the league table


def test_show_takes_a_flag_id_in_any_case_with_or_without_f():
    assert flag_key(" F-1A2B3C4D5E6F7A8B ") == flag_key("1a2b3c4d5e6f7a8b") == "f-1a2b3c4d5e6f7a8b"


def test_fail_on_lists_at_most_twenty_cases_then_a_count():
    cases = [f"case-{i}" for i in range(1, 186)]
    said = cases_words(cases)
    assert said.count("case-") == 20 and said.endswith("and 165 more cases")
    assert cases_words(cases[:3]) == "case-1, case-2, case-3"


def test_referrals_says_where_it_wrote_the_workbook(tmp_path):
    target = tmp_path / "referrals.xlsx"
    code, text = _invoke("referrals", SAMPLE, "--xlsx", str(target), tmp_path=tmp_path)
    assert code == 0 and target.exists()
    assert re.search(rf"written to {re.escape(str(target))}", text)


def test_every_explain_text_example_in_the_readme_reads_a_kind(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r'maca explain-text "([^"]+)"', readme)
    assert examples
    for example in examples:
        code, text = _invoke("explain-text", example, tmp_path=tmp_path)
        assert code == 0 and not text.startswith("No event kind found"), (example, text)
        assert re.search(r"^\w+ +(?:done|planned|attempted|negated|conditional|historical|other person) ", text,
                         flags=re.M), text
    code, text = _invoke("explain-text", "nothing to read here", tmp_path=tmp_path)
    assert "rules/kinds.yaml" in text  # an empty reading says where the kinds' words are


def test_the_grade_is_an_overall_grade_not_ofsteds_for_every_agency(tmp_path):
    code, text = _invoke("quality", "--help", tmp_path=tmp_path)
    assert code == 0 and "overall grade" in text and "Ofsted" not in text  # police and health are not Ofsted's
