"""Attendance lists written inside chronology text: "Present: SW, school, HV", "Attendees - Housing officer,
GP", "attended by …", or the attendees column. Names are mapped to the audit's agency ids (manifest names and
aliases first, then the role words in `rules/kinds.yaml` `attendee_roles`). `attendees_known` is True only when
a list was recorded: a meeting whose attendance is not written down is unknown, not "Housing absent".

    >>> find_attendance_lists("Core group. Present: SW, HV, school.")
    ['sw, hv, school']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.model.audit import Manifest
from checker.text.compile import KindRules, load_rules
from checker.text.match import column_strings, normalise_for_matching, normalise_many
from checker.text.patterns import search_many

__all__ = ["AttendeeMap", "attendee_map", "find_attendance_lists", "extract_attendees", "attendees_columns",
           "tuples_series"]  # fmt: skip

# Where an attendance list starts: a heading with a colon or dash ("Present: ...", "In attendance - ..."),
# "attended by ...", or, without either, "in attendance", "attendees" or "present" opening the entry or a
# clause ("Core group - in attendance SW, HV") and followed by a name rather than a word that carries the
# sentence on: "mum was present at the appointment", "present at home", "in attendance at school" and
# "all attendees agreed" are sentences, not lists.
_OPENS_CLAUSE = r"(?:^|(?<=[.;:!?,\-–])) ?"
_NOT_A_LIST = (
    r"(?!(?:at|in|on|with|for|to|from|during|throughout|and|but|or|as|by|of|who|which|that|when|while|"
    r"until|today|again|also|only|too|all|both|not|no|is|are|was|were|has|have|had|will|would|via|"
    r"virtually|remotely|online|briefly)\b)"
)
_LIST_START = re.compile(
    r"\b(?:present|attendees|attendance|in attendance|those present|people present|professionals present|"
    r"who attended|attending)\s*(?:were|was)?\s*[:\-–]+\s*"
    r"|\battended by\b\s*[:\-–]?\s*"
    rf"|{_OPENS_CLAUSE}(?:in attendance|attendees|(?:those |people |professionals )?present)"
    rf"(?: were| was| included)? {_NOT_A_LIST}(?=[a-z])",
)
_LIST_END = re.compile(
    r"[.;!?](?=\s|$)|\n|\||\b(?:apologies|absent|not present|not invited|did not attend|didnt attend|not attended)\b"
)


def find_attendance_lists(text: str, rules: KindRules | None = None) -> list[str]:
    """The attendance lists written in `text` ("Present: SW, HV, school." -> ['sw, hv, school'])."""
    return _lists(normalise_for_matching(text, rules))


def _lists(lowered: str) -> list[str]:
    """`find_attendance_lists` of text already normalised."""
    lists = []
    for m in _LIST_START.finditer(lowered):
        rest = lowered[m.end() :]
        end = _LIST_END.search(rest)
        items = rest[: end.start()] if end else rest
        items = items.strip(" ,-:")
        if items and not items[0].isdigit():  # "Attendance: 78%" is school attendance, not a list
            lists.append(items)
    return lists


@dataclass(frozen=True, slots=True)
class AttendeeMap:
    """How names in attendance lists map to the audit's agency ids."""

    manifest_terms: re.Pattern[str] | None
    manifest_ids: dict[str, tuple[str, ...]]
    role_terms: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]
    order: tuple[str, ...]
    rules: KindRules | None = None  # whose glossary normalises the lists (the default rules when None)

    def resolve(self, items: str) -> tuple[str, ...]:
        """Agency ids named in `items` (already lower-cased), in manifest order."""
        text = normalise_for_matching(items, self.rules)
        found: set[str] = set()
        if self.manifest_terms is not None:

            def take(m: re.Match[str]) -> str:
                found.update(self.manifest_ids[m[0]])
                return " " * len(m[0])

            text = self.manifest_terms.sub(take, text)
        for pattern, ids in self.role_terms:
            if pattern.search(text):
                found.update(ids)
                text = pattern.sub(lambda m: " " * len(m[0]), text)
        return tuple(a for a in self.order if a in found)


def _term_variants(value: str, rules: KindRules) -> set[str]:
    base = normalise_for_matching(value, rules)
    return {v for v in (base, base.replace("_", " "), base.replace("-", " ")) if len(v) >= 2}


