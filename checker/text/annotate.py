"""Annotating the canonical chronology frame with what its text says.

`annotate` adds to a copy of the frame: `kinds` (kind ids present), `readings` (every kind found with its
status and deciding words), `mentions` (the case's people mentioned and what the entry records about each),
`targets` (agency types a referral goes to), `text_dates`, `attendees` and `attendees_known`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from checker.model.audit import Manifest
from checker.model.limits import MATCH_CHARS
from checker.text import extract as textextract
from checker.text.cast import Places, name_places, name_starts
from checker.text.compile import KindRules, load_rules
from checker.text.context import Clauses
from checker.text.links import targets_column
from checker.text.match import (
    column_strings,
    entry_texts,
    kinds_of,
    normalise_for_matching,
    normalise_series,
    read_texts,
)
from checker.text.people import case_casts, mentions_column

__all__ = ["annotate", "kinds_present"]


_BABY_DAYS = 730  # a child under two on the entry's date is read as "baby" (direct observation is their voice)


def _name_table(manifest: Manifest, rules: KindRules) -> dict[str, tuple[tuple[str, ...], dict[str, tuple[str, Any]]]]:
    """Per case: the people's names (longest first), and what each stands for ('child', 'father'...) with the
    child's date of birth (None for adults)."""
    tables: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, Any]]]] = {}
    for case in manifest.cases:
        names: dict[str, tuple[str, Any]] = {}
        for child in case.children:
            if child.name:
                names[normalise_for_matching(child.name, rules)] = ("child", child.date_of_birth)
        for adult in case.adults:
            role = normalise_for_matching(adult.role, rules) or "adult"
            for name in [adult.name, *adult.aliases]:
                norm = normalise_for_matching(name, rules) if name else ""
                if norm:
                    names[norm] = (role, None)
        names = {n: r for n, r in names.items() if len(n) >= 2}
        if names:
            tables[case.id] = (tuple(sorted(names, key=len, reverse=True)), names)
    return tables


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # a word character for Python `re`


def _names_in(text: str, names: tuple[str, ...]) -> list[tuple[int, int, str]]:
    r"""(start, end of the name, 's' or '') wherever `(?<!\w)(name|…)(s?)(?!\w)` with the names longest first
    matches, as its `finditer` finds them, without building the regex: "Kacper's" is normalised to "kacpers",
    and the possessive reads as "childs"."""
    found: list[tuple[int, int, str]] = []
    after, size = 0, len(text)
    for at in name_starts(text, names):
        if at < after or (at > 0 and _is_word(text[at - 1])):
            continue
        for name in names:
            if not text.startswith(name, at):
                continue
            end = at + len(name)
            if end < size and text[end] == "s" and (end + 1 == size or not _is_word(text[end + 1])):
                found.append((at, end, "s"))
                after = end + 1
                break
            if end == size or not _is_word(text[end]):
                found.append((at, end, ""))
                after = end
                break
    return found


def _names_placed(text: str, places: Places, names: dict[str, tuple[str, Any]]) -> list[tuple[int, int, str]]:
    """`_names_in` from the text's `places` (`cast.name_places`, holding at least every name of `names`)."""
    found: list[tuple[int, int, str]] = []
    after, size = 0, len(text)
    for at, name in places:  # by start, longest first: at each start the longest name that fits wins
        if at < after or name not in names or (at > 0 and _is_word(text[at - 1])):
            continue
        end = at + len(name)
        if end < size and text[end] == "s" and (end + 1 == size or not _is_word(text[end + 1])):
            found.append((at, end, "s"))
            after = end + 1
        elif end == size or not _is_word(text[end]):
            found.append((at, end, ""))
            after = end
    return found


