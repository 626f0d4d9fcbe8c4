"""Header synonyms (rules/headers.yaml) and audit.yaml column mappings."""

from __future__ import annotations

import pytest

from checker.intake.headers import header_key, header_rules, map_headers
from checker.model.frame import CANONICAL_INPUT

VARIANTS = [
    (header, canonical)
    for canonical, column in header_rules().chronology.items()
    for header in column.headers
]


def test_rules_cover_every_canonical_column_and_doc_table() -> None:
    assert set(header_rules().chronology) == set(CANONICAL_INPUT)
    keys = [header_key(h) for h, _ in VARIANTS]
    assert len(keys) == len(set(keys)), "a header must not name two columns"


@pytest.mark.parametrize(("header", "canonical"), VARIANTS, ids=[f"{c}:{h}" for h, c in VARIANTS])
def test_every_listed_header_maps(header: str, canonical: str) -> None:
    for written in (header, header.upper(), f"  {header.lower()} ", header.replace(" ", "_")):
        mapping = map_headers(["Date", "Event", written], file_label="f.csv")
        assert mapping.columns[canonical] in (
            {0, 2} if canonical == "date" else {1, 2} if canonical == "event" else {2}
        )
        assert 2 not in mapping.ignored or canonical in ("date", "event")


@pytest.mark.parametrize("written", ["Date/time", "date time", "DATE-TIME", "Date / Time:"])
def test_punctuation_and_spacing_ignored(written: str) -> None:
    assert map_headers([written, "Event"], file_label="f.csv").columns["date"] == 0


def test_unknown_columns_reported_once_as_info() -> None:
    mapping = map_headers(["Date", "Event", "Notes", "Worker's team", "", "Notes"], file_label="f.csv")
    ignored = [p for p in mapping.problems if p.code == "column-ignored"]
    assert [(p.level, p.column) for p in ignored] == [
        ("info", "Notes"),
        ("info", "Worker's team"),
        ("info", "Notes"),
    ]
    assert "column C" in ignored[0].message and "column F" in ignored[2].message
    assert not [p for p in mapping.problems if p.level != "info"]


def test_missing_required_column_names_the_headers_found_and_the_fix() -> None:
    mapping = map_headers(["Occurrence date", "Log narrative"], file_label="police.csv")
    errors = [p for p in mapping.problems if p.level == "error"]
    assert [p.column for p in errors] == ["date", "event"]
    assert "'Occurrence date', 'Log narrative'" in errors[0].message
    assert "audit.yaml" in errors[0].hint and "columns:" in errors[0].hint


def test_manifest_mappings_file_wins_over_global_wins_over_synonym() -> None:
    mapping = map_headers(
        ["Date", "Occurrence date", "Recorded on", "Log narrative"],
        file_label="police.csv",
        global_columns={"Recorded on": "date"},
        file_columns={"Occurrence date": "date", "Log narrative": "event"},
    )
    assert mapping.columns == {"date": 1, "event": 3}
    doubled = [p for p in mapping.problems if "also names the date column" in p.message]
    assert sorted(p.column for p in doubled) == ["Date", "Recorded on"]  # type: ignore[type-var]


def test_global_mapping_applies_when_no_file_mapping() -> None:
    mapping = map_headers(
        ["Recorded on", "Event"], file_label="f.csv", global_columns={"recorded ON": "date"}
    )
    assert mapping.columns == {"date": 0, "event": 1}


def test_bad_mapping_target_and_unused_file_mapping_are_warned() -> None:
    mapping = map_headers(
        ["Date", "Event"], file_label="f.csv", file_columns={"Narrative text": "event", "Date": "when"}
    )
    codes = sorted(p.code for p in mapping.problems)
    assert codes == ["header-mapping-invalid", "header-mapping-unused"]


def test_returns_headers() -> None:
    mapping = map_headers(["Question", "Response", "Grade", "Evidence"], file_label="r.xlsx", kind="returns")
    assert mapping.columns == {"question": 0, "answer": 1, "grade": 2, "evidence": 3}
