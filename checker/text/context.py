"""The status of a match (ConText): done, planned, attempted, negated, conditional, historical, other person.

The algorithm is ConText (Harkema, Dowling, Thornblade, Chapman, J Biomed Inform 2009) applied over the
vectorised matcher: cues are data (`rules/context.yaml`), each with a status, a direction (`forward`: the cue
stands before the match; `backward`: after it; `within`: inside it) and a scope in words; no cue reaches
across a clause break; pseudo-cues ("not invited", "did not attend") are blanked out first. When several cues
apply, the nearest decides; on a tie the first status in the file's `precedence` wins.

    >>> from checker.text.compile import load_rules
    >>> from checker.text.match import explain_text
    >>> {(h.kind, h.status) for h in explain_text("HV antenatal visit booked for 14/03") if h.kind == "hv_antenatal"}
    {('hv_antenatal', 'planned')}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Cue", "ContextRules", "Clauses", "status_at"]

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    direction: str  # forward | backward | within
    scope: int
    pattern: re.Pattern[str]
    source: str
    reach: str = "clause"  # or "sentence": a heading cue ("Plan:") governs the rest of its sentence
    starts_clause: bool = False  # the cue counts only as the first words of its clause


@dataclass(frozen=True, slots=True)
class ContextRules:
    """`rules/context.yaml`, compiled."""

    cues: tuple[Cue, ...]
    breaks: re.Pattern[str]
    pseudo: re.Pattern[str] | None
    rank: dict[str, int]  # status -> precedence (lower wins a tie)
    any_cue: re.Pattern[str]  # every cue as one alternation: texts without one are all `done`


_SENTENCE = re.compile(r"[.;!?](?=\s|$)|\n")


class Clauses:
    """One normalised text with its clause breaks and its pseudo-cue-free copy, reused across kinds."""

    __slots__ = ("text", "starts", "ends", "masked", "sentence_ends", "_hits")

    def __init__(self, text: str, rules: ContextRules) -> None:
        self.text = text
        spans = [m.span() for m in rules.breaks.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        masked = text
        if rules.pseudo is not None:
            masked = rules.pseudo.sub(lambda m: " " * len(m[0]), text)
        self.masked = masked
        self.sentence_ends = [m.end() for m in _SENTENCE.finditer(text)]
        self._hits: list[tuple[Cue, int, int, str]] | None = None

    def hits(self, rules: ContextRules) -> list[tuple[Cue, int, int, str]]:
        """Every cue match in the text (pseudo-cues blanked), found once and reused for every match."""
        if self._hits is None:
            self.cues_at((m.start() for m in rules.any_cue.finditer(self.masked)), rules)
        assert self._hits is not None
        return self._hits

    def cues_at(self, starts: Iterable[int], rules: ContextRules) -> None:
        """Fill in the cue matches from where `rules.any_cue.finditer` finds them in `masked` (found for
        many texts at once by the caller)."""
        found: list[tuple[Cue, int, int, str]] = []
        masked = self.masked
        for start in starts:
            # The combined pattern finds where cues start; each group then matches there on its own terms
            # ("booked " as a forward cue, "booked for" as a backward one).
            for cue in rules.cues:
                g = cue.pattern.match(masked, start)
                if g is not None:
                    found.append((cue, g.start(), g.end(), g[0]))
        self._hits = found

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Start of the clause holding `start`, end of the clause holding `end`."""
        cs = max((e for e in self.ends if e <= start), default=0)
        ce = min((s for s in self.starts if s >= end), default=len(self.text))
        return cs, ce


def _words(segment: str) -> int:
    return sum(1 for _ in _WORD.finditer(segment))


def status_at(
    t: Clauses, start: int, end: int, rules: ContextRules, *, within: bool = True
) -> tuple[str, str]:
    """(status, the cue's words) of the match at `start:end`; ('done', '') when no cue applies.

    `within=False` ignores cues inside the match (for kinds whose own words are negative: "no access").
    """
    cs, ce = t.clause(start, end)
    ss = max((e for e in t.sentence_ends if e <= start), default=0)
    masked = t.masked
    best: tuple[int, int, str, str] | None = None
    for cue, cue_start, cue_end, words in t.hits(rules):
        if cue.direction == "forward":
            # A forward cue stands before the match; it may run into the match's first words ("unable to
            # check" before "check"), never past its end.
            if cue_start >= start or cue_end > end or cue_start < (ss if cue.reach == "sentence" else cs):
                continue
            if cue.starts_clause and masked[cs:cue_start].strip():
                continue
            gap = _words(masked[cue_end:start]) if cue_end <= start else 0
        elif cue.direction == "backward":
            if cue_start < end or cue_end > ce:
                continue
            gap = _words(masked[end:cue_start])
        else:
            if not within or cue_start < start or cue_end > end:
                continue
            gap = 0
        if gap < cue.scope or cue.direction == "within":
            cand = (gap, rules.rank[cue.status], cue.status, words)
            if best is None or cand < best:
                best = cand
    if best is None:
        return "done", ""
    return best[2], best[3].strip()
