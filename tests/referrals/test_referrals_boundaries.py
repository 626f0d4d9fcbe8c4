"""Which list a household is on, by its eviction date against the as-of date, and when to refer."""

from __future__ import annotations

import datetime as dt

import pytest

MONDAY = dt.date(2019, 3, 4)
N54 = "N54 notice of eviction received: bailiffs booked for {}."


def bailiffs(day: str, *more: tuple[str, str, str], **case) -> dict:
    return {"rows": [("housing", "01/03/2019", N54.format(day)), *more], **case}


def by_case(result):
    return {r.case: r for r in result.entries}


def test_boundaries_on_the_as_of_date(worklist):
    result = worklist(
        {
            "in-14": bailiffs("18/03"),
            "in-15": bailiffs("19/03"),
            "today": bailiffs("04/03"),
            "yesterday": bailiffs("03/03"),
            "rehoused": bailiffs(
                "03/03", ("housing", "03/03/2019", "Family evicted today. Placed in temporary accommodation.")
            ),
            "stayed": bailiffs("10/03", ("housing", "02/03/2019", "Eviction stayed by the court on appeal.")),
            "far": bailiffs("10/05"),
        },
        MONDAY,
    )
    entries = by_case(result)
    assert [r.case for r in result.refer_today] == ["yesterday", "today", "in-14"]
    assert [r.case for r in result.watch] == ["in-15"]
    assert "rehoused" not in entries and "stayed" not in entries and "far" not in entries

    assert entries["in-14"].days_until == 14 and not entries["in-14"].overdue
    assert entries["today"].days_until == 0
    assert entries["yesterday"].days_until == -1 and entries["yesterday"].overdue
    assert "Overdue" in entries["yesterday"].reason
    for case in ("in-14", "today", "yesterday"):
        assert entries[case].refer_by == MONDAY
        assert entries[case].support_by == dt.date(2019, 3, 5)

    watch = entries["in-15"]
    assert watch.eviction_date == dt.date(2019, 3, 19)
    assert watch.imminent_from == dt.date(2019, 3, 5)  # 14 days before the bailiffs
    assert watch.refer_by == dt.date(2019, 3, 5)


@pytest.mark.parametrize(
    ("as_of", "refer_by", "support_by"),
    [
        (dt.date(2019, 3, 23), dt.date(2019, 3, 25), dt.date(2019, 3, 26)),  # Saturday -> Monday
        (dt.date(2019, 3, 24), dt.date(2019, 3, 25), dt.date(2019, 3, 26)),  # Sunday -> Monday
        (dt.date(2019, 4, 19), dt.date(2019, 4, 23), dt.date(2019, 4, 24)),  # Good Friday -> Tuesday after Easter
        (dt.date(2019, 4, 22), dt.date(2019, 4, 23), dt.date(2019, 4, 24)),  # Easter Monday -> Tuesday
    ],
)
def test_refer_by_is_the_next_working_day(worklist, as_of, refer_by, support_by):
    recorded, bailiff_day = as_of - dt.timedelta(days=3), as_of + dt.timedelta(days=7)
    row = ("housing", f"{recorded:%d/%m/%Y}", N54.format(f"{bailiff_day:%d/%m/%Y}"))
    result = worklist({"c": {"rows": [row]}}, as_of)
    (entry,) = result.refer_today
    assert (entry.refer_by, entry.support_by) == (refer_by, support_by)


def test_possession_order_is_imminent_when_its_date_is_reached(worklist):
    rows = [("housing", "01/03/2019", "Possession order granted, to take effect in 14 days.")]
    before = worklist({"c": {"rows": rows}}, dt.date(2019, 3, 14))
    assert [r.case for r in before.watch] == ["c"]
    assert before.watch[0].imminent_from == dt.date(2019, 3, 15)
    reached = worklist({"c": {"rows": rows}}, dt.date(2019, 3, 15))
    assert [r.case for r in reached.refer_today] == ["c"]


def test_a_notice_is_watched_within_56_days_and_never_imminent_on_its_own(worklist):
    rows = [("csc", "14/01/2019", "Mum reports landlord served s21 notice expiring 13/03/2019.")]
    result = worklist({"in": {"rows": rows}}, dt.date(2019, 1, 16))  # 56 days
    (entry,) = result.watch
    assert entry.document == "notice" and entry.imminent_from is None and entry.refer_by is None
    assert not worklist({"out": {"rows": rows}}, dt.date(2019, 1, 15)).entries  # 57 days


def test_documents_beat_reports_and_the_earliest_documented_date_is_taken(worklist):
    rows = [
        ("csc", "01/03/2019", "Mum says the bailiffs are coming on 08/03."),
        ("housing", "02/03/2019", N54.format("12/03")),
        ("housing", "03/03/2019", "Bailiff letter copy received: eviction date 14/03/2019."),
    ]
    (entry,) = worklist({"c": {"rows": rows}}, MONDAY).refer_today
    assert entry.eviction_date == dt.date(2019, 3, 12)
    assert entry.known_from.agency == "housing" and entry.known_from.documentary
    assert sorted(e.eviction_date.day for e in entry.evidence) == [8, 12, 14]  # all shown
    assert [e.documentary for e in sorted(entry.evidence, key=lambda e: e.eviction_date)] == [False, True, True]
    assert "Records disagree" in entry.reason


