"""What the checker learns from the review (issue 27, items 2-4), on a store holding both sample audits' runs
with a scripted set of decisions and findings the panel added:

- `maca rules accuracy` gives each rule's precision (confirmed ÷ decided) and recall (confirmed ÷ (confirmed +
  added)) with their counts, per audit and over every audit, and says when there are too few to judge;
- `maca labels` writes the review as labels, and `maca evaluate` on them gives the recall and must-not figures
  the decisions imply;
- `maca rules try management-oversight-gap --set days=60` lists the flags it would remove, with their
  decisions; a parameter the rule does not have, or a value out of its range, is refused naming both.

The store is built once for the module (the two samples are checked once each, through `maca labels`, which
stores the run and records where its bundle is).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from checker.cli.main import main
from checker.storage import Store

ROOT = Path(__file__).resolve().parents[2]
HOMELESS, GOOD = ROOT / "samples" / "homelessness", ROOT / "samples" / "good-practice"
A, B = "maca-2019-homelessness", "maca-2019-homelessness-good-practice"
OVERSIGHT, SHARING = "management-oversight-gap", "information-not-shared"


def _invoke(args: list[str], url: str) -> Any:
    return CliRunner().invoke(main, args, env={"MACA_DB_URL": url}, catch_exceptions=False)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory, script_review: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """A store with both samples' runs, the scripted decisions and three findings the panel added."""
    folder = tmp_path_factory.mktemp("practice")
    url = f"sqlite:///{folder / 'maca.sqlite'}"
    for bundle in (HOMELESS, GOOD):  # stores each run (none yet) and where its bundle is
        out = _invoke(["labels", str(bundle), str(folder / "first.yaml")], url)
        assert out.exit_code == 0, out.output
    with Store(url) as store:
        scripted = script_review(store)  # tests/conftest.py says what the panel decided and added
    return {"url": url, "folder": folder, **scripted}


