"""People in the text: which of the case's adults and children (audit.yaml) an entry mentions, and what it
records about each — seen, spoken to, present at a meeting, checked, history sought, part of an assessment,
absent, refused. The words are data in `rules/people.yaml`; each action word's status comes from
`rules/context.yaml`, so "not checked", "checks to be requested" and "unable to check" are not checks.

    >>> from checker.model.audit import Manifest
    >>> m = Manifest.model_validate({"audit": {"id": "a", "title": "t", "theme": "x"}, "agencies": [{"id": "csc", "name": "CSC",
    ...     "type": "childrens_social_care"}], "cases": [{"id": "c1", "adults": [{"id": "f", "role": "father",
    ...     "name": "Dale"}, {"id": "m", "role": "mother", "name": "Sam"}]}]})
    >>> [(x.person, x.records) for x in find_mentions("Both parents seen. Checks to be requested on Dale.", m.cases[0])]
    [('f', ('seen',)), ('m', ('seen',)), ('f', ('planned_checked',))]
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from checker.model.audit import Case, Manifest
from checker.text.cast import (
    ACTIONS,
    DEFAULT_PEOPLE_PATH,
    Cast,
    Mention,
    PeopleRules,
    Places,
    cast_of,
    find_spans,
    load_people,
    name_places,
    names_at,
    owners_of,
    people_of,
)
from checker.text.compile import KindRules, load_rules
from checker.text.context import Clauses, CueStarts, cue_starts, prepare, status_at
from checker.text.match import normalise_for_matching
from checker.text.mention_records import _ANSWERED, Grouped, first_head, records_reference
from checker.text.mention_records import records as _records
from checker.text.patterns import search_each

__all__ = ["DEFAULT_PEOPLE_PATH", "ACTIONS", "Mention", "PeopleRules", "load_people", "find_mentions",
           "mentions_column"]  # fmt: skip

_ABSENT = frozenset({"absent", "refused"})
_NAMED = ("named",)
_TAKING_PART = frozenset({"assessed", "present"})
_NEGATIVE = {"missed", "absent", "refused"}  # their own words are negative: "not present" is absent, not "not absent"
# Asked and answered: a nil answer is the thing done ("PNC: nil", "no forensic history reported"), so a negative
# inside their own words, or a field answered nil, does not make them "not done".
_SENTENCE = re.compile(r"[.;!?](?=\s|$)|\n")


def find_mentions(text: str, case: Case, kinds: KindRules | None = None, rules: PeopleRules | None = None,
                  *, normalised: bool = False) -> tuple[Mention, ...]:  # fmt: skip
    """Every mention of the case's people in `text`, with what the text records about each."""
    kinds = kinds or load_rules()
    rules = rules or load_people()
    text = text if normalised else normalise_for_matching(text, kinds)
    return _Reader(kinds, rules).mentions(text, _cast(case, rules))


def _cast(case: Case, rules: PeopleRules) -> Cast:
    """The case's cast, with each man written as a title and an initial ("mr d") where no other adult of the
    titled roles shares that initial."""
    cast = cast_of(people_of(case), rules)
    if rules.initials is None:
        return cast
    titles, roles = rules.initials
    initials: dict[str, list[str]] = {}
    for adult in case.adults:
        if adult.role.lower() in roles and adult.name:
            for letter in sorted({w[0] for w in adult.name.lower().split() if w[0].isalpha()}):
                initials.setdefault(letter, []).append(adult.id)
    extra: dict[str, list[str]] = {}
    for letter, ids in initials.items():
        if len(ids) == 1:
            extra.setdefault(ids[0], []).extend(f"{t} {letter}" for t in titles)
    if not extra:
        return cast
    names = dict(cast.names)
    for person, more in extra.items():
        names[person] = tuple(sorted({*names.get(person, ()), *more}, key=len, reverse=True))
    return replace(cast, names=tuple(names.items()))



@dataclass(slots=True)
class _Screen:
    """What a first pass over all the texts found anywhere in one text (True: may be there, read it)."""

    groups: bool = True
    roles: bool = True
    actions: bool = True
    cues: bool = True  # a cue or pseudo-cue: action words need their status read
    present: frozenset[str] | None = None  # the actions whose words are in the text (None: not known)


_ALL = _Screen()
_Grouped = Grouped
_POSITIONAL = ("^", "$", "(?=", "(?!", "(?<", "\\A", "\\Z", "\\z")


