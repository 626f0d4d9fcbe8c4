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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from checker.text.firsts import by_first, screened

__all__ = ["Cue", "FieldRules", "Field", "ContextRules", "Clauses", "status_at", "fields_of", "masked_text",
           "present_cues", "cue_starts", "prepare", "CueStarts"]

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
class FieldRules:
    """`rules/fields.yaml`, compiled: how a templated entry's "Label: value" fields are found and read."""

    label: re.Pattern[str]  # a label at a segment start; group 1 is the label's words
    line_label: re.Pattern[str]  # a line break or tab before a label (RE2; group 1 is the label)
    value_ends: re.Pattern[str]
    absent: re.Pattern[str]  # whole values
    elsewhere: re.Pattern[str]
    planned: re.Pattern[str] | None
    answers: tuple[tuple[str, re.Pattern[str]], ...]  # (status, words opening a value), in precedence order
    place_labels: re.Pattern[str]  # whole labels
    other_household: re.Pattern[str]  # searched in a place field's value
    screen: re.Pattern[str]  # texts that may hold a field (RE2): the rest are read as prose


@dataclass(frozen=True, slots=True)
class Field:
    """One "Label: value" field of a templated entry: where it runs, its label, and the status it gives
    every kind in it ('' when its value says nothing about status)."""

    start: int
    value_start: int
    end: int
    label: str
    value: str
    status: str  # '' | absent | elsewhere | planned
    other: bool  # a place or person field naming another household or person


