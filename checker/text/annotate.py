"""The canonical chronology frame annotated for the facts: each entry's event kinds (`kinds`), the dates
written in it (`extract`) and its attendees, with the case's people's names read as their roles first.

May import `checker.model` and the rest of `checker.text`.
"""

from __future__ import annotations

import re

import pandas as pd

from checker.model.audit import Manifest
from checker.model.limits import MATCH_CHARS
from checker.text import extract as textextract
from checker.text.kinds import (
    KindRules,
    _normalise_series,
    classify_texts,
    entry_texts,
    load_rules,
    normalise_for_matching,
)

__all__ = ["annotate"]


def _name_table(manifest: Manifest) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """Per case: a pattern for the people's names and what each name stands for ('child', 'father'...)."""
    tables: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}
    for case in manifest.cases:
        names: dict[str, str] = {}
        for child in case.children:
            if child.name:
                names[normalise_for_matching(child.name)] = "child"
        for adult in case.adults:
            role = normalise_for_matching(adult.role) or "adult"
            for name in [adult.name, *adult.aliases]:
                if name and normalise_for_matching(name):
                    names[normalise_for_matching(name)] = role
        names = {n: r for n, r in names.items() if len(n) >= 2}
        if names:
            alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            tables[case.id] = (re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), names)
    return tables


def _replace_names(texts: pd.Series, cases: pd.Series, manifest: Manifest) -> pd.Series:
    """Names of the case's children become 'child', adults' names their role, so patterns can read them."""
    tables = _name_table(manifest)
    if not tables:
        return texts
    values = texts.tolist()
    for i, case_id in enumerate(cases.tolist()):  # one pass over the rows, not one mask of the frame per case
        table = tables.get(case_id)
        if table is not None:
            pattern, names = table
            values[i] = pattern.sub(lambda m, n=names: n[m[0]], values[i])  # type: ignore[misc]
    return pd.Series(values, index=texts.index, dtype=object)


def annotate(frame: pd.DataFrame, manifest: Manifest, rules: KindRules | None = None) -> pd.DataFrame:
    """A copy of the canonical chronology frame with `kinds`, `text_dates`, `attendees`, `attendees_known` filled."""
    rules = rules or load_rules()
    out = frame.copy()
    if out.empty:
        for column in ("kinds", "text_dates", "attendees"):
            out[column] = pd.Series(dtype=object, index=out.index)
        out["attendees_known"] = pd.Series(dtype=bool, index=out.index)
        return out
    texts = _normalise_series(entry_texts(out, rules))
    cases = out["case"].fillna("").astype(str) if "case" in out.columns else pd.Series("", index=out.index)
    out["kinds"] = classify_texts(_replace_names(texts, cases, manifest), rules)
    written = _blank(out, "event") + " . " + _blank(out, "action")
    dates = out["date"] if "date" in out.columns else pd.Series(pd.NaT, index=out.index)
    out["text_dates"] = textextract.dates_column(written, dates)
    amap = textextract.attendee_map(manifest, rules)
    attendees, known = textextract.attendees_columns(_blank(out, "attendees_text"), written, amap)
    out["attendees"] = attendees
    out["attendees_known"] = known.astype(bool)
    return out


def _blank(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str).str.slice(0, MATCH_CHARS).astype(object)
