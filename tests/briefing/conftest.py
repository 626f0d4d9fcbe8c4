"""Fixtures for the briefing tests: the sample checked once per session, a store per test."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.check import CheckResult, run_check
from checker.intake.bundle import load_bundle
from checker.outputs.briefing import BriefingData, gather
from checker.review import ensure_run
from checker.storage import Store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
MEETING_DAY = dt.date(2019, 3, 26)
T0 = dt.datetime(2019, 3, 26, 15, 0, tzinfo=dt.UTC)
ATTENDEES = [
    {"agency": "csc", "role": "Team manager"},
    {"agency": "csc", "role": "Independent reviewing officer"},
    {"agency": "housing", "role": "Housing Options team leader"},
    {"agency": "mash", "role": "MASH manager"},
    {"agency": "hv", "role": "Named nurse for safeguarding"},
    {"agency": "police", "role": "Detective sergeant, safeguarding unit"},
    {"agency": "early-help", "role": "Early Help locality manager"},
]


@pytest.fixture(scope="session")
def checked() -> CheckResult:
    return run_check(load_bundle(SAMPLE))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'maca.sqlite'}"


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory, checked: CheckResult) -> dict[str, Path]:
    """Two SQLite stores made once: the sample's run recorded, and the same with every flag confirmed, the
    review marked complete and the meeting recorded. Each test works on its own copy (copying is much faster than confirming 55 flags)."""
    folder = tmp_path_factory.mktemp("briefing-stores")
    recorded, done = folder / "recorded.sqlite", folder / "confirmed.sqlite"
    with Store(f"sqlite:///{recorded}", clock=lambda: T0) as store:
        ensure_run(store, checked)
    shutil.copy(recorded, done)
    with Store(f"sqlite:///{done}", clock=lambda: T0) as store:
        run = ensure_run(store, checked)
        confirm_all(store, checked.audit_id, run)
        store.mark_review_complete(checked.audit_id, "qa.officer")
        store.record_meeting(checked.audit_id, "qa.officer", MEETING_DAY, ATTENDEES,
                             "Attendance was very good, with informed and robust discussion.")
    return {"recorded": recorded, "confirmed": done}


@pytest.fixture
def store(request: pytest.FixtureRequest, templates: dict[str, Path], tmp_path: Path) -> Iterator[Store]:
    """A store with the sample's run; with every flag confirmed when the test also asks for `confirmed`."""
    target = tmp_path / "maca.sqlite"
    shutil.copy(templates["confirmed" if "confirmed" in request.fixturenames else "recorded"], target)
    with Store(f"sqlite:///{target}", clock=lambda: T0) as opened:
        yield opened


@pytest.fixture
def run_id(store: Store, checked: CheckResult) -> int:
    return ensure_run(store, checked)


def confirm_all(store: Store, audit_id: str, run_id: int) -> None:
    for flag in store.flags(run_id):
        store.save_decision(audit_id, flag["id"], "qa.officer", "confirmed", expected_version=flag["decision_version"])


@pytest.fixture
def collect(store: Store, checked: CheckResult) -> Callable[..., BriefingData]:
    """collect(run_id, today=...) -> the BriefingData of that run, as the CLI and the page gather it."""

    def _collect(run: int, today: dt.date = MEETING_DAY, **_: Any) -> BriefingData:
        return gather(store, run, checked, today=today)

    return _collect


@pytest.fixture
def confirmed(store: Store, run_id: int, collect: Callable[..., BriefingData]) -> BriefingData:
    """The sample with every flag confirmed and the meeting recorded (see `store`)."""
    return collect(run_id)
