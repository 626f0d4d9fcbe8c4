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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.model.audit import Case, Manifest
from checker.model.datafiles import RULES_DIR
from checker.model.errors import RuleError
from checker.text.compile import KindRules, load_rules, read_rule_file
from checker.text.context import Clauses, status_at
from checker.text.match import normalise_for_matching
from checker.text.patterns import match_starts, search_each

__all__ = ["DEFAULT_PEOPLE_PATH", "ACTIONS", "Mention", "PeopleRules", "load_people", "find_mentions",
           "mentions_column"]  # fmt: skip

DEFAULT_PEOPLE_PATH = RULES_DIR / "people.yaml"
ACTIONS = ("missed", "absent", "refused", "checked", "history", "assessed", "present", "spoken_to", "says", "seen")
_NEGATIVE = {"missed", "absent", "refused"}  # their own words are negative: "not present" is absent, not "not absent"
_SUBJECT_WORDS = 3  # "says": the speaker stands at most this many words before the verb
_SENTENCE = re.compile(r"[.;!?](?=\s|$)|\n")
_WORD = re.compile(r"\S+")
_NEAR_WORDS = 8  # an action word this close to a mention is about that person (a list after "Seen:" always is)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Group(_Strict):
    phrases: Annotated[list[str], Field(min_length=1)]
    roles: Annotated[list[str], Field(min_length=1)]


class _PeopleFile(_Strict):
    version: int
    role_words: dict[str, list[str]]
    groups: list[_Group] = Field(default_factory=list)
    actions: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class PeopleRules:
    role_words: dict[str, re.Pattern[str]]
    groups: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    actions: tuple[tuple[str, re.Pattern[str]], ...]
    # The first pass: each list's words as one pattern without its edges, so it finds at least what they do
    # (None: no first pass).
    any_role: re.Pattern[str] | None = None
    any_group: re.Pattern[str] | None = None
    any_action: re.Pattern[str] = re.compile(r"[\s\S]")


@dataclass(frozen=True, slots=True)
class Mention:
    """One person mentioned in an entry: who, the words used, and what the entry records about them.

    `records` holds action names (`seen`, `checked`…) for what happened; `not_<action>` for an action
    negated or attempted ("not checked", "unable to check"); `planned_<action>` for one only planned; and
    `named` when the sentence records nothing about them.
    """

    person: str
    role: str
    words: str
    records: tuple[str, ...]
    group: bool = False  # mentioned through a group phrase ("both parents"), not by name or role word


@lru_cache(maxsize=4)
def _compile(text: str, where: str) -> PeopleRules:
    try:
        model = _PeopleFile.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise RuleError(f"{where} is not a valid people file: {exc}", [f"{where}: {exc}"]) from exc
    unknown = sorted(set(model.actions) - set(ACTIONS))
    missing = sorted(set(ACTIONS) - set(model.actions))
    if unknown or missing:
        problems = [f"{where}: actions: unknown {', '.join(unknown)}" if unknown else "",
                    f"{where}: actions: missing {', '.join(missing)}" if missing else ""]  # fmt: skip
        raise RuleError("; ".join(p for p in problems if p), [p for p in problems if p])

    def words(items: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![\w&])(?:" + "|".join(f"(?:{i})" for i in items) + r")(?![\w&])")

    def either(items: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{i})" for i in items)) if items else None

    actions = tuple((a, re.compile("|".join(f"(?:{i})" for i in model.actions[a]))) for a in ACTIONS)
    return PeopleRules(
        role_words={role: words(items) for role, items in model.role_words.items()},
        groups=tuple((words(g.phrases), frozenset(g.roles)) for g in model.groups),
        actions=actions,
        any_role=either([i for items in model.role_words.values() for i in items])
        if all(model.role_words.values()) else None,
        any_group=either([p for g in model.groups for p in g.phrases]),
        any_action=re.compile("|".join(f"(?:{p.pattern})" for _, p in actions)),
    )


