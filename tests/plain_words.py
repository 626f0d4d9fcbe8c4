"""The plain-English guard: the one detector of machine words in anything a person reads.

    bad = machine_words(text, ids_for(SAMPLE))          # [] when the text is plain English
    bad = machine_words(cell, ids, prose=False)         # a table cell: no sentence checks

What it finds: `None`, `nan`, `True`/`False`, ISO dates, `{placeholders}`, Python reprs (`['a']`, `{'k': …}`,
`Timestamp(`), plural hacks (`flag(s)`), agency ids where a name belongs, audit-tool question ids, flag ids
(`f-…`) and rule ids (and `rule:` keys). Columns meant to carry ids (a "Flag id" or "Rule" column) are passed
over by the callers (`ID_COLUMN`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from checker.engine.catalogue import load_catalogue
from checker.intake.bundle import load_manifest, open_bundle
from checker.model.audit import load_audit_tool

__all__ = ["Ids", "ids_for", "machine_words", "ID_COLUMN"]

ENGLISH_IDS = {"housing", "police", "midwifery"}  # agency ids that are also ordinary words in prose
ID_COLUMN = re.compile(r"(?i)^(?:flag id|finding id|ids?|rule|rule id|action key)$")  # ids by design
_ALWAYS = [
    re.compile(r"\b(?:None|nan|NaN|NaT|True|False)\b(?! [a-z])"),  # not an agency's "None yet."
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),  # an ISO date (UK day-first is what people read)
    re.compile(r"\{[A-Za-z_]+\}"),  # a message placeholder left unfilled
    re.compile(r"\[['\"]|['\"]\]|\{['\"]\w+['\"]:|\b(?:Timestamp|datetime\.date|datetime\.datetime|Decimal)\(|"
               r"<[\w.]+ object at"),  # a Python repr
    re.compile(r"\w*\((?:s|es|y/ies)\)"),  # flag(s)
    re.compile(r"(?<![\w-])f-[0-9a-f]{16}\b"),  # a flag id
    re.compile(r"\brule:[\w-]+"),  # an action plan's rule key
]


@dataclass(frozen=True)
class Ids:
    agencies: frozenset[str]
    questions: frozenset[str]
    rules: frozenset[str]
    people: frozenset[str] = frozenset()  # the audit's ids for the children and adults ("c1-father")


@cache
def ids_for(bundle: Path | str) -> Ids:
    """The ids a person must never read in `bundle`'s outputs: its agencies' (those it names), the audit tool's
    questions and every rule's."""
    manifest, _ = load_manifest(open_bundle(str(bundle)))
    assert manifest is not None
    agencies = frozenset(a.id for a in manifest.agencies if a.name and a.name != a.id)
    questions = frozenset(q.id for q in load_audit_tool().questions) | {"overall_grade"}
    rules = frozenset(r.id for r in load_catalogue().rules)
    people = frozenset(p.id for c in manifest.cases for p in [*c.children, *c.adults])
    return Ids(agencies, questions, rules, people)


def _token(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/.@-]){re.escape(word)}(?![\w/@-]|\.\w)")


@lru_cache(maxsize=64)
def _id_patterns(ids: Ids) -> list[tuple[str, re.Pattern[str]]]:
    out: list[tuple[str, re.Pattern[str]]] = []
    for agency in sorted(ids.agencies):
        if agency in ENGLISH_IDS:  # only where an id would stand for the agency: [id], (id)
            out.append((f"agency id {agency!r}", re.compile(rf"\[{re.escape(agency)}\]|\({re.escape(agency)}\)")))
        else:
            out.append((f"agency id {agency!r}", _token(agency)))
    out += [(f"question id {q!r}", _token(q)) for q in sorted(ids.questions) if "-" in q or "_" in q]
    out += [(f"rule id {r!r}", _token(r)) for r in sorted(ids.rules)]
    out += [(f"person id {p!r}", _token(p)) for p in sorted(ids.people)]
    return out


def machine_words(text: object, ids: Ids | None = None) -> list[str]:
    """Every machine word in `text` (empty when it reads as plain English)."""
    text = "" if text is None else str(text)
    found = [m[0] for pattern in _ALWAYS for m in pattern.finditer(text)]
    if ids is not None:
        found += [label for label, pattern in _id_patterns(ids) for _ in pattern.finditer(text)]
    return found


def _null(value: object) -> bool:
    try:
        return value is None or bool(value != value)  # NaN / NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


def table_words(frame: object, ids: Ids | None = None) -> list[str]:
    """Machine words in a table as shown (a pandas DataFrame): an empty cell shows as "None"; id columns
    (`ID_COLUMN`) are passed over."""
    found: list[str] = []
    for column in getattr(frame, "columns", []):
        if ID_COLUMN.match(str(column)):
            continue
        for value in frame[column]:  # type: ignore[index]
            if isinstance(value, list | tuple):
                found += [f"{column}: {w}" for v in value for w in machine_words(v, ids)]
            elif _null(value):
                found.append(f"{column}: None")
            elif isinstance(value, str):
                found += [f"{column}: {w}" for w in machine_words(value, ids)]
    return found


def page_words(at: object, ids: Ids | None = None) -> list[str]:
    """Machine words anywhere on a Streamlit page run by AppTest: text elements, metrics, expander labels,
    choices offered and every cell of every table."""
    found: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error",
                 "text"):  # code blocks (a rule explained) show ids by design
        for element in getattr(at, kind):  # a `code span` is shown as literally what it is (a folder, an id)
            found += [f"{kind}: {w}" for w in machine_words(re.sub(r"`[^`\n]*`", "", str(element.value)), ids)]
    for metric in at.metric:  # type: ignore[attr-defined]
        found += [f"metric: {w}" for w in machine_words(f"{metric.label} {metric.value}", ids)]
    for expander in at.expander:  # type: ignore[attr-defined]
        found += [f"expander: {w}" for w in machine_words(expander.label, ids)]
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in getattr(at, kind):
            found += [f"{kind}: {w}" for o in widget.options for w in machine_words(o, ids)]
    for kind in ("dataframe", "table"):
        for element in getattr(at, kind):
            frame = element.value
            shown = list(getattr(getattr(element, "proto", None), "column_order", []) or [])
            if shown:  # only the columns the page shows (a key kept for edits is not drawn)
                frame = frame[[c for c in frame.columns if c in shown]]
            found += [f"{kind}: {w}" for w in table_words(frame, ids)]
    return found
