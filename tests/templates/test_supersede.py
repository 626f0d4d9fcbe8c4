"""Which filed file is read for each agency's chronology and each case's return: the newest, by date received
and then by filing order; an older file keeps what no newer file replaced."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from checker.intake.supersede import in_use, register_rows, superseded_lines
from checker.model.audit import IntakeRecord


def _rec(file: str, received: int, *, kind: Literal["template", "return", "chronology"] = "template", agency: str = "hv",
         cases: tuple[str, ...] = ("case-1", "case-2"), rows: int | None = 3,
         answered: tuple[str, ...] | None = ("case-1", "case-2")) -> IntakeRecord:
    return IntakeRecord(file=file, sha256=file, kind=kind, agency=agency, cases=list(cases),
                        received=dt.date(2019, 3, received), rows=rows,
                        answered=list(answered) if answered is not None else None)


def test_received_later_wins_whatever_the_filing_order() -> None:
    use = in_use([_rec("late.xlsx", 9), _rec("early.xlsx", 5)])
    assert use.returns == {"late.xlsx": ["case-1", "case-2"], "early.xlsx": []}
    assert use.chronology == {"late.xlsx": True, "early.xlsx": False}
    assert use.superseded("early.xlsx") and not use.superseded("late.xlsx")


def test_same_day_the_one_filed_later_wins() -> None:
    use = in_use([_rec("first.xlsx", 8), _rec("second.xlsx", 8)])
    assert use.superseded("first.xlsx") and not use.superseded("second.xlsx")


def test_other_agencies_are_never_superseded() -> None:
    use = in_use([_rec("hv.xlsx", 5), _rec("housing.xlsx", 9, agency="housing")])
    assert not use.superseded("hv.xlsx") and not use.replaced["hv.xlsx"]


def test_a_return_for_one_case_replaces_only_that_case() -> None:
    records = [_rec("t.xlsx", 5), _rec("c1.yaml", 9, kind="return", cases=("case-1",), rows=None,
                                       answered=("case-1",))]
    use = in_use(records)
    assert use.returns["t.xlsx"] == ["case-2"] and use.chronology["t.xlsx"]
    assert use.replaced["t.xlsx"] == {"case-1": "c1.yaml"}
    assert not use.superseded("t.xlsx")
    assert superseded_lines(records) == [
        "PARTLY SUPERSEDED: t.xlsx (hv, received 05/03/2019): replaced — its audit return for case-1 by c1.yaml "
        "(received 09/03/2019); kept; the rest of it is still read"]
    assert register_rows(records)[0]["Status"] == "in use; its case-1 return superseded by c1.yaml"


def test_a_blank_part_replaces_nothing() -> None:
    # the newer file answered case-2 only and has no chronology entries: case-1 and the chronology stay old
    use = in_use([_rec("old.xlsx", 5), _rec("new.docx", 9, rows=0, answered=("case-2",))])
    assert use.returns == {"new.docx": ["case-2"], "old.xlsx": ["case-1"]}
    assert use.chronology == {"old.xlsx": True}


def test_a_chronology_replaces_only_one_covering_its_cases() -> None:
    one_case = _rec("c1.csv", 9, kind="chronology", cases=("case-1",), answered=None)
    every_case = _rec("all.csv", 10, kind="chronology", cases=(), answered=None)
    use = in_use([_rec("t.xlsx", 5), one_case])
    assert use.chronology == {"t.xlsx": True, "c1.csv": True}  # c1.csv does not cover case-2
    use = in_use([_rec("t.xlsx", 5), one_case, every_case])
    assert use.chronology == {"t.xlsx": False, "c1.csv": False, "all.csv": True}
    assert use.returns["t.xlsx"] == ["case-1", "case-2"]  # a chronology takes no return


def test_a_register_written_before_intake_read_files_counts_every_part() -> None:
    old = _rec("old.xlsx", 5, rows=None, answered=None)
    use = in_use([old])
    assert use.chronology == {"old.xlsx": True} and use.returns == {"old.xlsx": ["case-1", "case-2"]}
    assert superseded_lines([old]) == []


def test_a_part_keeps_the_day_its_first_version_came_in() -> None:
    use = in_use([_rec("v1.xlsx", 5), _rec("v2.xlsx", 14, rows=0, answered=("case-1",))])
    assert use.first["v2.xlsx", "case-1"] == dt.date(2019, 3, 5)  # replaced v1's case-1 return
    assert use.first["v1.xlsx", "case-2"] == dt.date(2019, 3, 5)
    assert use.first["v1.xlsx", "chronology"] == dt.date(2019, 3, 5)
    assert ("v2.xlsx", "case-2") not in use.first