class _Reader:
    """Reads mentions text by text, keeping what does not depend on the case (clauses, action words and
    their statuses, sentence by sentence) for every other case with the same text."""

    def __init__(self, kinds: KindRules, rules: PeopleRules, clauses: dict[str, Clauses] | None = None,
                 *, quick: bool = False) -> None:
        """`quick`: read what each mention records the quicker way (`mention_records.records`); the one-text
        reading (`find_mentions`) keeps the reference way, which the property tests hold it to."""
        self.quick = quick
        self.kinds = kinds
        self.rules = rules
        self.clauses = clauses if clauses is not None else {}
        self.actions: dict[tuple[str, int, int], _Grouped] = {}
        self.screens: dict[str, _Screen] = {}
        self.cue_starts: CueStarts = {}
        self.names: dict[int, frozenset[str]] = {}  # id of a cast -> its people's names as written
        self.made: dict[tuple[str, str, str, tuple[str, ...], bool], Mention] = {}  # equal mentions made once

    def screen(self, texts: list[str]) -> None:
        """One vectorised pass over `texts` for group phrases, role words, action words and cues."""
        r = self.rules
        context = self.kinds.context
        never = re.compile(r"[^\s\S]")
        # An action word found in a sentence is found in the whole text, unless a pattern looks at its edges.
        positional = any(p in pattern.pattern for _, pattern in r.actions for p in _POSITIONAL)
        groups, roles, cues, pseudo, *each = search_each(texts, [
            r.any_group or never, r.any_role or never, context.any_cue, context.pseudo or never,
            *(never if positional else pattern for _, pattern in r.actions)])  # fmt: skip
        if r.any_group is None:
            groups[:] = bool(r.groups)
        if r.any_role is None:
            roles[:] = True
        # Where the cues are in each text (with its pseudo-cues blanked), and which cues match there at all: for
        # the texts holding an action word, the only ones whose statuses are read.
        acting = np.ones(len(texts), dtype=bool) if positional else np.logical_or.reduce([*each, np.zeros_like(cues)])
        rows = np.flatnonzero(acting).tolist()
        self.cue_starts = cue_starts([texts[i] for i in rows], context, cues[rows].tolist(), pseudo[rows].tolist())
        cues |= pseudo
        # A field's value decides the status of a label's word ('present:' left empty reads as absent): a text
        # with a label may need its status read even where no cue word is in it.
        cues |= np.fromiter((":" in t for t in texts), dtype=bool, count=len(texts))
        # Each text's answers as one number (a bit per action word, then groups, roles, cues): one `_Screen` per
        # distinct answer, shared by every text giving it.
        code = np.zeros(len(texts), dtype=np.int64)
        for bit, mask in enumerate([*each, groups, roles, cues]):
            code |= mask.astype(np.int64) << bit
        actions = len(each)
        made: dict[int, _Screen] = {}
        for text, c in zip(texts, code.tolist(), strict=True):
            found = made.get(c)
            if found is None:
                present = None if positional else frozenset(a for j, (a, _) in enumerate(r.actions) if c >> j & 1)
                found = made[c] = _Screen(bool(c >> actions & 1), bool(c >> actions + 1 & 1),
                                          present is None or bool(present), bool(c >> actions + 2 & 1), present)
            self.screens[text] = found

    def _clauses(self, text: str) -> Clauses:
        t = self.clauses.get(text)
        if t is None:
            t = self.clauses[text] = prepare(text, self.kinds.context, self.cue_starts)
        return t

    def _sentence_actions(self, text: str, lo: int, hi: int, screen: _Screen) -> _Grouped:
        """(action, [(start, end, action, status, heads a list)…]) for the action words in text[lo:hi], read
        in the order of ACTIONS, each one's words blanked before the next is looked for."""
        key = (text, lo, hi)
        found = self.actions.get(key)
        if found is not None:
            return found
        found = []
        sentence = text[lo:hi]
        context = self.kinds.context
        cues, present, blanked = screen.cues, screen.present, False
        for action, pattern in self.rules.actions:
            # Until a word is blanked the sentence is as written: an action not in the text is not in it.
            if not blanked and present is not None and action not in present:
                continue
            matches = list(pattern.finditer(sentence))
            if not matches:
                continue
            words: list[tuple[int, int, str, str, bool]] = []
            queued = self._queue_words(action, sentence)
            for m in matches:
                start, end = lo + m.start(), lo + m.end()
                status = "done"
                if cues:
                    status, cue = status_at(self._clauses(text), start, end, context,
                                            within=action not in _NEGATIVE and action not in _ANSWERED)
                    if status in ("absent", "negated") and action in _ANSWERED:
                        status = self._answered(text, start, end, status, cue)
                if queued and status == "done" and self._queued(text, start, end):
                    status = "planned"
                heads = text[end : end + 2].lstrip().startswith(":")
                words.append((start, end, action, status, heads))
            found.append((action, words))
            for m in matches:
                sentence = sentence[: m.start()] + " " * (m.end() - m.start()) + sentence[m.end() :]
            blanked = True
        self.actions[key] = found
        return found

    def _queue_words(self, action: str, sentence: str) -> bool:
        """Whether the sentence may hold a queue phrase for this action ("requested", "outstanding")."""
        q = self.rules.queued
        if q is None or action not in q[0]:
            return False
        return any(p is not None and p.search(sentence) for p in (q[2], q[3]))

    def _queued(self, text: str, start: int, end: int) -> bool:
        """A check only asked for, waited on or chased: a queue phrase in its clause, at most the scope's
        words before or after it ("PNC requested, not returned" is one clause up to the comma)."""
        assert self.rules.queued is not None
        _, scope, before, after = self.rules.queued
        cs, ce = self._clauses(text).clause(start, end)
        if after is not None and (m := after.search(text, end, ce)) is not None and len(text[end : m.start()].split()) <= scope:
            return True
        if before is not None:
            ends = [m.end() for m in before.finditer(text, cs, start)]
            if ends and len(text[ends[-1] : start].split()) <= scope:
                return True
        return False

    def _answered(self, text: str, start: int, end: int, status: str, cue: str) -> str:
        """A check or history answered nil is done: "PNC nil", "PNC: no trace", "CSC: NTR" (the field's value
        when the word is its label, else the cue's words); "not done", "n/a" or an empty field keep `status`."""
        nil = self.rules.nil_answers
        if nil is None:
            return status
        field = self._clauses(text).field_at(start, end)
        if field is not None and (field.status == "absent" or end <= field.value_start):
            lead = field.value.split(",")[0].strip(" .-")
            return "done" if nil.fullmatch(field.value) or nil.fullmatch(lead) else status
        return "done" if status == "negated" and nil.fullmatch(cue) else status

    def _spans(self, text: str, cast: Cast, screen: _Screen,
               named: list[tuple[int, int, str, str, bool]] | None = None) -> list[tuple[int, int, str, str, bool]]:  # fmt: skip
        """The case's people in the text, less role words that name someone else: one straight after "former"
        or "ex-", or one beside a name describing that person ("Dan (Harleys dad)"). `named`: where the
        people's names are, when found already (`cast.names_at`)."""
        spans = find_spans(text, cast, groups=screen.groups, roles=screen.roles, named=named)
        if not screen.roles or not spans:
            return spans
        names = self.names.get(id(cast))
        if names is None:
            names = self.names[id(cast)] = frozenset(n for _, ns in cast.names for n in ns)
        roles = [s for s in spans if not s[4] and s[3] not in names]
        if not roles:
            return spans
        named = [s for s in spans if not s[4] and s[3] in names]
        r = self.rules
        men = r.initials[1] if r.initials is not None else frozenset()
        drop = {span for span in roles if _names_another(text, span, named, r, cast.roles, men)}
        return [s for s in spans if s not in drop] if drop else spans

    def mentions(self, text: str, cast: Cast,
                 named: list[tuple[int, int, str, str, bool]] | None = None) -> tuple[Mention, ...]:  # fmt: skip
        screen = self.screens.get(text, _ALL)
        spans = self._spans(text, cast, screen, named)
        if not spans:
            return ()
        roles = cast.roles
        made = self.made
        out: list[Mention] = []
        key: tuple[str, str, str, tuple[str, ...], bool]
        if not screen.actions:  # no action word anywhere in the text: every mention only names its person
            for _, _, person, words, group in spans:
                key = (person, roles[person], words, _NAMED, group)
                m = made.get(key)
                if m is None:
                    m = made[key] = Mention(*key)
                out.append(m)
            return tuple(out)
        bounds = [0, *(m.end() for m in _SENTENCE.finditer(text)), len(text)]
        first, count = 0, len(spans)
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            # The spans are sorted by start and the sentences follow each other: the next spans starting
            # before `hi` are the sentence's (lo <= start < hi).
            last = first
            while last < count and spans[last][0] < hi:
                last += 1
            if last == first:
                continue
            inside = spans[first:last]
            first = last
            grouped = self._sentence_actions(text, lo, hi, screen) if screen.actions else []
            head = first_head(grouped) if self.quick and grouped else None
            for start, end, person, words, group in inside:
                if not grouped:
                    records = []
                elif self.quick:
                    records = _records(text, start, end, inside, grouped, group, head)
                else:
                    records = records_reference(text, start, end, inside, grouped, group)
                if _ABSENT & set(records):
                    # Presence means presence: named in the sentence only as declining, not attending or not
                    # present, a person is not part of the assessment or meeting it records.
                    records = [r for r in records if r not in _TAKING_PART]
                key = (person, roles[person], words, tuple(dict.fromkeys(records)) or _NAMED, group)
                m = made.get(key)
                if m is None:
                    m = made[key] = Mention(*key)
                out.append(m)
        return tuple(out)


