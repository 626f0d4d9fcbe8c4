"""The case's people as a text is searched for them: `rules/people.yaml` compiled (role words, group
phrases, action words), each person's names, and where in a text each person is mentioned — by name, by a group
phrase ("both parents") or by the role word of the only adult in that role. What the text records about each
mention is read in `checker.text.people`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.model.audit import Case
from checker.model.datafiles import RULES_DIR
from checker.model.errors import RuleError
from checker.text.compile import read_rule_file

__all__ = ["DEFAULT_PEOPLE_PATH", "ACTIONS", "Mention", "PeopleRules", "load_people", "Person", "Cast", "people_of", "name_starts",
           "cast_of", "name_pattern", "find_names", "find_spans", "name_places", "names_at", "owners_of", "Places"]  # fmt: skip

DEFAULT_PEOPLE_PATH = RULES_DIR / "people.yaml"
ACTIONS = ("missed", "absent", "refused", "checked", "history", "assessed", "present", "spoken_to", "says", "seen")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Group(_Strict):
    phrases: Annotated[list[str], Field(min_length=1)]
    roles: Annotated[list[str], Field(min_length=1)]


class _Apposition(_Strict):
    after_name: list[str] = Field(default_factory=list)
    before_name: list[str] = Field(default_factory=list)


class _Initials(_Strict):
    titles: Annotated[list[str], Field(min_length=1)]
    roles: Annotated[list[str], Field(min_length=1)]


class _Queued(_Strict):
    actions: Annotated[list[str], Field(min_length=1)]
    scope: int = Field(ge=1)
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)


class _PeopleFile(_Strict):
    version: int
    role_words: dict[str, list[str]]
    not_after: str | None = None
    not_role: list[str] = Field(default_factory=list)
    apposition: _Apposition = Field(default_factory=_Apposition)
    initials: _Initials | None = None
    groups: list[_Group] = Field(default_factory=list)
    actions: dict[str, list[str]]
    queued: _Queued | None = None
    nil_answers: list[str] = Field(default_factory=list)


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
    # How a mention is read (checker.text.people): see rules/people.yaml.
    not_after: re.Pattern[str] | None = None  # before a role word: someone outside the case ("former partner")
    not_role: re.Pattern[str] | None = None  # around a role word: not a person ("BF compatible")
    after_name: re.Pattern[str] | None = None  # the gap from a name to a role word describing him
    before_name: re.Pattern[str] | None = None  # the gap from a role word describing him to his name
    initials: tuple[tuple[str, ...], frozenset[str]] | None = None  # titles ("mr") and the roles they are for
    queued: tuple[frozenset[str], int, re.Pattern[str] | None, re.Pattern[str] | None] | None = None
    nil_answers: re.Pattern[str] | None = None  # a check's whole answer saying nothing was found


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
    unknown = sorted((set(model.actions) | set(model.queued.actions if model.queued else ())) - set(ACTIONS))
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
    q = model.queued
    return PeopleRules(
        role_words={role: words(items) for role, items in model.role_words.items()},
        groups=tuple((words(g.phrases), frozenset(g.roles)) for g in model.groups),
        actions=actions,
        any_role=either([i for items in model.role_words.values() for i in items])
        if all(model.role_words.values()) else None,
        any_group=either([p for g in model.groups for p in g.phrases]),
        any_action=re.compile("|".join(f"(?:{p.pattern})" for _, p in actions)),
        not_after=re.compile(rf"\b(?:{model.not_after})$") if model.not_after else None,
        not_role=either(model.not_role),
        after_name=_whole(model.apposition.after_name),
        before_name=_whole(model.apposition.before_name),
        initials=(tuple(t.lower() for t in model.initials.titles), frozenset(model.initials.roles)) if model.initials else None,
        queued=(frozenset(q.actions), q.scope, either(q.before), either(q.after)) if q else None,
        nil_answers=_whole(model.nil_answers),
    )


def _whole(items: list[str]) -> re.Pattern[str] | None:
    """One pattern for `fullmatch` (None for an empty list)."""
    return re.compile("|".join(f"(?:{i})" for i in items)) if items else None


def load_people(path: str | Path | None = None) -> PeopleRules:
    """Load and compile `rules/people.yaml` (or `path`)."""
    path = Path(path) if path is not None else DEFAULT_PEOPLE_PATH
    text = read_rule_file(path, "people")
    return _compile(text, "rules/people.yaml" if path == DEFAULT_PEOPLE_PATH else str(path))


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    role: str
    household: bool = True
    words: tuple[str, ...] = ()  # the names as written: a text holding none of them cannot name this person

    def in_group(self, roles: frozenset[str]) -> bool:
        if self.role == "child":
            return "child" in roles
        return self.role in roles or ("household" in roles and self.household)


@lru_cache(maxsize=4096)
def name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The names as one pattern (longest first, not inside a word or after &): what `find_names` finds."""
    names = tuple(n for n in names if len(n) >= 2)
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])")


