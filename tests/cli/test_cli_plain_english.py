"""What a QA officer reads: act today first, and no machine words in any command's output on either sample."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from plain_words import Ids, ids_for, machine_words

from checker.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"homelessness": ROOT / "samples" / "homelessness", "good-practice": ROOT / "samples" / "good-practice"}
# `maca rules explain` for rules whose conditions use parameters and whose messages carry counts, plans and yes/no
EXPLAINED = ("imminent-eviction", "management-oversight-gap", "was-not-brought-not-escalated", "quality-late")


_DB = f"sqlite:///{Path(tempfile.mkdtemp(prefix='maca-plain-')) / 'maca.sqlite'}"  # never the user's own


def _run(*args: str) -> str:
    result = CliRunner(env={"MACA_DB_URL": _DB}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for name, path in SAMPLES.items():
        out[name] = {
            "check": _run("check", str(path), "--evidence"),
            "quality": _run("quality", str(path)),
            "chase": _run("quality", str(path), "--chase"),
            "referrals": _run("referrals", str(path)),
        }
    out["rules"] = {rule: _run("rules", "explain", rule) for rule in EXPLAINED}
    out["rules"]["list"] = _run("rules")
    return out


def _machine_words(text: str, bundle: Path) -> list[str]:
    """The shared guard (tests/plain_words.py) less flag and rule ids, which the terminal shows by design in a
    flag's [f-…] line and in `maca rules`; plus the terminal's own: possessives of names ending in s and a share
    of nothing named as if it were a gap."""
    ids = ids_for(bundle)
    found = machine_words(text, Ids(ids.agencies, ids.questions, frozenset(), ids.people))
    found = [w for w in found if not re.fullmatch(r"f-[0-9a-f]{16}", w)]
    found += re.findall(r"\b[A-Z]\w*s's\b", text)  # 'Housing Options's': a name ending in s takes ' alone
    found += re.findall(r"\b(?:on|of|in) 0%", text)
    return found


@pytest.mark.parametrize("sample", list(SAMPLES))
def test_no_machine_words_in_any_output(outputs, sample):
    for command, text in {**outputs[sample], **outputs["rules"]}.items():
        assert text.strip(), command
        bad = _machine_words(text, SAMPLES[sample]) if command in outputs[sample] else \
            [w for w in _machine_words(text, SAMPLES[sample]) if not w.startswith("question id")]
        if command in outputs[sample]:  # rules explain shows fields and aligned tables by design; these not
            bad += re.findall(r"[“\"(]\w+_\w+[”\")]", text)  # a field or question key: “immediate_concern”
            bad += re.findall(r"[a-z,;.]  +[a-z]", text)  # doubled spaces inside a sentence
        assert not bad, (sample, command, sorted(set(bad))[:10])


def test_act_today_comes_first_with_the_immediate_concern_and_the_9_day_eviction(outputs):
    text = outputs["homelessness"]["check"]
    block = text.split("ACT TODAY", 1)[1]
    first_case = re.search(r"^case-\d+ — ", block, flags=re.M)
    assert first_case, "no case section after the act-today block"
    today = " ".join(block[: first_case.start()].split())
    assert "IMMEDIATE CONCERN — case-4" in today and "Bailiffs are booked for 04/04/2019" in today
    assert "in 9 days" in today and "04/04/2019" in today
    # case-4 is already engaged with Early Help: confirm it has the date, not "refer"
    assert "CONFIRM WITH EARLY HELP — case-4" in today
    assert "confirm Early Help has the eviction date" in today
    assert "REFER TO EARLY HELP TODAY — case-4" not in today
    assert "Who:" in today and "By: today (Tue 26/03/2019)" in today
    # the most urgent case opens the case sections, and flags in it run from high to low
    assert block[first_case.start():].startswith("case-4 — ")


def test_warnings_are_counted_by_kind_before_the_summary(outputs):
    head = outputs["homelessness"]["check"].split("ACT TODAY")[0]
    assert "WARNING ×" not in head
    assert re.search(r"^30 warnings: the date is outside the audit period", head, flags=re.M)


def test_good_practice_has_nothing_to_do_today(outputs):
    text = outputs["good-practice"]["check"]
    assert "Nothing needs action today" in text.split("ACT TODAY", 1)[1]


def test_lines_are_wrapped(outputs):
    for text in outputs["homelessness"].values():
        assert max(len(line) for line in text.splitlines()) <= 110


def test_skipped_outcomes_are_summarised_by_reason(outputs):
    text = outputs["homelessness"]["check"]
    assert "Skipped (the rule had nothing to check), by reason:" in text
    assert re.search(r"^  \d+ checks?: no pregnancy in audit\.yaml", text, flags=re.M)


def test_fail_on_is_case_insensitive_and_says_what_met_it():
    result = CliRunner().invoke(main, ["check", str(SAMPLES["homelessness"]), "--fail-on", "High"])
    assert result.exit_code == 1
    assert re.search(r"--fail-on high: met by \d+ flags at high severity or above, on case-", result.output)


def test_show_prints_one_flag_with_its_evidence(outputs):
    flag_id = re.search(r"\[(f-[0-9a-f]{16}); ", outputs["homelessness"]["check"])
    assert flag_id
    text = _run("show", str(SAMPLES["homelessness"]), flag_id[1])
    assert "Found:" in text and "Recommended action:" in text and "Evidence (" in text
    assert not _machine_words(text, SAMPLES["homelessness"])
    missing = CliRunner().invoke(main, ["show", str(SAMPLES["homelessness"]), "f-0000000000000000"])
    assert missing.exit_code == 2 and "maca check" in missing.output


def test_rule_set_id_is_the_same_in_rules_and_the_json_not_in_the_summary(outputs):
    listed = re.search(r"Rule set ([0-9a-f]{16})", outputs["rules"]["list"])
    assert listed and listed[1] not in outputs["homelessness"]["check"].split("ACT TODAY")[0]
    assert f'"ruleset": "{listed[1]}"' in _run("check", str(SAMPLES["homelessness"]), "--json", "-")