def _replace_names(texts: pd.Series, cases: pd.Series, dates: pd.Series, manifest: Manifest,
                   rules: KindRules, places: list[Places] | None = None,
                   tables: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, Any]]]] | None = None
                   ) -> pd.Series:  # fmt: skip
    """Names of the case's children become 'child' ('baby' under two on the entry's date), adults' names their
    role, so patterns can read them. `places`: where each row's case's names start (`cast.name_places`), when
    found already; `tables`: `_name_table`, when made already."""
    tables = _name_table(manifest, rules) if tables is None else tables
    if not tables:
        return texts
    values = texts.tolist()
    whens = dates.tolist()
    for i, case_id in enumerate(cases.tolist()):  # one pass over the rows, not one mask of the frame per case
        table = tables.get(case_id)
        if table is None:
            continue
        ordered, names = table
        text = values[i]
        found = _names_in(text, ordered) if places is None else _names_placed(text, places[i], names)
        if not found:
            continue
        when = whens[i]
        pieces: list[str] = []
        last = 0
        for start, end, s in found:
            role, dob = names[text[start:end]]
            if role == "child" and dob is not None and not pd.isna(when) and (when.date() - dob).days < _BABY_DAYS:
                role = "baby"
            pieces += [text[last:start], role, s]
            last = end + len(s)
        pieces.append(text[last:])
        values[i] = "".join(pieces)
    return pd.Series(values, index=texts.index, dtype=object)


def _blank(frame: pd.DataFrame, column: str) -> list[str]:
    """The column's values as text, blanks as '', each cut to MATCH_CHARS ('' for every row without it)."""
    if column not in frame.columns:
        return [""] * len(frame)
    return [v[:MATCH_CHARS] for v in column_strings(frame[column])]


def annotate(frame: pd.DataFrame, manifest: Manifest, rules: KindRules | None = None) -> pd.DataFrame:
    """A copy of the canonical chronology frame with the text's kinds, statuses, people, links, dates and
    attendees filled in."""
    rules = rules or load_rules()
    out = frame.copy()
    if out.empty:
        for column in ("kinds", "readings", "mentions", "targets", "text_dates", "attendees"):
            out[column] = pd.Series(dtype=object, index=out.index)
        out["attendees_known"] = pd.Series(dtype=bool, index=out.index)
        return out
    texts = normalise_series(entry_texts(out, rules), rules)
    cases = out["case"].fillna("").astype(str) if "case" in out.columns else pd.Series("", index=out.index)
    dates = out["date"] if "date" in out.columns else pd.Series(pd.NaT, index=out.index)
    # Each row's case's names (those replaced by roles and those mentions are read from) found in one pass.
    case_ids = cases.tolist()
    tables = _name_table(manifest, rules)
    casts = case_casts(manifest, wanted=set(case_ids))
    places = name_places(texts.tolist(), case_ids, {
        c: [*(tables[c][0] if c in tables else ()), *(w for _, ws in cast.names for w in ws)] for c, cast in casts.items()})
    readings = read_texts(_replace_names(texts, cases, dates, manifest, rules, places, tables), rules, normalised=True)
    out["kinds"] = kinds_of(readings)
    out["readings"] = readings
    clauses: dict[str, Clauses] = {}  # the texts' clauses, read once for mentions and links
    out["mentions"] = mentions_column(texts, cases, manifest, rules, clauses=clauses, places=places, casts=casts)
    types = {a.id: a.type.value for a in manifest.agencies}
    agency_types = pd.Series([types.get(a, "") for a in _blank(out, "agency")], index=out.index, dtype=object)
    out["targets"] = targets_column(texts, agency_types, rules, clauses=clauses)
    written = pd.Series([e + " . " + a for e, a in zip(_blank(out, "event"), _blank(out, "action"), strict=True)],
                        index=out.index, dtype=object)  # fmt: skip
    out["text_dates"] = textextract.dates_column(written, dates, rules)
    amap = textextract.attendee_map(manifest, rules)
    attendees, known = textextract.attendees_columns(
        pd.Series(_blank(out, "attendees_text"), index=out.index, dtype=object), written, amap)
    out["attendees"] = attendees
    out["attendees_known"] = known.astype(bool)
    return out


def kinds_present(kinds: pd.Series, wanted: Iterable[str]) -> pd.Series:
    """Boolean mask: rows whose kinds include any of `wanted`."""
    wanted_set = frozenset(wanted)
    return kinds.map(lambda ks: bool(wanted_set.intersection(ks))).astype(bool)