def attendee_map(manifest: Manifest, rules: KindRules | None = None) -> AttendeeMap:
    """Build the name → agency map for one audit.

    Manifest agency ids, names and aliases come first. Role words ('SW', 'school', 'housing officer') map to
    an agency type; they resolve only when the manifest has exactly one agency of that type. With two
    (say two hospitals) the role word is ambiguous and is left unresolved rather than guessed: name the
    agencies' aliases in audit.yaml to resolve it.
    """
    rules = rules or load_rules()
    manifest_ids: dict[str, set[str]] = {}
    for agency in manifest.agencies:
        for value in [agency.id, agency.name, *agency.aliases]:
            for term in _term_variants(value, rules):
                manifest_ids.setdefault(term, set()).add(agency.id)
    manifest_pattern = None
    if manifest_ids:
        alternation = "|".join(re.escape(t) for t in sorted(manifest_ids, key=len, reverse=True))
        manifest_pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    by_type: dict[str, list[str]] = {}
    for agency in manifest.agencies:
        by_type.setdefault(agency.type.value, []).append(agency.id)
    roles: list[tuple[str, tuple[str, ...]]] = []
    for type_, words in rules.attendee_roles.items():
        ids = by_type.get(type_, [])
        if len(ids) != 1:
            continue
        roles.extend((w, (ids[0],)) for w in words)
    roles.sort(key=lambda r: len(r[0]), reverse=True)
    role_terms = tuple((re.compile(rf"(?<!\w)(?:{w})(?!\w)"), ids) for w, ids in roles)
    order = tuple(a.id for a in manifest.agencies)
    return AttendeeMap(
        manifest_pattern, {k: tuple(sorted(v)) for k, v in manifest_ids.items()}, role_terms, order, rules
    )


def extract_attendees(attendees_text: str, text: str, amap: AttendeeMap, *,
                      normalised: str | None = None) -> tuple[tuple[str, ...], bool]:  # fmt: skip
    """(agency ids present, whether attendance was recorded at all) from the attendees column and the text
    (`normalised`: the text already normalised for matching)."""
    column = str(attendees_text or "").strip()
    lists = ([column] if column else []) + (
        _lists(normalised) if normalised is not None else find_attendance_lists(text or "", amap.rules))
    if not lists:
        return (), False
    ids = set().union(*(amap.resolve(items) for items in lists))
    return tuple(a for a in amap.order if a in ids), True


_MAY_HOLD_LIST = re.compile(r"present|attend", re.IGNORECASE)
# `_LIST_START` without its look-arounds, in normalised text: the character before a clause-opening list
# heading written as that character (or the text's start), the name after it as any letter. It finds a match
# wherever `_LIST_START` does, in one RE2 pass; a text it misses holds no list.
_MAY_OPEN_LIST = re.compile(
    r"\b(?:present|attendees|attendance|attending|attended)\s*(?:were|was)?\s*[:\-–]|\battended by\b"
    r"|(?:^|[.;:!?,\-–]) ?(?:in attendance|attendees|(?:those |people |professionals )?present)"
    r"(?: were| was| included)? [a-z]"
)


def attendees_columns(
    attendees_text: pd.Series, texts: pd.Series, amap: AttendeeMap
) -> tuple[pd.Series, pd.Series]:
    """`attendees` and `attendees_known` for each row."""
    columns = column_strings(attendees_text)
    values = column_strings(texts)
    may_hold = search_many(values, _MAY_HOLD_LIST).tolist()
    wanted = list(dict.fromkeys(t for c, t, m in zip(columns, values, may_hold, strict=True) if m or c.strip()))
    normalised = dict(zip(wanted, normalise_many(wanted, amap.rules), strict=True))
    opens = dict(zip(wanted, search_many(list(normalised.values()), _MAY_OPEN_LIST).tolist(), strict=True))
    cache: dict[tuple[str, str], tuple[tuple[str, ...], bool]] = {}
    ids: list[tuple[str, ...]] = []
    known: list[bool] = []
    for column, text, maybe in zip(columns, values, may_hold, strict=True):
        if not column.strip() and not (maybe and opens[text]):
            ids.append(())
            known.append(False)
            continue
        key = (column, text)
        if key not in cache:
            cache[key] = extract_attendees(column, text, amap, normalised=normalised[text])
        ids.append(cache[key][0])
        known.append(cache[key][1])
    return tuples_series(ids, texts.index), pd.Series(known, index=texts.index, dtype=bool)


def tuples_series(values: list[Any], index: pd.Index) -> pd.Series:
    """A Series holding one tuple per row (pandas would otherwise try to spread tuples into columns)."""
    array = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        array[i] = value
    return pd.Series(array, index=index, dtype=object)
