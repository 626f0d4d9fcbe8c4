"""Dates and attendance lists written inside chronology text.

Dates are read day first, as agencies write them:

    >>> import datetime as dt
    >>> extract_dates("bailiffs booked for 18/03", dt.date(2019, 3, 2))
    ('2019-03-18',)
    >>> extract_dates("possession order to take effect in 14 days", dt.date(2019, 3, 2))
    ('2019-03-16',)
    >>> find_dates("Eviction on 18 March", dt.date(2019, 3, 2))[0].phrase
    'bailiff'

A date without a year takes the year that puts it nearest the entry's own date (so within about six months
either side): on an entry of 20/12/2018, "bailiffs booked for 08/01" is 2019-01-08; on 05/01/2019, "seen on
28/12" is 2018-12-28. Relative dates ("in 14 days", "within 2 weeks", "in a fortnight", "tomorrow") count from
the entry's date. Without an entry date, only dates with a year are read. Weekday names ("next Tuesday") and
month-only dates ("May 2019") are not read: they cannot be pinned to one day.

Gestation and clinical shorthand are not dates: "34/40", "24+3", "3/7", "6/52" are skipped, as are numeric
day/month pairs followed by "old", "ago", "weeks"... or preceded by "aged"/"in".

Attendance: "Present: SW, school, HV", "Attendees - Housing officer, GP", "attended by …", or the attendees
column. Names are mapped to the audit's agency ids (manifest names and aliases first, then the role words in
`rules/kinds.yaml` `attendee_roles`). `attendees_known` is True only when a list was recorded: a meeting
whose attendance is not written down is unknown, not "Housing absent".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.model.audit import Manifest
from checker.model.dates import expand_year
from checker.text.compile import KindRules, load_rules
from checker.text.match import normalise_for_matching, normalise_many
from checker.text.patterns import search_each, search_many

__all__ = [
    "TextDate",
    "find_dates",
    "extract_dates",
    "dates_column",
    "AttendeeMap",
    "attendee_map",
    "find_attendance_lists",
    "extract_attendees",
    "attendees_columns",
]

# --- Dates ---------------------------------------------------------------------------------------------

_MONTH_NAMES = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_NOT_DURATION = r"(?!\s*(?:min|mins|minutes|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|old)\b)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "twenty": 20, "twenty one": 21,
    "twenty eight": 28,
}  # fmt: skip
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<![\d/.])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/])")),
    ("dmy", re.compile(r"(?<![\d/.+])(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})(?![\d/])")),
    (
        "d_month",
        re.compile(
            r"(?<![\d/])(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+"
            + _MONTH
            + r"(?:(?:,?\s+|[\-/])(?P<y>\d{4}|\d{2}"
            + _NOT_DURATION
            + r"))?(?![\w/])"
        ),
    ),
    (
        "month_d",
        re.compile(
            r"\b"
            + _MONTH
            + r"\s+(?P<d>\d{1,2})(?:(?:st|nd|rd|th)(?:,?\s+(?P<y>\d{4}))?|,?\s+(?P<y2>\d{4}))\b"
        ),
    ),
    ("dm", re.compile(r"(?<![\d/.+])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])" + _NOT_DURATION)),
    (
        "relative",
        re.compile(
            r"\b(?:in|within|after)\s+(?:the\s+next\s+)?" + _NUMBER + r"\s+(?P<unit>days?|weeks?|wks?)\b"
            r"|\b" + r"(?P<n2>\d{1,3})\s+(?P<unit2>days?|weeks?)\s*time\b"
        ),
    ),  # fmt: skip
    ("fortnight", re.compile(r"\b(?:in|within)\s+a\s+fortnight\b")),
    ("tomorrow", re.compile(r"\btomorrow\b")),
)
_SKIP_BEFORE_DM = re.compile(r"(?:\baged?|\bin|\bx)\s*$")
_SENTENCE = re.compile(r"[.;!?](?=\s|$)|\n|\s[-–—]+\s")


@dataclass(frozen=True, slots=True)
class TextDate:
    """A date found in the text: ISO day, what it is the date of (`phrase`), and the words as written."""

    date: str
    phrase: str  # one of rules/kinds.yaml date_phrases keys (bailiff, possession, hearing, notice) or "other"
    written: str
    start: int


def _as_date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts.date()


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest(month: int, day: int, entry: dt.date | None) -> dt.date | None:
    """The day/month in the year that puts it nearest the entry date (±6 months), or None."""
    if entry is None:
        return None
    candidates = [d for y in (entry.year - 1, entry.year, entry.year + 1) if (d := _valid(y, month, day))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - entry).days), -d.toordinal()))


def _read(kind: str, m: re.Match[str], text: str, entry: dt.date | None) -> dt.date | None:
    g = m.groupdict()
    if kind == "iso":
        return _valid(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "dmy":
        return _valid(expand_year(int(g["y"])), int(g["m"]), int(g["d"]))
    if kind in ("d_month", "month_d"):
        month = _MONTH_NAMES[g["mon"]]
        year = g.get("y") or g.get("y2")
        if year:
            return _valid(expand_year(int(year)), month, int(g["d"]))
        return _nearest(month, int(g["d"]), entry)
    if kind == "dm":
        day, month = int(g["d"]), int(g["m"])
        if len(g["d"]) == 1 and len(g["m"]) == 1:  # "3/7", "1/2": clinical shorthand or fractions
            return None
        if _SKIP_BEFORE_DM.search(text[: m.start()]):
            return None
        return _nearest(month, day, entry)
    if entry is None:
        return None
    if kind == "relative":
        raw = g.get("n") or g.get("n2") or ""
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
        unit = g.get("unit") or g.get("unit2") or ""
        days = n * 7 if unit.startswith("w") else n
        return entry + dt.timedelta(days=days) if 0 < days <= 400 else None
    if kind == "fortnight":
        return entry + dt.timedelta(days=14)
    if kind == "tomorrow":
        return entry + dt.timedelta(days=1)
    return None  # pragma: no cover


def _phrase(text: str, start: int, end: int, rules: KindRules) -> str:
    """The date-phrase keyword nearest the date in the same sentence, or 'other'."""
    s = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    e = next((m.start() for m in _SENTENCE.finditer(text, end)), len(text))
    best: tuple[int, int, str] | None = None
    for order, (name, pattern) in enumerate(rules.date_phrases.items()):
        for m in pattern.finditer(text, s, e):
            if m.start() < end and m.end() > start:
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            candidate = (distance, order, name)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else "other"


def find_dates(text: str, entry_date: Any = None, rules: KindRules | None = None) -> tuple[TextDate, ...]:
    """Every day written in `text`, in order, with the kind of date it is (see module docstring)."""
    return _find_dates(" ".join(str(text).lower().split()), _as_date(entry_date), rules or load_rules())


def _find_dates(lowered: str, entry: dt.date | None, rules: KindRules,
                kinds: frozenset[str] | None = None) -> tuple[TextDate, ...]:  # fmt: skip
    """`find_dates` on text already lower-cased and single-spaced; only the `kinds` of date a first pass
    found may be there (None: all)."""
    taken: list[tuple[int, int]] = []
    found: list[TextDate] = []
    for kind, pattern in _DATE_PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        for m in pattern.finditer(lowered):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            day = _read(kind, m, lowered, entry)
            if day is None:
                continue
            taken.append(m.span())
            found.append(
                TextDate(day.isoformat(), _phrase(lowered, m.start(), m.end(), rules), m[0], m.start())
            )
    return tuple(sorted(found, key=lambda d: d.start))


def extract_dates(text: str, entry_date: Any = None, rules: KindRules | None = None) -> tuple[str, ...]:
    """ISO dates written in `text`, in order of appearance, each once."""
    return tuple(dict.fromkeys(d.date for d in find_dates(text, entry_date, rules)))


# A cheap first pass (RE2 through pandas/pyarrow): only rows this finds are read in full.
_MAY_HOLD_DATE = re.compile(
    r"\d\s*[/.\-]\s*\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s*(?:days?|weeks?|wks?)\b"
    r"|tomorrow|fortnight",
    re.IGNORECASE,
)


# Each kind of date's words without their edges: finds at least what the kind's pattern finds, in one
# RE2 pass over all the texts (see search_many), so each text is read only for the kinds it may hold.
_MONTH_START = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DATE_SCREENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\d{4}-\d{1,2}-\d{1,2}")),
    ("dmy", re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}")),
    ("d_month", re.compile(r"\d(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+" + _MONTH_START)),
    ("month_d", re.compile(_MONTH_START + r"[a-z]*\.?\s+\d")),
    ("dm", re.compile(r"\d/\d")),
    ("relative", re.compile(r"day|week|wk")),
    ("fortnight", re.compile(r"fortnight")),
    ("tomorrow", re.compile(r"tomorrow")),
)


def dates_column(texts: pd.Series, entry_dates: pd.Series, rules: KindRules | None = None) -> pd.Series:
    """`extract_dates` for each row; rows without a digit are skipped cheaply."""
    rules = rules or load_rules()
    values: list[str] = texts.fillna("").astype(str).tolist()
    whens: list[Any] = entry_dates.astype(object).tolist()
    candidates: list[bool] = search_many(values, _MAY_HOLD_DATE).tolist()
    lowered = {t: " ".join(t.lower().split()) for t, c in zip(values, candidates, strict=True) if c}
    distinct = list(lowered.values())
    masks = list(zip((k for k, _ in _DATE_SCREENS), search_each(distinct, [p for _, p in _DATE_SCREENS]), strict=True))
    rows = [(k, mask.tolist()) for k, mask in masks]
    kinds = {t: frozenset(k for k, mask in rows if mask[i]) for i, t in enumerate(distinct)}
    cache: dict[tuple[str, dt.date | None], tuple[str, ...]] = {}
    result: list[tuple[str, ...]] = []
    for text, when, candidate in zip(values, whens, candidates, strict=True):
        if not candidate:
            result.append(())
            continue
        key = (text, _as_date(when))
        found = cache.get(key)
        if found is None:
            low = lowered[text]
            found = cache[key] = tuple(dict.fromkeys(d.date for d in _find_dates(low, key[1], rules, kinds[low])))
        result.append(found)
    return _tuples(result, texts.index)


def _tuples(values: list[Any], index: pd.Index) -> pd.Series:
    """A Series holding one tuple per row (pandas would otherwise try to spread tuples into columns)."""
    array = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        array[i] = value
    return pd.Series(array, index=index, dtype=object)


# --- Attendees -----------------------------------------------------------------------------------------

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
    r"[.;!?](?=\s|$)|\n|\b(?:apologies|absent|not present|not invited|did not attend|didnt attend|not attended)\b"
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


def attendees_columns(
    attendees_text: pd.Series, texts: pd.Series, amap: AttendeeMap
) -> tuple[pd.Series, pd.Series]:
    """`attendees` and `attendees_known` for each row."""
    columns: list[str] = attendees_text.fillna("").astype(str).tolist()
    values: list[str] = texts.fillna("").astype(str).tolist()
    may_hold = search_many(values, _MAY_HOLD_LIST).tolist()
    wanted = list(dict.fromkeys(t for c, t, m in zip(columns, values, may_hold, strict=True) if m or c.strip()))
    normalised = dict(zip(wanted, normalise_many(wanted, amap.rules), strict=True))
    cache: dict[tuple[str, str], tuple[tuple[str, ...], bool]] = {}
    ids: list[tuple[str, ...]] = []
    known: list[bool] = []
    for column, text, maybe in zip(columns, values, may_hold, strict=True):
        if not column.strip() and not maybe:
            ids.append(())
            known.append(False)
            continue
        key = (column, text)
        if key not in cache:
            cache[key] = extract_attendees(column, text, amap, normalised=normalised[text])
        ids.append(cache[key][0])
        known.append(cache[key][1])
    return _tuples(ids, texts.index), pd.Series(known, index=texts.index, dtype=bool)
