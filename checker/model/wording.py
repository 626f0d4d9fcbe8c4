"""How the checker writes things for people: dates as UK readers write them and short excerpts of record
text. Every layer that words a message, a fact or an output row uses these, so one date reads the same in a
flag, a worklist and an export.

Also the small words every message needs, in one place: counts with the right plural, yes/no, plan and
agency-type names, agency names, UK dates and UK local times.

    >>> count(1, "day"), count(3, "agency", "agencies")
    ('1 day', '3 agencies')
    >>> fix_plurals("1 oversight entr(y/ies) and 2 record(s)")
    '1 oversight entry and 2 records'
    >>> plan_words("child_protection")
    'child protection plan'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from checker.model.severity import SEVERITY_WORDS

__all__ = [
    "clip_excerpt",
    "fmt_date",
    "fmt_time",
    "count",
    "plural",
    "yes_no",
    "plan_words",
    "kind_words",
    "agency_type_words",
    "agency_name",
    "severity_words",
    "fix_plurals",
    "humanise",
    "uk_dates",
    "finish",
    "UK",
]

UK = ZoneInfo("Europe/London")


def fmt_date(value: Any) -> str:
    """A date as UK readers write it: 12/03/2019."""
    if value is None or value is pd.NaT or (not isinstance(value, dt.date) and pd.isna(value)):
        return "unknown date"  # NaT passes isinstance(…, date), so it is named
    if isinstance(value, dt.date):  # a date, a datetime or a Timestamp: no pandas round trip
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return pd.Timestamp(value).strftime("%d/%m/%Y")


def clip_excerpt(text: str, limit: int = 160) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fmt_time(value: Any) -> str:
    """A moment in UK local time (GMT or BST), day first: 26/03/2019 14:05. A naive time is taken as UTC,
    which is how the store records decisions."""
    if value is None or value == "":
        return ""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(UK).strftime("%d/%m/%Y %H:%M")


# --- counts and small words -------------------------------------------------------------------------------

_IRREGULAR = {"entry": "entries", "agency": "agencies", "child": "children", "person": "people",
              "day": "days", "this": "these", "was": "were", "has": "have", "is": "are"}  # fmt: skip


def plural(word: str, n: int | float) -> str:
    """`word` for `n` things: plural("agency", 2) -> 'agencies'."""
    if n == 1:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def count(n: int | float, singular: str, many: str | None = None) -> str:
    """'1 flag', '3 flags' ('1 agency', '2 agencies'); `many` when the plural is irregular."""
    number = f"{n:g}" if isinstance(n, float) else f"{n:,}"
    return f"{number} {singular if n == 1 else (many or plural(singular, n))}"


def yes_no(value: Any) -> str:
    return "yes" if value else "no"


_PLANS = {
    "none": "no plan",
    "early_help": "Early Help plan",
    "child_in_need": "child in need plan",
    "child_protection": "child protection plan",
    "pre_birth": "pre-birth child protection plan",
    "assessment": "social care assessment",
}
_AGENCY_TYPES = {
    "childrens_social_care": "children's social care",
    "mash": "MASH",
    "early_help": "Early Help",
    "police": "police",
    "health_visiting": "health visiting",
    "community_health": "community health",
    "midwifery": "midwifery",
    "gp": "GP",
    "hospital": "hospital",
    "housing": "housing",
    "education": "school or college",
    "mental_health": "mental health",
    "probation": "probation",
    "substance_misuse": "substance misuse service",
    "adult_social_care": "adult social care",
    "voluntary": "voluntary sector",
    "other": "other agency",
}


_KIND_WORDS = {"hv": "health visitor", "csc": "children's social care", "mash": "MASH", "cp": "child protection",
               "cin": "child in need", "da": "domestic abuse", "eh": "Early Help", "gp": "GP", "taf": "TAF",
               "nfa": "no further action", "dna": "did not attend", "was": "was", "edd": "due date"}  # fmt: skip


def kind_words(kind: str) -> str:
    """An event kind id in words: 'hv_contact' -> 'health visitor contact', 'early_help_start' -> 'Early
    Help start'."""
    words = [_KIND_WORDS.get(w, w) for w in str(kind).split("_")]
    text = " ".join(words).replace("early help", "Early Help")
    return text[:1].upper() + text[1:]