def _long(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if len(n) >= 2))


def people_of(case: Case) -> tuple[Person, ...]:
    out: list[Person] = []
    for child in case.children:
        first = (_plain(child.name).split(" ")[0],) if child.name else ()
        out.append(Person(child.id, "child", words=_long(first)))
    for adult in case.adults:
        names: list[str] = []
        for value in [adult.name, *adult.aliases]:
            if value:
                norm = _plain(value)
                names += [norm, norm.split(" ")[0]]
        out.append(Person(adult.id, _plain(adult.role) or "adult", adult.lives_with_child is not False,
                          _long(tuple(names))))
    return tuple(out)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"['’‘`´]", "", str(text).lower()).split())


@dataclass(frozen=True, slots=True)
class Cast:
    """One case's people as the text is searched for them: names, group phrases with their members, and
    the role words of adults who are the only one of their role."""

    roles: dict[str, str]  # person id -> role
    names: tuple[tuple[str, tuple[str, ...]], ...]  # person id, the names (longest first, as in name_pattern)
    groups: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]  # phrase pattern, member ids
    role_words: tuple[tuple[str, re.Pattern[str]], ...]  # person id, role pattern


def cast_of(people: tuple[Person, ...], rules: PeopleRules) -> Cast:
    adults = [p for p in people if p.role != "child"]
    role_words = []
    for p in adults:
        pattern = rules.role_words.get(p.role)
        if pattern is not None and sum(1 for a in adults if a.role == p.role) == 1:
            role_words.append((p.id, pattern))
    groups = [(pattern, tuple(p.id for p in people if p.in_group(roles))) for pattern, roles in rules.groups]
    return Cast(
        roles={p.id: p.role for p in people},
        names=tuple((p.id, tuple(sorted(set(p.words), key=len, reverse=True))) for p in people if p.words),
        groups=tuple((pattern, ids) for pattern, ids in groups if ids),
        role_words=tuple(role_words),
    )


def _wordish(char: str) -> bool:
    return char.isalnum() or char in "_&"  # a word character for Python `re` (letters, digits, _), or &


def name_starts(text: str, names: tuple[str, ...]) -> list[int]:
    """Every place in `text` where one of `names` starts (overlaps included), in order: plain string search."""
    if len(names) == 1:  # one name: its places are found in order, each once
        name, found = names[0], []
        at = text.find(name)
        while at >= 0:
            found.append(at)
            at = text.find(name, at + 1)
        return found
    starts: set[int] = set()
    for name in names:
        at = text.find(name)
        while at >= 0:
            starts.add(at)
            at = text.find(name, at + 1)
    return sorted(starts)