def _names_another(text: str, span: tuple[int, int, str, str, bool], named: list[tuple[int, int, str, str, bool]],
                   r: PeopleRules, roles: dict[str, str], men: frozenset[str]) -> bool:  # fmt: skip
    """Whether a role word names someone other than the case's adult of that role: "former" / "ex-" in a
    sentence about another of the case's men (his former partner), inside a phrase where it is no person ("BF
    compatible"), or beside a name as that person's description."""
    start, end, person = span[0], span[1], span[2]
    if (r.not_after is not None and r.not_after.search(text, max(0, start - 24), start)
            and any(n[2] != person and roles.get(n[2]) in men and n[1] <= start and not _SENTENCE.search(text, n[1], start)
                    for n in named)):
        return True
    if r.not_role is not None and any(m.start() <= start and end <= m.end()
                                      for m in r.not_role.finditer(text, max(0, start - 24), end + 40)):
        return True
    return any((r.after_name is not None and n[1] <= start and r.after_name.fullmatch(text, n[1], start))
               or (r.before_name is not None and n[0] >= end and r.before_name.fullmatch(text, end, n[0]))
               for n in named)


def case_casts(manifest: Manifest, rules: PeopleRules | None = None, wanted: Collection[str] | None = None
               ) -> dict[str, Cast]:  # fmt: skip
    """Each case's cast (what `find_mentions` searches each entry for), by case id; only the `wanted` cases'
    when given."""
    rules = rules or load_people()
    by_id = {c.id: c for c in manifest.cases}
    return {i: _cast(c, rules) for i, c in by_id.items() if wanted is None or i in wanted}


