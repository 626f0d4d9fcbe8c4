"""Pseudonymise free text for the published briefing: names, dates of birth and agency case references from
audit.yaml are replaced before any text reaches it.

    scrub = pseudonymiser(manifest)
    scrub("SW worked hard to engage Callum")     # 'SW worked hard to engage the young person'

Names become the person's role ("the mother", "the child"); dates of birth become "(date removed)"; an
agency's case reference becomes "(reference removed)". Replacement is by whole word, ignoring case.
`identifiers(manifest)` lists what must never appear, for tests and for a last check on the written files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from checker.model.audit import Manifest

__all__ = ["Pseudonymiser", "pseudonymiser", "identifiers", "date_spellings", "leaks", "sentence"]

_YOUNG_PERSON_AGE = 13
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def date_spellings(day: dt.date) -> list[str]:
    """The ways a date is commonly written in records: 03/09/2010, 3/9/2010, 03/09/10, 2010-09-03,
    3 September 2010, 3 Sep 2010, 3rd September 2010, 3rd Sep 2010."""
    d, m, y = day.day, day.month, day.year
    month = _MONTHS[m - 1]
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    out = {
        f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y % 100:02d}", f"{d}/{m}/{y % 100:02d}",
        f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y}", day.isoformat(),
        f"{d} {month} {y}", f"{d:02d} {month} {y}", f"{d} {month[:3]} {y}", f"{d:02d} {month[:3]} {y}",
        f"{d}{suffix} {month} {y}", f"{d}{suffix} {month[:3]} {y}",
    }
    return sorted(out, key=len, reverse=True)


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True, slots=True)
class Pseudonymiser:
    """Callable: text in, the same text with every identifier replaced (one pass of one pattern)."""

    pattern: re.Pattern[str] | None
    replacements: dict[str, str]  # casefolded identifier -> what replaces it

    def __call__(self, text: str | None) -> str:
        if not text or self.pattern is None:
            return text or ""
        return self.pattern.sub(lambda m: self.replacements.get(m.group(0).casefold(), m.group(0)), text)


def _word(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/])" + re.escape(text) + r"(?![\w/])", re.IGNORECASE)


def _people(manifest: Manifest, on: dt.date) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for case in manifest.cases:
        for child in case.children:
            if child.name:
                age = _age(child.date_of_birth, on) if child.date_of_birth else child.age
                who = "the young person" if age is not None and age >= _YOUNG_PERSON_AGE else "the child"
                pairs.append((child.name, who))
        for adult in case.adults:
            role = f"the {adult.role.split('(')[0].strip()}"
            if adult.name:
                pairs.append((adult.name, role))
            # An alias that is itself a name (capitalised, not an abbreviation) identifies the person too.
            pairs += [(a, role) for a in adult.aliases if len(a) >= 3 and a[0].isupper() and not a.isupper()
                      and " " not in a]
    return pairs


def identifiers(manifest: Manifest) -> dict[str, list[str]]:
    """{"names", "dates_of_birth", "references"}: every identifying string in audit.yaml."""
    names = sorted({name for name, _ in _people(manifest, dt.date.today())})
    births = [c.date_of_birth for case in manifest.cases for c in case.children if c.date_of_birth]
    births += [case.pregnancy.born for case in manifest.cases if case.pregnancy and case.pregnancy.born]
    dobs = sorted({s for day in births for s in date_spellings(day)})
    refs = sorted({ref for case in manifest.cases for ref in case.references.values() if ref.strip()})
    return {"names": names, "dates_of_birth": dobs, "references": refs}


def pseudonymiser(manifest: Manifest, on: dt.date | None = None) -> Pseudonymiser:
    """The scrubber for one audit; ages (child or young person) are worked out on `on` (the meeting)."""
    when = on or manifest.audit.meeting_date or dt.date.today()
    found = identifiers(manifest)
    pairs: list[tuple[str, str]] = [(r, "(reference removed)") for r in found["references"]]
    pairs += [(d, "(date removed)") for d in found["dates_of_birth"]]
    pairs += _people(manifest, when)
    replacements: dict[str, str] = {}
    for text, replacement in pairs:  # the first meaning of an identifier wins (a reference before a name)
        replacements.setdefault(text.casefold(), replacement)
    if not replacements:
        return Pseudonymiser(None, {})
    alternatives = "|".join(re.escape(t) for t in sorted(replacements, key=len, reverse=True))
    return Pseudonymiser(re.compile(rf"(?<![\w/])(?:{alternatives})(?![\w/])", re.IGNORECASE), replacements)


def leaks(text: str, manifest: Manifest) -> list[str]:
    """Every identifier from audit.yaml found in `text` (whole words, any case): empty when it is clean."""
    found = identifiers(manifest)
    return [s for values in found.values() for s in values if _word(s).search(text)]


def sentence(text: str) -> str:
    """Capitalise the first letter (a replaced name at the start of a sentence reads 'the mother')."""
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text