def find_names(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where `name_pattern(names)` matches in `text`, as its `finditer` finds them, without the regex:
    at each place a name starts (not after a letter, digit, _ or &), the longest name there not followed by
    one."""
    found: list[tuple[int, int]] = []
    after = 0
    for at in name_starts(text, names):
        if at < after or (at > 0 and _wordish(text[at - 1])):
            continue
        for name in names:
            end = at + len(name)
            if text.startswith(name, at) and (end == len(text) or not _wordish(text[end])):
                found.append((at, end))
                after = end
                break
    return found


Places = list[tuple[int, str]]  # where in one text a name starts, and the name: by start, longest first


def name_places(texts: Sequence[str], cases: Sequence[str], names: dict[str, Collection[str]]) -> list[Places]:
    """For each text, every place one of its case's `names` starts (overlaps included), with the name: by
    start, then longest first — `name_starts` for every row at once. A case's texts are joined and each name
    searched for once in them all (a name never holds the separator, so none runs across two texts)."""
    out: list[Places] = [[] for _ in texts]
    rows_of: dict[str, list[int]] = {}
    for i, (text, case) in enumerate(zip(texts, cases, strict=True)):
        if text and case in names:
            rows_of.setdefault(case, []).append(i)
    for case, rows in rows_of.items():
        words = [w for w in dict.fromkeys(names[case]) if w]
        if not words:
            continue
        # A name holding the separator (never, for names folded to words) is searched for text by text.
        for group in [[i] for i in rows] if any(_SEPARATOR in w for w in words) else [rows]:
            joined = _SEPARATOR.join([texts[i] for i in group])
            hits: list[tuple[int, int, str]] = []
            for w in words:
                at = joined.find(w)
                while at >= 0:
                    hits.append((at, -len(w), w))
                    at = joined.find(w, at + 1)
            if not hits:
                continue
            hits.sort()
            offsets = list(accumulate((len(texts[i]) + 1 for i in group[:-1]), initial=0))
            for at, _, w in hits:
                k = bisect_right(offsets, at) - 1
                out[group[k]].append((at - offsets[k], w))
    return out


_SEPARATOR = "\x00"


def names_at(text: str, places: Places, owners: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str, str, bool]]:
    """The names part of `find_spans` from the text's `places` (`name_places`): for each person (`owners`:
    name -> the people it names), where `find_names` finds his names — at each place not after a word
    character, the longest of his names there not followed by one, none inside the one before."""
    found: list[tuple[int, int, str, str, bool]] = []
    after: dict[str, int] = {}
    size = len(text)
    for at, name in places:
        people = owners.get(name)
        if people is None or (at > 0 and _wordish(text[at - 1])):
            continue
        end = at + len(name)
        if end != size and _wordish(text[end]):
            continue
        for person in people:
            if at >= after.get(person, 0):  # a name found ends after its start: the shorter ones there are skipped
                found.append((at, end, person, name, False))
                after[person] = end
    return found


def owners_of(cast: Cast) -> dict[str, tuple[str, ...]]:
    """Each name in the cast, and the people it names (in the cast's order)."""
    owners: dict[str, tuple[str, ...]] = {}
    for person, words in cast.names:
        for w in words:
            owners[w] = (*owners.get(w, ()), person)
    return owners


def find_spans(text: str, cast: Cast, *, groups: bool = True, roles: bool = True,
               named: list[tuple[int, int, str, str, bool]] | None = None) -> list[tuple[int, int, str, str, bool]]:  # fmt: skip
    """(start, end, person id, words, through a group) for every mention in `text`; `groups` / `roles` False
    when a first pass found no group phrase / role word anywhere in it; `named`: the names' spans when found
    already (`names_at`)."""
    found: list[tuple[int, int, str, str, bool]] = []
    taken: list[tuple[int, int]] = []
    if named is not None:
        found += named
        taken += [(s[0], s[1]) for s in named]
    else:
        for person, words in cast.names:
            if any(map(text.__contains__, words)):
                for s0, e0 in find_names(text, words):
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
                if s0 < e0 and (s0, e0) in taken:  # the role word is a name ("mum"): overlaps, found quickly
                    continue
                if not any(s0 < e and e0 > s for s, e in taken):
                    found.append((s0, e0, person, m[0], False))
    return sorted(found)
