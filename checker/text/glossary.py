"""The field's vocabulary: the abbreviations agencies write (`rules/glossary.yaml`), and the few the
classifier reads as words before matching ("AN contact" -> "ante-natal contact", "PNMH" -> "perinatal
mental health"). Terms whose words would read as a cue ("NFA" = no further action, "WNB" = was not brought)
are listed for readers but never expanded: patterns match them as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.text.patterns import alternation, re2_error
from checker.text.schema import GlossaryFile

__all__ = ["Expansion", "Glossary", "compile_glossary"]


@dataclass(frozen=True, slots=True)
class Expansion:
    abbreviation: str
    pattern: str  # RE2 syntax, on normalised (lower-case) text; group 1 and 3 are kept, group 2 is replaced
    replacement: str  # for pyarrow / RE2
    compiled: re.Pattern[str]
    python_replacement: str  # for Python `re`


@dataclass(frozen=True, slots=True)
class Glossary:
    terms: dict[str, tuple[str, str]]  # abbreviation -> (meaning, family)
    expansions: tuple[Expansion, ...]

    def expand(self, text: str) -> str:
        """`text` (already normalised) with the expanding abbreviations read as words."""
        for e in self.expansions:
            text = e.compiled.sub(e.python_replacement, text)
        return text


def compile_glossary(model: GlossaryFile, where: str, problems: list[str]) -> Glossary:
    expansions: list[Expansion] = []
    terms: dict[str, tuple[str, str]] = {}
    for abbr, term in model.terms.items():
        terms[abbr] = (term.means, term.family)
        if not term.expand:
            continue
        written = [re.escape(abbr.lower()), *term.written]
        before = f" (?:{term.before})\\b" if term.before else ""
        after = f"(?:{term.after}) " if term.after else ""
        # Group 1: the start or a non-word character; group 2: the word it must follow; group 3: the word that
        # must follow it. RE2 has no look-around, so the neighbours are captured and put back.
        # An abbreviation ending in a mark ("w/", "r/v.") has no word boundary after it: a space or the end.
        edge = r"\b" if abbr[-1].isalnum() or term.written else r"(?:\s|$)"
        pattern = rf"(^|[^\w&/])({after}){alternation(written)}({edge}{before})"
        means = term.means.lower().replace("\\", "")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            problems.append(f"{where}: terms.{abbr}: not a valid pattern ({exc})")
            continue
        if (why := re2_error(pattern)) is not None:
            problems.append(f"{where}: terms.{abbr}: uses syntax RE2 lacks ({why})")
            continue
        expansions.append(Expansion(abbr, pattern, rf"\1\2{means}\3", compiled, rf"\g<1>\g<2>{means}\g<3>"))
    return Glossary(terms, tuple(expansions))