@dataclass(frozen=True, slots=True)
class ContextRules:
    """`rules/context.yaml` (with `rules/fields.yaml`), compiled."""

    cues: tuple[Cue, ...]
    breaks: re.Pattern[str]
    pseudo: re.Pattern[str] | None
    rank: dict[str, int]  # status -> precedence (lower wins a tie)
    any_cue: re.Pattern[str]  # every cue as one alternation: texts without one are all `done`
    fields: FieldRules | None = None
    # Derived (firsts.py): `breaks` behind a look-ahead for the characters a break starts with (the same
    # matches, found sooner), and for each ASCII character the cues that can start with it.
    fast_breaks: re.Pattern[str] = field(init=False, repr=False, compare=False)
    cue_index: dict[str, tuple[Cue, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fast_breaks", screened(self.breaks))
        object.__setattr__(self, "cue_index", by_first(self.cues, [c.pattern for c in self.cues]))


_VALUE_STRIP = " ,.:;-–—*"
_ASIDE = re.compile(r"\s*\([^)]*\)?")


def fields_of(text: str, rules: FieldRules) -> tuple[Field, ...]:
    """The "Label: value" fields of a normalised text, in order (none for prose).

        >>> from checker.text.compile import load_rules
        >>> [(f.label, f.status) for f in fields_of("re da: nil | plan: hv visit", load_rules().context.fields)]
        [('re da', 'absent'), ('plan', '')]
    """
    found = list(rules.label.finditer(text))
    if not found:
        return ()
    out: list[Field] = []
    for i, m in enumerate(found):
        limit = found[i + 1].start() if i + 1 < len(found) else len(text)
        # A label opened by a bracket ends its value at the closing bracket: "(RE DA: nil)".
        bracket = m.start(1) > 0 and text[m.start(1) - 1] == "("
        end_at = rules.value_ends.search(text, m.end(), limit)
        end = end_at.start() if end_at is not None else limit
        if bracket and (close := text.find(")", m.end(), end)) >= 0:
            end = close
        value = _ASIDE.sub("", text[m.end() : end]).strip(_VALUE_STRIP)  # "not asked (partner present)"
        label = m[1].strip()
        status = ""
        if rules.absent.fullmatch(value):
            status = "absent"
        elif rules.elsewhere.fullmatch(value):
            status = "elsewhere"
        elif rules.planned is not None and rules.planned.fullmatch(value):
            status = "planned"
        other = bool(rules.place_labels.fullmatch(label)) and rules.other_household.search(value) is not None
        out.append(Field(m.start(1), m.end(), end, label, value, status, other))
    return tuple(out)


_SENTENCE = re.compile(r"[.;!?|](?=\s|$)|\n")


def masked_text(text: str, rules: ContextRules) -> str:
    """`text` with its pseudo-cues ("not invited", "did not attend") blanked: what cues are looked for in."""
    if rules.pseudo is None:
        return text
    return rules.pseudo.sub(lambda m: " " * len(m[0]), text)


def present_cues(looked: Sequence[str], rules: ContextRules) -> list[tuple[Cue, ...]] | None:
    """For each text cues are looked for in (`masked_text`), the cues that match somewhere in it, in the
    rules' order, from one compiled pass (None without Hyperscan): what `Clauses.cues_at` needs to try."""
    from checker.text.compiled import cue_presence

    found = cue_presence(looked, [c.pattern for c in rules.cues])
    return None if found is None else [tuple(rules.cues[j] for j in row) for row in found]


CueStarts = dict[str, tuple[tuple[int, ...], tuple[Cue, ...] | None, str]]


def cue_starts(texts: Sequence[str], rules: ContextRules, cues: Sequence[bool] | None = None,
               pseudo: Sequence[bool] | None = None) -> CueStarts:  # fmt: skip
    """For many texts at once: where `rules.any_cue.finditer` finds cues in each (in the text with its
    pseudo-cues blanked), which cues match there at all (None: not known) and that blanked text, by text —
    what `prepare` gives a text's `Clauses`. `cues` / `pseudo`: whether `any_cue` / `pseudo` matches each text, when known. A text
    RE2 cannot answer for as Python would is left out (its cues are found when first needed)."""
    from checker.text.patterns import match_starts, search_many

    if pseudo is None:
        pseudo = search_many(texts, rules.pseudo).tolist() if rules.pseudo is not None else [False] * len(texts)
    out: CueStarts = {}
    owners: list[str] = []
    looked: list[str] = []
    for i, (text, p) in enumerate(zip(texts, pseudo, strict=True)):
        if p or cues is None or cues[i]:
            owners.append(text)
            looked.append(masked_text(text, rules) if p else text)
        else:
            out[text] = ((), (), text)  # no cue in the text and no pseudo-cue blanked: none
    found = [(o, w, s) for o, w, s in zip(owners, looked, match_starts(looked, rules.any_cue), strict=True)
             if s is not None]  # fmt: skip
    tried = iter(present_cues([w for _, w, s in found if s], rules) or ())
    for text, masked, starts in found:
        out[text] = (starts, next(tried, None) if starts else (), masked)
    return out


def prepare(text: str, rules: ContextRules, known: CueStarts | None = None) -> Clauses:
    """`Clauses(text)`, its cues filled in from `known` (see `cue_starts`) when the text is there."""
    k = known.get(text) if known is not None else None
    if k is None:
        return Clauses(text, rules)
    t = Clauses(text, rules, k[2])
    t.cues_at(k[0], rules, k[1])
    return t


class Clauses:
    """One normalised text with its clause breaks and its pseudo-cue-free copy, reused across kinds. The clause
    breaks and sentence ends are found when first asked for (a text whose status is decided by a field, or
    which holds no cue, never needs them)."""

    __slots__ = ("text", "_starts", "_ends", "masked", "_sentence_ends", "_hits", "fields", "edges", "other",
                 "_breaks")

    def __init__(self, text: str, rules: ContextRules, masked: str | None = None) -> None:
        """`masked`: `masked_text(text, rules)` when known already."""
        self.text = text
        # A templated entry's fields, and the edges between them: no match and no cue reaches across one.
        self.fields: tuple[Field, ...] = ()
        if rules.fields is not None and ":" in text:
            self.fields = fields_of(text, rules.fields)
        self.edges: list[int] = sorted({p for f in self.fields for p in (f.start, f.end)})
        self.other = next((f for f in self.fields if f.other), None)
        self._breaks = rules.fast_breaks
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self.masked = masked_text(text, rules) if masked is None else masked
        self._sentence_ends: list[int] | None = None
        self._hits: list[tuple[Cue, int, int, str]] | None = None

    @property
    def starts(self) -> list[int]:
        """Where each clause break starts, in order."""
        if self._starts is None:
            spans = [m.span() for m in self._breaks.finditer(self.text)]
            self._starts = [s for s, _ in spans]
            self._ends = [e for _, e in spans]
        return self._starts

    @property
    def ends(self) -> list[int]:
        """Where each clause break ends, in order (non-decreasing: the breaks do not overlap)."""
        self.starts  # noqa: B018 - found with the starts
        return self._ends

    @property
    def sentence_ends(self) -> list[int]:
        if self._sentence_ends is None:
            self._sentence_ends = [m.end() for m in _SENTENCE.finditer(self.text)]
        return self._sentence_ends

    def sentence_start(self, at: int) -> int:
        """Start of the sentence holding `at`: the last sentence end at or before it (0 if none)."""
        ends = self.sentence_ends
        i = bisect_right(ends, at)
        return ends[i - 1] if i else 0

    @property
    def cues_known(self) -> bool:
        """Whether the cue matches are found already (`hits` will not look for them)."""
        return self._hits is not None

    def hits(self, rules: ContextRules) -> list[tuple[Cue, int, int, str]]:
        """Every cue match in the text (pseudo-cues blanked), found once and reused for every match."""
        if self._hits is None:
            self.cues_at((m.start() for m in rules.any_cue.finditer(self.masked)), rules)
        assert self._hits is not None
        return self._hits

    def cues_at(self, starts: Iterable[int], rules: ContextRules, cues: Sequence[Cue] | None = None) -> None:
        """Fill in the cue matches from where `rules.any_cue.finditer` finds them in `masked` (found for
        many texts at once by the caller). `cues`: the cues (in the rules' order) that match somewhere in
        `masked`, when a first pass knows them; a cue matching nowhere matches at no start."""
        found: list[tuple[Cue, int, int, str]] = []
        masked = self.masked
        index = rules.cue_index
        everything = rules.cues
        allowed = None if cues is None else {id(c) for c in cues}
        for start in starts:
            # The combined pattern finds where cues start; each group then matches there on its own terms
            # ("booked " as a forward cue, "booked for" as a backward one). Only the groups that can start
            # with the character there are tried (`cue_index`; all of them for a character not ASCII).
            tried = index.get(masked[start : start + 1], everything)
            for cue in tried:
                if allowed is not None and id(cue) not in allowed:
                    continue
                g = cue.pattern.match(masked, start)
                if g is not None:
                    found.append((cue, g.start(), g.end(), g[0]))
        self._hits = found

    def region(self, at: int) -> int:
        """Which stretch between field edges `at` is in (0 for prose)."""
        return bisect_right(self.edges, at) if self.edges else 0

    def field_at(self, start: int, end: int) -> Field | None:
        """The field holding `start:end` whole, if any."""
        for f in self.fields:
            if f.start <= start and end <= f.end:
                return f
        return None

    def across_fields(self, start: int, end: int) -> bool:
        """Whether `start:end` runs across a field's edge (words of two fields joined)."""
        return bool(self.edges) and self.region(start) != self.region(max(start, end - 1))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Start of the clause holding `start`, end of the clause holding `end`."""
        # Both in order: the last break ending at or before `start`, the first starting at or after `end`.
        starts, ends = self.starts, self.ends
        at = bisect_right(ends, start)
        cs = ends[at - 1] if at else 0
        at = bisect_left(starts, end)
        ce = starts[at] if at < len(starts) else len(self.text)
        return cs, ce


def _words(segment: str) -> int:
    return sum(1 for _ in _WORD.finditer(segment))


_ANSWER_WORDS = 3  # "denies any DA", "cancelled by mum", "booked for 14/03"
_FIRST_CLAUSE = re.compile(r",|\s[-–—]+\s|\(")


def _answer(t: Clauses, field: Field, rules: ContextRules) -> tuple[str, str] | None:
    """The status a field's value gives the kinds its label names: its first clause reads as absent ("no",
    "nil", "none known"), or a cue opens it ("denies", "not", "cancelled", "booked for"); None when neither."""
    assert rules.fields is not None
    lead = _FIRST_CLAUSE.split(field.value, maxsplit=1)[0].strip(_VALUE_STRIP)
    if rules.fields.absent.fullmatch(lead):
        return "absent", f"{field.label}: {lead}".strip()
    opening = field.value.lstrip(_VALUE_STRIP)
    for status, pattern in rules.fields.answers:
        if (m := pattern.match(opening)) is not None:
            return status, f"{field.label}: {m[0]}"
    if _words(lead) > _ANSWER_WORDS:
        return None  # a sentence about the label's event ("Supervision: no change to the plan"), not an answer
    at = field.value_start
    while at < field.end and t.masked[at] == " ":
        at += 1
    best: tuple[int, str, str] | None = None
    for cue, cue_start, cue_end, words in t.hits(rules):
        if (cue_start == at and cue_end <= field.end and cue.direction != "within" and not cue.starts_clause
                and cue.reach == "clause"):
            cand = (rules.rank[cue.status], cue.status, words.strip())
            if best is None or cand < best:
                best = cand
    return (best[1], best[2]) if best is not None else None


def status_at(
    t: Clauses, start: int, end: int, rules: ContextRules, *, within: bool = True
) -> tuple[str, str]:
    """(status, the cue's words) of the match at `start:end`; ('done', '') when no cue applies.

    `within=False` ignores cues inside the match (for kinds whose own words are negative: "no access").
    In a templated entry the match's field decides first: a field whose value is no / none / N/A / empty
    (`absent`), a pointer elsewhere (`elsewhere`) or not yet (`planned`); then a place or person field naming
    another household (`other_person`); then the cues in the same field, as in prose.
    """
    if t.fields:
        field = t.field_at(start, end)
        if field is not None and field.status:
            return field.status, f"{field.label}: {field.value}".strip()
        if t.other is not None and t.other is not field:
            return "other_person", f"{t.other.label}: {t.other.value}"
        if field is not None and field.other:
            return "other_person", f"{field.label}: {field.value}"
        if field is not None and end <= field.value_start:
            # A kind named by the label ("RE DA: denies", "Home visit: cancelled") is what the value says of it.
            answer = _answer(t, field, rules)
            if answer is not None:
                return answer
    hits = t.hits(rules)
    if not hits:
        return "done", ""
    region = t.region(start)
    masked = t.masked
    # The clause (and sentence) holding the match are found only when a cue near enough needs them.
    clause: tuple[int, int] | None = None
    ss: int | None = None
    best: tuple[int, int, str, str] | None = None
    for cue, cue_start, cue_end, words in hits:
        if t.edges and t.region(cue_start) != region:
            continue  # a cue in another field decides nothing here
        if cue.direction == "forward":
            # A forward cue stands before the match; it may run into the match's first words ("unable to
            # check" before "check"), never past its end.
            if cue_start >= start or cue_end > end:
                continue
            if cue.reach == "sentence":
                if ss is None:
                    ss = t.sentence_start(start)
                if cue_start < ss:
                    continue
            else:
                if clause is None:
                    clause = t.clause(start, end)
                if cue_start < clause[0]:
                    continue
            if cue.starts_clause:
                if clause is None:
                    clause = t.clause(start, end)
                if masked[clause[0] : cue_start].strip():
                    continue
            gap = _words(masked[cue_end:start]) if cue_end <= start else 0
        elif cue.direction == "backward":
            if cue_start < end:
                continue
            if clause is None:
                clause = t.clause(start, end)
            if cue_end > clause[1]:
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