def test_rules_accuracy_gives_precision_and_recall_with_counts(reviewed: dict[str, Any]) -> None:
    out = _invoke(["rules", "accuracy", "--audit", A], reviewed["url"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    here, everywhere = text.split("Over every audit in the store:")
    # this audit: 3 confirmed (action needed counts), 2 dismissed, 0 open; one finding added under the rule
    assert (f"{OVERSIGHT} — " in here and "3 confirmed, 2 dismissed, 0 open; 1 added by the panel precision 60% "
            "(3 of 5 decided); recall too few to judge (3 of 4: 1 added by the panel; at least 5 needed)") in here
    # every audit: the good-practice audit's finding counts too, so recall is judged
    assert ("3 confirmed, 2 dismissed, 0 open; 2 added by the panel precision 60% (3 of 5 decided); "
            "recall 60% (3 of 5: 2 added by the panel)") in everywhere
    assert ("4 confirmed, 1 dismissed, 3 open; 0 added by the panel precision 80% (4 of 5 decided); "
            "recall too few to judge (4 of 4: 0 added by the panel; at least 5 needed)") in everywhere
    assert "2 audits stored, 2 runs" in text and re.search(r"from \d\d/\d\d/\d{4} to \d\d/\d\d/\d{4}", text)


def test_rules_accuracy_refuses_an_audit_not_in_the_store(reviewed: dict[str, Any]) -> None:
    out = _invoke(["rules", "accuracy", "--audit", "no-such-audit"], reviewed["url"])
    assert out.exit_code == 1 and "no audit 'no-such-audit'" in out.output and A in out.output


def test_labels_then_evaluate_give_the_recall_and_must_not_the_decisions_imply(reviewed: dict[str, Any]) -> None:
    path = reviewed["folder"] / "labels.yaml"
    out = _invoke(["labels", str(HOMELESS), str(path)], reviewed["url"])
    assert out.exit_code == 0, out.output
    labels = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = labels["cases"]
    assert OVERSIGHT in cases["case-1"]["fire"] and OVERSIGHT in cases["case-6"]["fire"]  # action needed: fire
    assert OVERSIGHT in cases["case-2"]["not"] and OVERSIGHT in cases["case-3"]["not"]
    assert OVERSIGHT in cases["case-5"]["fire"]  # the finding the panel added
    assert "dismissed by A. Chair" in cases["case-2"]["why"][OVERSIGHT]
    fire = {(c, r) for c, lab in cases.items() for r in lab["fire"]}
    must_not = {(c, r) for c, lab in cases.items() for r in lab["not"]}
    unsure = {(c, r) for c, lab in cases.items() for r in lab["unsure"]}
    assert not fire & must_not and not fire & unsure and not must_not & unsure
    sharing_cases = {case for case, _ in reviewed["sharing"]}
    assert {(c, SHARING) for c in sharing_cases} & fire  # a case with one confirmed flag fires

    scored = _invoke(["evaluate", str(HOMELESS), str(path), "--brief"], reviewed["url"])
    assert scored.exit_code == 0, scored.output
    line = next(x for x in scored.output.splitlines() if x.startswith("all rules"))
    # unchanged rules: every confirmed flag is found, the one finding no rule raised is missed; every dismissed
    # flag is flagged again, so none of the must-nots is respected. Unsure labels are not scored.
    assert line.split()[2:] == [f"{len(fire) - 1}/{len(fire)}", f"({round(100 * (len(fire) - 1) / len(fire))}%)",
                                f"0/{len(must_not)}", "(0%)"]
    oversight = next(x for x in scored.output.splitlines() if x.startswith(OVERSIGHT))
    assert oversight.split()[1:] == ["3/4", "(75%)", "0/2", "(0%)"]


def test_rules_try_lists_the_flags_removed_with_their_decisions(reviewed: dict[str, Any]) -> None:
    out = _invoke(["rules", "try", OVERSIGHT, "--set", "days=60"], reviewed["url"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    homeless, good = text.split(B, 1)
    # 58, 47 and 34 days are no longer more than 60; 125 and 69 still are
    assert "days = 60: removes 3 flags (2 dismissed, 1 confirmed), adds none" in homeless
    assert "removes case-2 (" in homeless and "— dismissed: 58 days" in homeless
    assert "removes case-3 (" in homeless and "— dismissed: 47 days" in homeless
    assert "removes case-4 (" in homeless and "— confirmed: 34 days" in homeless
    assert "case-1" not in homeless.split("removes", 1)[1] and "case-6" not in homeless.split("removes", 1)[1]
    assert "no change: the same flags either way" in good


def test_rules_try_says_which_added_flags_match_a_finding_the_panel_added(reviewed: dict[str, Any]) -> None:
    out = _invoke(["rules", "try", OVERSIGHT, "--set", "days=20", "--audits", B], reviewed["url"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert A + "," not in text  # only the audit asked for
    assert "removes none, adds 3 (2 undecided, 1 matches a finding the panel added)" in text
    assert "adds case-2 (Northshire Children's Trust — Children's Social Care) — matches a finding" in text


@pytest.mark.parametrize(("setting", "words"), [
    ("dayz=60", ["management-oversight-gap has no parameter 'dayz'", "its parameters: days"]),
    ("days=400", ["management-oversight-gap parameter days: 400 is outside its allowed range",
                  "a whole number from 7 to 90"]),
    ("days=six", ["management-oversight-gap parameter days: 'six' is not a whole number"]),
    ("days=45.5", ["45.5 is not a whole number"]),
])
def test_rules_try_refuses_a_parameter_or_value_naming_both(reviewed: dict[str, Any], setting: str,
                                                            words: list[str]) -> None:
    out = CliRunner().invoke(main, ["rules", "try", OVERSIGHT, "--set", setting],
                                             env={"MACA_DB_URL": reviewed["url"]})
    assert out.exit_code == 2
    for expected in words:
        assert expected in out.stderr
    assert "Traceback" not in out.stderr + out.stdout and out.stdout == ""


def test_rules_try_says_why_an_audit_could_not_be_tried(reviewed: dict[str, Any]) -> None:
    out = _invoke(["rules", "try", OVERSIGHT, "--set", "days=60", "--audits", "no-such-audit"], reviewed["url"])
    assert out.exit_code == 0 and "not tried: there is no audit 'no-such-audit' in the store" in " ".join(
        out.output.split())
