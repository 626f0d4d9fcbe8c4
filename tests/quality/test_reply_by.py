"""The reply-by date on every feedback pack and chase letter: "the working day before the panel meets, or the
next working day if that has passed" (England and Wales: weekends and bank holidays are not working days)."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.outputs.quality import QualityReport
from checker.outputs.quality.packs import reply_by

D = dt.date


def _reply(as_of: dt.date, meeting: dt.date | None) -> dt.date:
    return reply_by(QualityReport(status="assessed", audit={"as_of": as_of, "meeting": meeting}))


@pytest.mark.parametrize(("meeting", "expected", "why"), [
    (D(2024, 6, 20), D(2024, 6, 19), "Thursday panel: the Wednesday"),
    (D(2024, 6, 24), D(2024, 6, 21), "Monday panel: the Friday before, not the weekend"),
    (D(2024, 6, 23), D(2024, 6, 21), "Sunday panel: the Friday, the last working day before it"),
    (D(2024, 5, 28), D(2024, 5, 24), "Tuesday panel after the Spring bank holiday Monday: the Friday"),
])  # fmt: skip
def test_the_reply_is_due_on_the_last_working_day_before_the_panel(meeting, expected, why):
    assert _reply(D(2024, 5, 1), meeting) == expected, why


@pytest.mark.parametrize(("as_of", "meeting", "expected", "why"), [
    (D(2024, 6, 19), D(2024, 6, 20), D(2024, 6, 19), "the day before the panel is today: today"),
    (D(2024, 6, 20), D(2024, 6, 20), D(2024, 6, 20), "the panel meets today: today"),
    (D(2024, 6, 22), D(2024, 6, 20), D(2024, 6, 24), "the panel has met, checked on a Saturday: Monday"),
    (D(2024, 6, 22), D(2024, 6, 25), D(2024, 6, 24), "panel on Tuesday, checked on Saturday: Monday"),
    (D(2024, 6, 22), None, D(2024, 6, 24), "no meeting date: the next working day"),
])  # fmt: skip
def test_when_the_day_before_the_panel_has_come_the_reply_is_due_on_the_next_working_day(as_of, meeting, expected,
                                                                                           why):
    assert _reply(as_of, meeting) == expected, why
