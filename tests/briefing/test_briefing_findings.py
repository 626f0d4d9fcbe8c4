"""Findings the panel added are drafted like confirmed flags: in the case's findings (never marked "not yet
reviewed", even in a draft), under their rule's action or an action of their own theme in the plan; a name
typed in a theme is taken out as in every typed text; the note is printed nowhere; a withdrawn one is gone."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from checker.check import CheckResult
from checker.outputs.briefing import BriefingData, build_briefing, reviewed, write_briefing
from checker.storage import Store

NOTE = "Health visitor told the panel she never saw Alfie on his own"
THEME = "Mia's mother prioritised her own needs over the children's"


def _case(briefing: object, title: str) -> list[str]:
    return next(s.bullets for s in briefing.sections[3].subsections if s.title == title)  # type: ignore[attr-defined]


def _add(store: Store, audit: str, **fields: object) -> str:
    values = {"rule": None, "theme": None, "entries": [], "note": NOTE, "reviewer": "a.khan"} | fields
    return store.add_finding(audit, **values)  # type: ignore[arg-type]


def test_a_draft_drafts_the_panels_findings_as_confirmed(store: Store, checked: CheckResult, run_id: int,
                                                        collect: Callable[..., BriefingData], tmp_path: Path) -> None:
    audit = checked.audit_id
    before = reviewed(collect(run_id).flags).open
    by_rule = _add(store, audit, case="case-2", rule="voice-of-child-absent", agencies=["hv"])
    by_theme = _add(store, audit, case="case-2", theme=THEME, agencies=["csc", "hv"])
    gone = _add(store, audit, case="case-3", theme="Withdrawn after the meeting", agencies=["gp"])
    store.withdraw_finding(audit, gone, expected_version=1, reviewer="a.khan")
    data = collect(run_id)
    briefing = build_briefing(data)
    assert reviewed(data.flags).open == before  # nothing of the panel's is waiting for a decision

    case_2 = _case(briefing, "Case 2")
    assert ("The child's voice not recorded within a visit cycle (Northshire Community Health NHS Trust — health "
            "visiting and school nursing).") in case_2  # the panel's own line: not marked "not yet reviewed"
    assert ("The child's mother prioritised her own needs over the children's (Northshire Children's Trust — "
            "Children's Social Care; Northshire Community Health NHS Trust — health visiting and school nursing)."
            ) in case_2  # the name typed in the theme taken out, as in every typed text
    assert not any("Withdrawn after the meeting" in line for line in _case(briefing, "Case 3"))

    voice = next(a for a in briefing.actions if a.key == "rule:voice-of-child-absent")
    assert by_rule in voice.flag_ids and voice.not_reviewed == len(voice.flag_ids) - 1
    (own,) = [a for a in briefing.actions if a.key.startswith("theme:")]
    assert own.flag_ids == (by_theme,) and own.cases == ("case-2",) and not own.not_reviewed
    assert own.priority == "Medium" and "Mia" not in own.action and "Mia" not in own.finding

    paths = write_briefing(data, tmp_path / "out")
    text = paths["markdown"].read_text(encoding="utf-8")
    with zipfile.ZipFile(paths["docx"]) as docx:
        text += "".join(docx.read(n).decode("utf-8") for n in docx.namelist() if n.endswith(".xml"))
    book = openpyxl.load_workbook(paths["plan"])
    text += " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "never saw" not in text and gone not in text
    assert by_rule in text and by_theme in text  # the plan's Linked findings name them


def test_a_long_theme_keeps_a_key_the_store_can_hold(store: Store, checked: CheckResult, run_id: int,
                                                      collect: Callable[..., BriefingData]) -> None:
    long_theme = "Missed opportunities to consider care proceedings " * 5
    _add(store, checked.audit_id, case="case-1", theme=long_theme, agencies=["csc"])
    (own,) = [a for a in build_briefing(collect(run_id)).actions if a.key.startswith("theme:")]
    assert len(own.key) <= 128
    store.save_action_edit(checked.audit_id, own.key, "qa.officer", {"status": "In progress"})
    (edited,) = [a for a in build_briefing(collect(run_id)).actions if a.key.startswith("theme:")]
    assert edited.status == "In progress"
