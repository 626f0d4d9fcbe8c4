"""The worklist on the sample bundles at the meeting date (samples/README.md, 'Expected eviction worklist')."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from checker.check import run_check
from checker.engine.catalogue import load_catalogue
from checker.intake.bundle import load_bundle
from checker.outputs.referrals import Thresholds

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def sample():
    return run_check(load_bundle(SAMPLES / "homelessness"))


@pytest.fixture(scope="module")
def worklist(sample):
    return sample.worklist


def test_case_4_refer_today_with_bailiffs_on_4_april(worklist):
    assert worklist.as_of == dt.date(2019, 3, 26)
    (entry,) = worklist.refer_today
    assert entry.case == "case-4"
    assert entry.eviction_date == dt.date(2019, 4, 4) and entry.days_until == 9
    assert entry.document == "bailiff date"
    assert (entry.known_from.file, entry.known_from.row) == ("chronologies/housing.csv", 28)
    assert entry.known_from.documentary
    assert entry.refer_by == dt.date(2019, 3, 26) and entry.support_by == dt.date(2019, 3, 27)
    assert ("housing", "Northshire Borough Council Housing Options", "NBC-T-30021874") in entry.references
    assert entry.household.ages == ("9", "7")


def test_case_4_is_marked_already_referred_to_early_help(worklist):
    eh = worklist.refer_today[0].early_help
    assert eh.already_referred
    # samples/README.md: "Early Help already engaged (since 21/01/2019)": Housing's record that day, "EH confirmed
    # allocation - same day" (housing.csv row 25), the day Early Help allocated the referral.
    assert eh.since == dt.date(2019, 1, 21)
    assert "housing.csv" in eh.how


def test_case_1_watch_with_the_s21_expiring_30_april(worklist):
    (entry,) = worklist.watch
    assert entry.case == "case-1"
    assert entry.eviction_date == dt.date(2019, 4, 30) and entry.days_until == 35
    assert entry.document == "notice"
    assert (entry.known_from.file, entry.known_from.row) == ("chronologies/csc-case-1.csv", 15)
    assert not entry.early_help.already_referred
    assert entry.housing_application is None
    household = entry.household
    assert household.pregnant and household.gestation == "36+3"  # EDD 20/04/2019
    assert household.plans == ("pre-birth child protection plan",) and household.priority


def test_evicted_and_rehoused_cases_are_not_listed(worklist):
    assert [r.case for r in worklist.entries] == ["case-4", "case-1"]


def test_refer_today_is_exactly_what_imminent_eviction_flags(sample, worklist):
    flagged = {f["case"] for f in sample.flags if f["rule"] == "imminent-eviction"}
    assert {r.case for r in worklist.refer_today} == flagged


def test_other_flags_leave_out_the_eviction_rules(worklist):
    rules = {f["rule"] for r in worklist.entries for f in r.other_flags}
    assert "immediate-concern" in {f["rule"] for f in worklist.refer_today[0].other_flags}
    assert not rules & {"imminent-eviction", "threatened-homelessness-no-referral"}


def test_json_is_plain_and_carries_no_names(worklist):
    text = json.dumps(worklist.to_json())
    entries = json.loads(text)
    assert [e["list"] for e in entries] == ["refer_today", "watch"]
    assert entries[0]["early_help"]["already_referred"] is True
    for name in ("Kayleigh", "Dean", "Ellie", "Josh", "Donna", "Mark"):
        assert name not in text


def test_thresholds_come_from_the_rules_with_the_audits_overrides(sample):
    manifest = sample.bundle.manifest.model_copy(deep=True)
    assert Thresholds.from_rules(load_catalogue(), manifest) == Thresholds(14, 56, 14, 61)
    manifest.parameters = {"imminent-eviction": {"days": 21}, "threatened-homelessness-no-referral": {"days": 28}}
    assert Thresholds.from_rules(load_catalogue(), manifest) == Thresholds(21, 28, 14, 61)


def test_the_good_practice_bundle_has_an_empty_worklist():
    worklist = run_check(load_bundle(SAMPLES / "good-practice")).worklist
    assert worklist is not None and worklist.entries == []