def load_people(path: str | Path | None = None) -> PeopleRules:
    """Load and compile `rules/people.yaml` (or `path`)."""
    path = Path(path) if path is not None else DEFAULT_PEOPLE_PATH
    text = read_rule_file(path, "people")
    return _compile(text, "rules/people.yaml" if path == DEFAULT_PEOPLE_PATH else str(path))


@dataclass(frozen=True, slots=True)
class _Person:
    id: str
    role: str
    names: re.Pattern[str] | None
    household: bool = True
    words: tuple[str, ...] = ()  # the names as written: a text holding none of them cannot name this person

    def in_group(self, roles: frozenset[str]) -> bool:
        if self.role == "child":
            return "child" in roles
        return self.role in roles or ("household" in roles and self.household)


@lru_cache(maxsize=4096)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    names = tuple(n for n in names if len(n) >= 2)
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])")


def _long(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if len(n) >= 2))


def _people(case: Case) -> tuple[_Person, ...]:
    out: list[_Person] = []
    for child in case.children:
        first = (_plain(child.name).split(" ")[0],) if child.name else ()
        out.append(_Person(child.id, "child", _name_pattern(first), words=_long(first)))
    for adult in case.adults:
        names: list[str] = []
        for value in [adult.name, *adult.aliases]:
            if value:
                norm = _plain(value)
                names += [norm, norm.split(" ")[0]]
        out.append(_Person(adult.id, _plain(adult.role) or "adult", _name_pattern(tuple(names)),
                           adult.lives_with_child is not False, _long(tuple(names))))
    return tuple(out)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"['’‘`´]", "", str(text).lower()).split())


@dataclass(frozen=True, slots=True)
class _Cast:
    """One case's people as the text is searched for them: names, group phrases with their members, and
    the role words of adults who are the only one of their role."""

    roles: dict[str, str]  # person id -> role
    names: tuple[tuple[str, tuple[str, ...]], ...]  # person id, the names (longest first, as in _name_pattern)
    groups: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]  # phrase pattern, member ids
    role_words: tuple[tuple[str, re.Pattern[str]], ...]  # person id, role pattern


def _cast(people: tuple[_Person, ...], rules: PeopleRules) -> _Cast:
    adults = [p for p in people if p.role != "child"]
    role_words = []
    for p in adults:
        pattern = rules.role_words.get(p.role)
        if pattern is not None and sum(1 for a in adults if a.role == p.role) == 1:
            role_words.append((p.id, pattern))
    groups = [(pattern, tuple(p.id for p in people if p.in_group(roles))) for pattern, roles in rules.groups]
    return _Cast(
        roles={p.id: p.role for p in people},
        names=tuple((p.id, tuple(sorted(set(p.words), key=len, reverse=True))) for p in people if p.words),
        groups=tuple((pattern, ids) for pattern, ids in groups if ids),
        role_words=tuple(role_words),
    )


def _wordish(char: str) -> bool:
    return char.isalnum() or char in "_&"  # a word character for Python `re` (letters, digits, _), or &