def test_within_a_day_babies_pregnancies_and_plans_come_first(worklist):
    result = worklist(
        {
            "a-plain": bailiffs("12/03", children=[{"id": "a1", "date_of_birth": "2012-05-01"}]),
            "b-baby": bailiffs("12/03", children=[{"id": "b1", "date_of_birth": "2018-09-01"}]),
            "c-pregnant": bailiffs("12/03", pregnancy={"expected_delivery": "2019-04-20"}),
            "d-plan": bailiffs(
                "12/03",
                children=[{"id": "d1", "date_of_birth": "2010-01-01"}],
                plans=[{"type": "child_protection", "child": "d1", "start": "2019-01-10"}],
            ),
            "e-sooner": bailiffs("11/03", children=[{"id": "e1", "date_of_birth": "2012-05-01"}]),
        },
        MONDAY,
    )
    assert [r.case for r in result.refer_today] == ["e-sooner", "b-baby", "c-pregnant", "d-plan", "a-plain"]
    entries = by_case(result)
    assert entries["b-baby"].household.ages == ("6 months",) and entries["b-baby"].household.baby_under_one
    # gestation = 280 - (EDD - as-of) days = 280 - 47 = 233 days = 33+2 weeks
    assert entries["c-pregnant"].household.gestation == "33+2"
    assert entries["d-plan"].household.plans == ("child protection plan",)
    assert entries["a-plain"].household.summary == "1 child (6)"


def test_early_help_already_referred_only_when_accepted_or_started_after_the_evidence(worklist):
    result = worklist(
        {
            "started": bailiffs("12/03", ("eh", "02/03/2019", "Early help worker allocated, home visit booked.")),
            "signposted": bailiffs("12/03", ("mash", "02/03/2019", "Signposted to Early Help, leaflet sent.")),
            "before": {
                "rows": [
                    ("eh", "01/02/2019", "EHA started, family engaging well."),
                    ("housing", "01/03/2019", N54.format("12/03")),
                ]
            },
            "plan": bailiffs("12/03", plans=[{"type": "early_help", "start": "2019-03-02"}]),
        },
        MONDAY,
    )
    entries = by_case(result)
    assert entries["started"].early_help.already_referred
    assert entries["started"].early_help.since == dt.date(2019, 3, 2)
    assert not entries["signposted"].early_help.already_referred
    assert not entries["before"].early_help.already_referred
    assert entries["plan"].early_help.already_referred


def test_a_new_threat_after_rehousing_reopens_the_household(worklist):
    rows = [
        ("housing", "01/01/2019", N54.format("10/01")),
        ("housing", "10/01/2019", "Family evicted. Placed in temporary accommodation."),
        ("school", "11/01/2019", "Child absent - family evicted yesterday."),
        ("housing", "25/02/2019", "Notice to quit served on the TA: eviction date 11/03/2019 booked."),
    ]
    (entry,) = worklist({"c": {"rows": rows}}, MONDAY).refer_today
    assert entry.eviction_date == dt.date(2019, 3, 11)
    assert all(e.recorded >= dt.date(2019, 2, 25) for e in entry.evidence)
    assert not worklist({"c": {"rows": rows[:3]}}, dt.date(2019, 2, 1)).entries  # the report after is no reopening


def test_names_are_replaced_by_roles_in_excerpts(worklist):
    case = bailiffs(
        "12/03",
        ("csc", "02/03/2019", "Leanne told SW the bailiffs are booked for 12/03."),
        adults=[{"id": "m", "role": "mother", "name": "Leanne"}],
    )
    (entry,) = worklist({"c": case}, MONDAY).refer_today
    assert all("Leanne" not in e.excerpt for e in entry.evidence)
    assert any(e.excerpt.startswith("[mother] told SW") for e in entry.evidence)


def test_a_date_only_assumed_from_a_default_period_says_so_and_a_written_or_recorded_one_does_not(checked):
    """'assumed' marks a date computed from a default period (a possession order with no date: 14 days);
    an eviction that happened is dated by its record, never assumed."""
    result = checked({
        "case-e": {"rows": [("housing", "18/03/2019", "Family evicted today by county court bailiffs, nowhere to go.")]},
        "case-p": {"rows": [("housing", "01/03/2019", "Possession order granted at county court hearing.")]},
        "case-n": {"rows": [("housing", "01/01/2019", "Section 21 notice served on the family by the landlord."),
                            ("housing", "01/03/2019", "N54 notice of eviction received: bailiffs booked for 18/03.")]},
    }, dt.date(2019, 3, 19))
    messages = {f["case"]: f["message"] for f in result.flags if f["rule"] == "imminent-eviction"}
    assert "18/03/2019 (Housing Options, evicted)" in messages["case-e"]
    assert "assumed" not in messages["case-e"]
    assert "15/03/2019 (Housing Options, possession, assumed)" in messages["case-p"]
    # A section 21 notice gives at least two months: with no expiry written, 61 days from the record.
    assert "03/03/2019 (Housing Options, notice, assumed)" in messages["case-n"]