def mentions_column(texts: pd.Series, cases: pd.Series, manifest: Manifest, kinds: KindRules | None = None,
                    rules: PeopleRules | None = None, *, clauses: dict[str, Clauses] | None = None,
                    places: list[Places] | None = None, casts: dict[str, Cast] | None = None) -> pd.Series:  # fmt: skip
    """`find_mentions` for each row (texts already normalised); each distinct (case, text) is read once, and
    what does not depend on the case once per distinct text. `clauses` is a cache of `Clauses` by text to
    share with other readers of the same texts; `places`: where each row's case's names start
    (`cast.name_places`, at least every name of `casts`, the cases' casts), when found already."""
    kinds = kinds or load_rules()
    rules = rules or load_people()
    by_id = {c.id: c for c in manifest.cases}
    values = texts.tolist()
    case_ids = [c if isinstance(c, str) else "" for c in cases.tolist()]
    casts = casts if casts is not None else case_casts(manifest, rules, set(case_ids))
    if places is None:  # every name of each row's case, found in one pass over the case's rows
        places = name_places(values, case_ids, {c: [w for _, ws in cast.names for w in ws] for c, cast in casts.items()})
    reader = _Reader(kinds, rules, clauses, quick=True)
    reader.screen(list(dict.fromkeys(t for t, c in zip(values, case_ids, strict=True) if t and c in by_id)))
    owners: dict[str, dict[str, tuple[str, ...]]] = {}
    cache: dict[tuple[str, str], tuple[Mention, ...]] = {}
    array = np.empty(len(values), dtype=object)
    for i, (text, case_id) in enumerate(zip(values, case_ids, strict=True)):
        if case_id not in by_id or not text:
            array[i] = ()
            continue
        key = (case_id, text)
        found = cache.get(key)
        if found is None:
            who = casts[case_id]
            named: list[tuple[int, int, str, str, bool]] = []
            if places[i]:
                own = owners.get(case_id)
                if own is None:
                    own = owners[case_id] = owners_of(who)
                named = names_at(text, places[i], own)
            found = cache[key] = reader.mentions(text, who, named)
        array[i] = found
    return pd.Series(array, index=texts.index, dtype=object, name="mentions")