def _find_names(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where `_name_pattern(names)` matches in `text`, as its `finditer` finds them, without the regex:
    at each place a name starts (not after a letter, digit, _ or &), the longest name there not followed by
    one."""
    starts: set[int] = set()
    for name in names:
        at = text.find(name)
        while at >= 0:
            starts.add(at)
            at = text.find(name, at + 1)
    found: list[tuple[int, int]] = []
    after = 0
    for at in sorted(starts):
        if at < after or (at > 0 and _wordish(text[at - 1])):
            continue
        for name in names:
            end = at + len(name)
            if text.startswith(name, at) and (end == len(text) or not _wordish(text[end])):
                found.append((at, end))
                after = end
                break
    return found


def _spans(text: str, cast: _Cast, *, groups: bool = True,
           roles: bool = True) -> list[tuple[int, int, str, str, bool]]:  # fmt: skip
    """(start, end, person id, words, through a group) for every mention in `text`; `groups` / `roles` False
    when a first pass found no group phrase / role word anywhere in it."""
    found: list[tuple[int, int, str, str, bool]] = []
    taken: list[tuple[int, int]] = []
    for person, words in cast.names:
        if any(w in text for w in words):
            for s0, e0 in _find_names(text, words):
                found.append((s0, e0, person, text[s0:e0], False))
                taken.append((s0, e0))
    if groups:
        for pattern, members in cast.groups:
            for m in pattern.finditer(text):
                s0, e0 = m.span()
                if any(s0 < e and e0 > s for s, e in taken):
                    continue
                for person in members:
                    found.append((s0, e0, person, m[0], True))
                    taken.append((s0, e0))
    if roles:
        for person, pattern in cast.role_words:
            for m in pattern.finditer(text):
                s0, e0 = m.span()
                if not any(s0 < e and e0 > s for s, e in taken):
                    found.append((s0, e0, person, m[0], False))
    return sorted(found)


def _gap(text: str, mention: tuple[int, int], action: tuple[int, int]) -> int:
    """Words between a mention and an action word, whichever comes first."""
    lo, hi = (mention[1], action[0]) if action[0] >= mention[1] else (action[1], mention[0])
    return sum(1 for _ in _WORD.finditer(text, lo, max(lo, hi)))


def find_mentions(text: str, case: Case, kinds: KindRules | None = None, rules: PeopleRules | None = None,
                  *, normalised: bool = False) -> tuple[Mention, ...]:  # fmt: skip
    """Every mention of the case's people in `text`, with what the text records about each."""
    kinds = kinds or load_rules()
    rules = rules or load_people()
    text = text if normalised else normalise_for_matching(text, kinds)
    return _Reader(kinds, rules).mentions(text, _cast(_people(case), rules))


@dataclass(slots=True)
class _Screen:
    """What a first pass over all the texts found anywhere in one text (True: may be there, read it)."""

    groups: bool = True
    roles: bool = True
    actions: bool = True
    cues: bool = True  # a cue or pseudo-cue: action words need their status read
    present: frozenset[str] | None = None  # the actions whose words are in the text (None: not known)


_ALL = _Screen()
_POSITIONAL = ("^", "$", "(?=", "(?!", "(?<", "\\A", "\\Z", "\\z")


class _Reader:
    """Reads mentions text by text, keeping what does not depend on the case (clauses, action words and
    their statuses, sentence by sentence) for every other case with the same text."""

    def __init__(self, kinds: KindRules, rules: PeopleRules, clauses: dict[str, Clauses] | None = None) -> None:
        self.kinds = kinds
        self.rules = rules
        self.clauses = clauses if clauses is not None else {}
        self.actions: dict[tuple[str, int, int], list[tuple[int, int, str, str, bool]]] = {}
        self.screens: dict[str, _Screen] = {}
        self.cue_starts: dict[str, tuple[int, ...]] = {}

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
        # Where the cues are, for texts without a pseudo-cue (so the text is what cues are looked for in).
        plain = [t for t, c, p in zip(texts, cues.tolist(), pseudo.tolist(), strict=True) if c and not p]
        for text, starts in zip(plain, match_starts(plain, context.any_cue), strict=True):
            if starts is not None:
                self.cue_starts[text] = starts
        cues |= pseudo
        names = [a for a, _ in r.actions]
        lists = [mask.tolist() for mask in each]
        for i, text in enumerate(texts):
            present = None if positional else frozenset(a for a, mask in zip(names, lists, strict=True) if mask[i])
            self.screens[text] = _Screen(bool(groups[i]), bool(roles[i]), present is None or bool(present),
                                         bool(cues[i]), present)

    def _clauses(self, text: str) -> Clauses:
        t = self.clauses.get(text)
        if t is None:
            t = self.clauses[text] = Clauses(text, self.kinds.context)
            starts = self.cue_starts.get(text)
            if starts is not None:
                t.cues_at(starts, self.kinds.context)
        return t

    def _sentence_actions(self, text: str, lo: int, hi: int, screen: _Screen) -> list[tuple[int, int, str, str, bool]]:
        """(start, end, action, status, heads a list) for the action words in text[lo:hi], read in the
        order of ACTIONS, each one's words blanked before the next is looked for."""
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
            for m in matches:
                start, end = lo + m.start(), lo + m.end()
                status = "done"
                if cues:
                    status, _ = status_at(self._clauses(text), start, end, context, within=action not in _NEGATIVE)
                heads = text[end : end + 2].lstrip().startswith(":")
                found.append((start, end, action, status, heads))
            for m in matches:
                sentence = sentence[: m.start()] + " " * (m.end() - m.start()) + sentence[m.end() :]
            blanked = True
        self.actions[key] = found
        return found

    def mentions(self, text: str, cast: _Cast) -> tuple[Mention, ...]:
        screen = self.screens.get(text, _ALL)
        spans = _spans(text, cast, groups=screen.groups, roles=screen.roles)
        if not spans:
            return ()
        roles = cast.roles
        bounds = [0, *(m.end() for m in _SENTENCE.finditer(text)), len(text)]
        out: list[Mention] = []
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            inside = [s for s in spans if lo <= s[0] < hi]
            if not inside:
                continue
            actions = self._sentence_actions(text, lo, hi, screen) if screen.actions else []
            for start, end, person, words, group in inside:
                records = _records(text, start, end, inside, actions) if actions else []
                out.append(Mention(person, roles[person], words, tuple(dict.fromkeys(records)) or ("named",), group))
        return tuple(out)


def _records(text: str, start: int, end: int, inside: list[tuple[int, int, str, str, bool]],
             actions: list[tuple[int, int, str, str, bool]]) -> list[str]:  # fmt: skip
    """What the sentence's action words record about the mention at text[start:end]."""
    records: list[str] = []
    for action in ACTIONS:
        near = [a for a in actions if a[2] == action and not (start < a[1] and end > a[0])
                and (a[4] or _gap(text, (start, end), (a[0], a[1])) <= _NEAR_WORDS)]
        if action == "says":  # the speaker is the person named just before the verb, nobody in between
            near = [a for a in near if a[0] >= end and _gap(text, (start, end), (a[0], a[1])) <= _SUBJECT_WORDS
                    and not any(end <= o[0] < a[0] for o in inside)]
        if not near:
            continue
        best = min(near, key=lambda a: abs(a[0] - start))
        status = best[3]
        name = "spoken_to" if action == "says" else action
        if status == "done":
            records.append(name)
        elif status in ("negated", "attempted"):
            records.append(f"not_{name}")
        elif status == "planned":
            records.append(f"planned_{name}")
        else:
            records.append(f"{status}_{name}")
    return records


def mentions_column(texts: pd.Series, cases: pd.Series, manifest: Manifest, kinds: KindRules | None = None,
                    rules: PeopleRules | None = None, *, clauses: dict[str, Clauses] | None = None) -> pd.Series:  # fmt: skip
    """`find_mentions` for each row (texts already normalised); each distinct (case, text) is read once, and
    what does not depend on the case once per distinct text. `clauses` is a cache of `Clauses` by text to
    share with other readers of the same texts."""
    kinds = kinds or load_rules()
    rules = rules or load_people()
    by_id = {c.id: c for c in manifest.cases}
    values = texts.tolist()
    case_ids = cases.tolist()
    reader = _Reader(kinds, rules, clauses)
    reader.screen(list(dict.fromkeys(t for t, c in zip(values, case_ids, strict=True) if t and c in by_id)))
    casts: dict[str, _Cast] = {}
    cache: dict[tuple[str, str], tuple[Mention, ...]] = {}
    array = np.empty(len(values), dtype=object)
    for i, (text, case_id) in enumerate(zip(values, case_ids, strict=True)):
        case = by_id.get(case_id)
        if case is None or not text:
            array[i] = ()
            continue
        key = (case_id, text)
        found = cache.get(key)
        if found is None:
            who = casts.get(case_id)
            if who is None:
                who = casts[case_id] = _cast(_people(case), rules)
            found = cache[key] = reader.mentions(text, who)
        array[i] = found
    return pd.Series(array, index=texts.index, dtype=object, name="mentions")
