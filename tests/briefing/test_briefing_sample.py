"""The briefing drafted from the sample audit with every flag confirmed: the seed briefing's cross-case
recommendations that records can evidence, the six sections in Markdown and Word, and a snapshot."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from checker.check import CheckResult
from checker.outputs.briefing import (
    SECTION_TITLES,
    BriefingData,
    build_briefing,
    cross_case_themes,
    write_briefing,
)
from checker.outputs.briefing.config import load_briefing_config
from checker.outputs.briefing.privacy import identifiers, leaks, pseudonymiser
from checker.storage import Store

SNAPSHOT = Path(__file__).parent / "snapshots" / "homelessness-confirmed.md"


def _themes(data: BriefingData) -> dict[str, object]:
    return {t.id: t for t in cross_case_themes(data, load_briefing_config())}


def test_the_seed_recommendations_that_records_evidence_are_drafted(confirmed: BriefingData) -> None:
    themes = _themes(confirmed)
    expected = {"housing-and-childrens-services", "young-person-housing-protocol", "disguised-compliance",
                "supervision-and-oversight", "chronologies", "domestic-abuse"}
    assert expected <= set(themes)
    assert themes["domestic-abuse"].cases == ("case-1", "case-6")  # type: ignore[attr-defined]
    assert themes["domestic-abuse"].cases_text == "two of the six cases"  # type: ignore[attr-defined]
    assert themes["young-person-housing-protocol"].cases == ("case-3",)  # type: ignore[attr-defined]
    assert len(themes["disguised-compliance"].cases) >= 2  # type: ignore[attr-defined]
    housing = themes["housing-and-childrens-services"]
    assert {"case-5", "case-6"} <= set(housing.cases)  # type: ignore[attr-defined]
    assert any("Housing" in a for a in housing.agencies)  # type: ignore[attr-defined]
    text = "\n".join(build_briefing(confirmed).sections[4].bullets)
    for words in ("Housing and children's services communication", "16–17-year-old housing protocol",
                  "Disguised compliance", "Supervision and management oversight", "Use of chronologies",
                  "Domestic abuse was present in two of the six cases", "was variable"):
        assert words in text, words


def test_the_quality_statement_names_what_made_it_variable(confirmed: BriefingData) -> None:
    recommendations = build_briefing(confirmed).sections[4].bullets
    quality = next(line for line in recommendations if "Quality of the audits submitted" in line)
    assert re.search(r"ranged from \d+ to \d+ out of 100", quality)
    assert "What made the difference:" in quality and "agenc" in quality


def test_dismissed_flags_leave_the_themes(store: Store, checked: CheckResult, run_id: int,
                                          collect: Callable[..., BriefingData], confirmed: BriefingData) -> None:
    for flag in store.flags(run_id):
        if flag["rule"] == "domestic-abuse-present":
            store.save_decision(checked.audit_id, flag["id"], "qa.lead", "dismissed", reason="historic only",
                                expected_version=flag["decision_version"])
    assert "domestic-abuse" not in _themes(collect(run_id))


def test_with_nothing_decided_every_flag_is_marked_not_yet_reviewed(collect: Callable[..., BriefingData],
                                                                   run_id: int) -> None:
    briefing = build_briefing(collect(run_id))
    assert briefing.notice and "not yet reviewed" in briefing.notice
    findings = [line for sub in briefing.sections[3].subsections for line in sub.bullets]
    assert findings and all(line.endswith("(not yet reviewed)") for line in findings)


def test_markdown_snapshot(confirmed: BriefingData, tmp_path: Path) -> None:
    """Reviewed by reading it: regenerate with MACA_UPDATE_SNAPSHOTS=1 and read the diff before committing."""
    text = (write_briefing(confirmed, tmp_path)["markdown"]).read_text(encoding="utf-8")
    if os.environ.get("MACA_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8")


def test_docx_has_the_six_sections_as_word_headings_and_a_contents_field(confirmed: BriefingData,
                                                                        tmp_path: Path) -> None:
    path = write_briefing(confirmed, tmp_path)["docx"]
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == list(SECTION_TITLES)
    cases = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert cases == [f"Case {n}" for n in range(1, 7)] * 2  # strengths, then findings
    xml = document.element.xml
    assert "TOC \\o" in xml
    assert document.settings.element.xml.count("updateFields") == 1


def test_no_name_date_of_birth_or_reference_from_audit_yaml_appears(
    store: Store, checked: CheckResult, run_id: int, collect: Callable[..., BriefingData], confirmed: BriefingData,
    tmp_path: Path,
) -> None:
    manifest = checked.bundle.manifest
    # The panel writes as people do: names, a date of birth and a case reference in its own notes.
    store.save_panel_note(checked.audit_id, "case-3", "qa.officer",
                          "Callum (DOB 10/11/2001, NCT-110547) was seen alone by the SW.")
    store.add_strength(checked.audit_id, "case-1", "qa.officer", "Kayleigh and Dean were both seen by the GP.")
    for flag in store.flags(run_id):
        if flag["case"] == "case-2":
            store.save_decision(checked.audit_id, flag["id"], "qa.officer", "confirmed", note="Jade told Mia's HV",
                                expected_version=flag["decision_version"])
    data = collect(run_id)
    key = build_briefing(data).actions[0].key
    store.save_action_edit(checked.audit_id, key, "qa.officer", {"status": "Done", "evidence": "Riley seen at home"})
    paths = write_briefing(collect(run_id), tmp_path)
    text = paths["markdown"].read_text(encoding="utf-8")
    word = "\n".join(p.text for p in docx.Document(str(paths["docx"])).paragraphs)
    book = openpyxl.load_workbook(paths["plan"])
    plan = "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "the child seen at home" in text and "the child seen at home" in plan
    found = identifiers(manifest)
    assert found["names"] and found["dates_of_birth"] and found["references"]
    for body in (text, word, plan):
        assert leaks(body, manifest) == []
        for value in found["names"] + found["references"]:
            assert not re.search(rf"\b{re.escape(value)}\b", body, re.IGNORECASE), value
        for value in found["dates_of_birth"]:
            assert value not in body, value
    assert "the young person (DOB (date removed), (reference removed)) was seen alone" in text.replace("The young", "the young")


@pytest.mark.parametrize("text, expected", [
    ("SW worked hard to engage Callum", "SW worked hard to engage the young person"),
    ("Dean's sister", "the father's sister"),
    ("Mia and Riley worried", "the child and the child worried"),
    ("born 26/01/2019", "born (date removed)"),
    ("HO/2018/0342 opened", "(reference removed) opened"),
    ("Jadeite is a stone", "Jadeite is a stone"),  # whole words only
])
def test_pseudonymiser(checked: CheckResult, text: str, expected: str) -> None:
    manifest = checked.bundle.manifest
    assert manifest is not None
    assert pseudonymiser(manifest)(text) == expected