def plan_words(plan: str) -> str:
    """A plan type as people say it: 'child_protection' -> 'child protection plan'."""
    return _PLANS.get(str(plan), str(plan).replace("_", " "))


def agency_type_words(kind: str) -> str:
    return _AGENCY_TYPES.get(str(kind), str(kind).replace("_", " "))


def severity_words(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity.capitalize())


def agency_name(names: Mapping[str, str], agency: str | None, default: str = "") -> str:
    """The agency's name from audit.yaml for its id (the id itself only when the audit does not name it)."""
    if not agency:
        return default
    return names.get(agency) or agency


def possessive(name: str) -> str:
    """'Northshire Police's', but 'Housing Options'' for a name ending in s (never 'Options's')."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


_POSSESSIVE_FIELD = re.compile(r"\{(\w+)\}'s\b")


def possessive_fields(template: str, shown: Mapping[str, Any]) -> str:
    """A template's `{field}'s` made `{field}'` where the field's value ends in s."""

    def one(m: re.Match[str]) -> str:
        value = str(shown.get(m[1], ""))
        return "{" + m[1] + "}" + possessive(value)[len(value):]  # the ' or 's the name takes

    return _POSSESSIVE_FIELD.sub(one, template)


# --- finishing a rendered message ---------------------------------------------------------------------------

_NUMBER = r"(?<![\w/.])(\d+(?:[.,]\d+)?)"
_SUFFIX = re.compile(_NUMBER + r"((?:[ \-][^\s()\d]+){0,3}?)[ \-]([A-Za-z]+)\((s|es|y/ies)\)")
_LEFT_OVER = re.compile(r"([A-Za-z]+)\((s|es|y/ies)\)")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _fix(word: str, suffix: str, one: bool) -> str:
    if suffix == "y/ies":
        return word + ("y" if one else "ies")
    return word if one else word + suffix


def fix_plurals(text: str) -> str:
    """Template plurals resolved by the count before them: '9 day(s)' -> '9 days', '1 agenc(y/ies)' ->
    '1 agency'; one with no count in front reads as plural."""
    text = _SUFFIX.sub(lambda m: m[0][: m.start(3) - m.start(0)] + _fix(m[3], m[4], m[1] == "1"), text)
    return _LEFT_OVER.sub(lambda m: _fix(m[1], m[2], False), text)


def uk_dates(text: str) -> str:
    """ISO dates inside text as DD/MM/YYYY."""
    return _ISO_DATE.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", text)


_PLAN_PLAN = re.compile(r"\bplan plan\b")
_A_VOWEL = re.compile(r"\b([Aa]) (?=(?:Early|early|assessment|social care assessment)\b)")


def finish(text: str) -> str:
    """A rendered message made to read as a sentence: plurals by their count, ISO dates day first,
    'a child protection plan plan' -> 'a child protection plan', 'a Early Help plan' -> 'an Early Help plan',
    and a capital letter to start. Each pattern runs only on a text holding the literal it cannot match
    without (most messages have no plural, date, 'plan plan' or 'a Early'): `finish_reference` runs them all."""
    if "(s)" in text or "(es)" in text or "(y/ies)" in text:
        text = fix_plurals(text)
    if "-" in text:
        text = uk_dates(text)
    if "plan plan" in text:
        text = _PLAN_PLAN.sub("plan", text)
    if "arly" in text or "assessment" in text:
        text = _A_VOWEL.sub(lambda m: m[1] + "n ", text)
    return _capitalised(text)


def finish_reference(text: str) -> str:
    """`finish` with every pattern run on every text (what `finish` must equal)."""
    text = _PLAN_PLAN.sub("plan", uk_dates(fix_plurals(text)))
    text = _A_VOWEL.sub(lambda m: m[1] + "n ", text)
    return _capitalised(text)


def _capitalised(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if "/" in first or "." in first else text[:1].upper() + text[1:]


def humanise(value: Any) -> Any:
    """A fact's field as a message shows it: yes/no, plan types in words, dates day first; others as given."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.date):
        return fmt_date(value)
    if isinstance(value, str):
        if value in _PLANS:
            return plan_words(value)
        if _ISO_DATE.fullmatch(value):
            return uk_dates(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(humanise(v)) for v in value)
    return value
