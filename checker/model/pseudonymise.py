"""Pseudonymise free text quoted from records: names, nicknames, dates of birth and agency case references
from audit.yaml are replaced before any text reaches an output. The one scrubber for every output that quotes
record text (the briefing, the Early Help worklist's excerpts and its exports).

    scrub = pseudonymiser(manifest)
    scrub("SW worked hard to engage Callum")     # 'SW worked hard to engage the young person'
    scrub = pseudonymiser(manifest, cases=[case])   # only that case's people (a worklist entry's excerpt)

Names and nicknames (an adult's aliases that are names) become the person's role ("the mother", "the
child"); dates of birth, in every common spelling (`date_spellings`), become "(date removed)"; an agency's case
reference becomes "(reference removed)". Replacement is by whole word, ignoring case.
`identifiers(manifest)` lists what must never appear, for tests and for a last check on the written files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.model.audit import Case, Manifest

__all__ = ["Pseudonymiser", "pseudonymiser", "identifiers", "date_spellings", "leaks", "sentence"]

_YOUNG_PERSON_AGE = 13
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def date_spellings(day: dt.date) -> list[str]:
    """The ways a date is commonly written in records: 03/09/2010, 3/9/2010, 03/09/10, 3.9.2010, 3-9-2010,
    2010-09-03, 2010/09/03, 3 September 2010, 3 Sep 2010, 3 Sept 2010, 3rd September 2010, 3rd of September
    2010, 3 September, 2010, September 3, 2010 and September 3rd 2010 (longest first)."""
    d, m, y = day.day, day.month, day.year
    month = _MONTHS[m - 1]
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    out = {f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}"}
    for dd in {f"{d:02d}", f"{d}"}:
        for mm in {f"{m:02d}", f"{m}"}:
            for sep in "/.-":
                out |= {f"{dd}{sep}{mm}{sep}{y}", f"{dd}{sep}{mm}{sep}{y % 100:02d}"}
    names = {month, month[:3]} | ({"Sept"} if m == 9 else set())
    for name in names:
        for dd in {f"{d}", f"{d:02d}", f"{d}{suffix}"}:
            out |= {f"{dd} {name} {y}", f"{dd} {name}, {y}", f"{dd} of {name} {y}", f"{name} {dd} {y}",
                    f"{name} {dd}, {y}"}
    return sorted(out, key=len, reverse=True)


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True, slots=True)
class Pseudonymiser:
    """Callable: text in, the same text with every identifier replaced (one pass of one pattern).

    The pattern (an alternation of every identifier, dozens of date spellings a birth) is compiled only for a
    text that may hold one: when every identifier and the text are ASCII, re's case-insensitive match of an
    identifier is its lower case found in the text's, so a text holding none is returned as it is (a worklist
    entry's excerpts rarely name anyone: compiling a pattern per entry was most of the worklist's time)."""

    source: str | None  # the pattern, compiled (re's cache) when a text may hold an identifier
    replacements: dict[str, str]  # casefolded identifier -> what replaces it
    ascii_only: bool = False  # every identifier is ASCII (the prefilter above is exact)

    @property
    def pattern(self) -> re.Pattern[str] | None:
        return re.compile(self.source, re.IGNORECASE) if self.source is not None else None

    def __call__(self, text: str | None) -> str:
        if not text or self.source is None:
            return text or ""
        if self.ascii_only and text.isascii():
            lowered = text.lower()
            if not any(key in lowered for key in self.replacements):
                return text
        return self.reference(text)

    def reference(self, text: str | None) -> str:
        """The reading without the prefilter: the pattern run over every text (what a call must equal)."""
        if not text or self.pattern is None:
            return text or ""
        return self.pattern.sub(lambda m: self.replacements.get(m.group(0).casefold(), m.group(0)), text)


def _word(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/])" + re.escape(text) + r"(?![\w/])", re.IGNORECASE)


def _cases(manifest: Manifest, cases: Sequence[Case] | None) -> Sequence[Case]:
    return manifest.cases if cases is None else cases


def _people(manifest: Manifest, on: dt.date, cases: Sequence[Case] | None = None) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for case in _cases(manifest, cases):
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


def identifiers(manifest: Manifest, cases: Sequence[Case] | None = None) -> dict[str, list[str]]:
    """{"names", "dates_of_birth", "references"}: every identifying string in audit.yaml (of `cases` only,
    when given)."""
    chosen = _cases(manifest, cases)
    names = sorted({name for name, _ in _people(manifest, dt.date.today(), chosen)})
    births = [c.date_of_birth for case in chosen for c in case.children if c.date_of_birth]
    births += [case.pregnancy.born for case in chosen if case.pregnancy and case.pregnancy.born]
    dobs = sorted({s for day in births for s in date_spellings(day)})
    refs = sorted({ref for case in chosen for ref in case.references.values() if ref.strip()})
    return {"names": names, "dates_of_birth": dobs, "references": refs}


def pseudonymiser(manifest: Manifest, on: dt.date | None = None, cases: Sequence[Case] | None = None) -> Pseudonymiser:
    """The scrubber for one audit (or for `cases` of it: one pattern per case keeps a 100,000-case sweep's
    scrubbing linear); ages (child or young person) are worked out on `on` (the meeting)."""
    when = on or manifest.audit.meeting_date or dt.date.today()
    found = identifiers(manifest, cases)
    pairs: list[tuple[str, str]] = [(r, "(reference removed)") for r in found["references"]]
    pairs += [(d, "(date removed)") for d in found["dates_of_birth"]]
    pairs += _people(manifest, when, cases)
    replacements: dict[str, str] = {}
    for text, replacement in pairs:  # the first meaning of an identifier wins (a reference before a name)
        replacements.setdefault(text.casefold(), replacement)
    if not replacements:
        return Pseudonymiser(None, {})
    alternatives = "|".join(re.escape(t) for t in sorted(replacements, key=len, reverse=True))
    return Pseudonymiser(rf"(?<![\w/])(?:{alternatives})(?![\w/])", replacements,
                         ascii_only=all(key.isascii() for key in replacements))


def leaks(text: str, manifest: Manifest) -> list[str]:
    """Every identifier from audit.yaml found in `text` (whole words, any case): empty when it is clean."""
    found = identifiers(manifest)
    return [s for values in found.values() for s in values if _word(s).search(text)]


def sentence(text: str) -> str:
    """Capitalise the first letter (a replaced name at the start of a sentence reads 'the mother')."""
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text
