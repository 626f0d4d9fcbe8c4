"""docs/referrals.md, "Already referred": Early Help that ended before the as-of date does not count — whether
the record of it starting is in a chronology or its plan is in audit.yaml — and only Early Help's own ending
matters (another plan ending says nothing about Early Help)."""

from __future__ import annotations

import datetime as dt

MONDAY = dt.date(2019, 3, 4)
EVIDENCE = ("housing", "01/03/2019", "N54 notice of eviction received: bailiffs booked for 12/03.")
STARTED = ("eh", "02/03/2019", "Early help worker allocated, home visit booked.")


def test_early_help_that_has_ended_is_not_a_referral_and_another_plan_ending_changes_nothing(worklist):
    result = worklist(
        {
            "record-then-ended": {"rows": [EVIDENCE, STARTED],
                                  "plans": [{"type": "early_help", "start": "2019-03-02", "end": "2019-03-03"}]},
            "plan-ended": {"rows": [EVIDENCE],
                           "plans": [{"type": "early_help", "start": "2019-03-02", "end": "2019-03-03"}]},
            "plan-still-open": {"rows": [EVIDENCE],
                                "plans": [{"type": "early_help", "start": "2019-03-02", "end": "2019-04-01"}]},
            "other-plan-ended": {"rows": [EVIDENCE, STARTED],
                                 "plans": [{"type": "child_in_need", "start": "2018-06-01", "end": "2019-03-03"}]},
        },
        MONDAY,
    )  # fmt: skip
    referred = {r.case: r.early_help.already_referred for r in result.entries}
    assert referred == {"record-then-ended": False, "plan-ended": False, "plan-still-open": True,
                        "other-plan-ended": True}
