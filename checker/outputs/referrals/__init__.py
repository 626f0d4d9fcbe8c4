"""The same-day Early Help referral worklist for families facing eviction.

Since the audit, the MASH flags a household with an imminent eviction to the Early Help Support team, which
refers it the same day to the Early Help and Prevention Service; that service visits and starts support
within 24 hours. A check's worklist has one entry per household:

- **refer today**: exactly the households the `feeds: worklist` rule (imminent-eviction) flags;
- **watch**: every other household with open eviction evidence within the `feeds: worklist-watch` rule's
  `days` (56), or whose eviction date is not known yet, each with the date it becomes imminent.

`build` makes the lists from the rule run (never re-testing a rule's conditions); `worklist` holds what
people read and the export tables; the household line comes from `checker.outputs.household`.

    >>> from checker.check import run_check
    >>> from checker.intake.bundle import load_bundle
    >>> from checker.model.datafiles import SAMPLE_BUNDLE
    >>> worklist = run_check(load_bundle(SAMPLE_BUNDLE)).worklist
    >>> [(r.case, r.list_name, r.eviction_date.isoformat()) for r in worklist.entries]
    [('case-4', 'refer_today', '2019-04-04'), ('case-1', 'watch', '2019-04-30')]
"""

from checker.outputs.household import Household, household_summary
from checker.outputs.referrals.build import DOCUMENT, build_referrals, pseudonymise, referrals_for
from checker.outputs.referrals.worklist import (
    EVIDENCE_COLUMNS,
    LIST_COLUMNS,
    LIST_LABEL,
    EarlyHelp,
    Evidence,
    ListName,
    Referral,
    ReferralList,
    Thresholds,
)

__all__ = [
    "DOCUMENT",
    "EVIDENCE_COLUMNS",
    "LIST_COLUMNS",
    "LIST_LABEL",
    "EarlyHelp",
    "Evidence",
    "Household",
    "ListName",
    "Referral",
    "ReferralList",
    "Thresholds",
    "build_referrals",
    "household_summary",
    "pseudonymise",
    "referrals_for",
]
