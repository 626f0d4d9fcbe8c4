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
from typing import Annotated, Any

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.model.audit import Case, Manifest
from checker.model.datafiles import RULES_DIR
from checker.model.errors import RuleError
from checker.text.compile import KindRules, load_rules
from checker.text.context import Clauses, status_at
from checker.text.match import normalise_for_matching

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

    return PeopleRules(
        role_words={role: words(items) for role, items in model.role_words.items()},
        groups=tuple((words(g.phrases), frozenset(g.roles)) for g in model.groups),
        actions=tuple((a, re.compile("|".join(f"(?:{i})" for i in model.actions[a]))) for a in ACTIONS),
    )


def load_people(path: str | Path | None = None) -> PeopleRules:
    """Load and compile `rules/people.yaml` (or `path`)."""
    path = Path(path) if path is not None else DEFAULT_PEOPLE_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read the people file {path}: {exc.strerror}", [f"{path}: unreadable"]) from exc
    return _compile(text, "rules/people.yaml" if path == DEFAULT_PEOPLE_PATH else str(path))


@dataclass(frozen=True, slots=True)
class _Person:
    id: str
    role: str
    names: re.Pattern[str] | None
    household: bool = True

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


def _people(case: Case) -> tuple[_Person, ...]:
    out: list[_Person] = []
    for child in case.children:
        first = (_plain(child.name).split(" ")[0],) if child.name else ()
        out.append(_Person(child.id, "child", _name_pattern(first)))
    for adult in case.adults:
        names: list[str] = []
        for value in [adult.name, *adult.aliases]:
            if value:
                norm = _plain(value)
                names += [norm, norm.split(" ")[0]]
        out.append(_Person(adult.id, _plain(adult.role) or "adult", _name_pattern(tuple(names)),
                           adult.lives_with_child is not False))
    return tuple(out)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"['’‘`´]", "", str(text).lower()).split())


def _spans(text: str, case: Case, people: tuple[_Person, ...], rules: PeopleRules) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, person id, words, through a group) for every mention in `text`."""
    found: list[tuple[int, int, str, str, bool]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], person: str, group: bool = False) -> None:
        found.append((m.start(), m.end(), person, m[0], group))
        taken.append(m.span())

    for p in people:
        if p.names is not None:
            for m in p.names.finditer(text):
                add(m, p.id)
    for pattern, roles in rules.groups:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            for p in people:
                if p.in_group(roles):
                    add(m, p.id, True)
    adults = [p for p in people if p.role != "child"]
    for p in adults:
        role_pattern = rules.role_words.get(p.role)
        if role_pattern is None or sum(1 for a in adults if a.role == p.role) != 1:
            continue
        for m in role_pattern.finditer(text):
            if not any(m.start() < e and m.end() > s for s, e in taken):
                found.append((m.start(), m.end(), p.id, m[0], False))
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
    people = _people(case)
    roles = {p.id: p.role for p in people}
    spans = _spans(text, case, people, rules)
    if not spans:
        return ()
    clauses = Clauses(text, kinds.context)
    bounds = [0, *(m.end() for m in _SENTENCE.finditer(text)), len(text)]
    out: list[Mention] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        inside = [s for s in spans if lo <= s[0] < hi]
        if not inside:
            continue
        actions: list[tuple[int, int, str, str, bool]] = []  # start, end, action, status, heads a list
        blanked = list(text[lo:hi])
        for action, pattern in rules.actions:
            for m in pattern.finditer("".join(blanked)):
                start, end = lo + m.start(), lo + m.end()
                status, _ = status_at(clauses, start, end, kinds.context, within=action not in _NEGATIVE)
                heads = text[end : end + 2].lstrip().startswith(":")
                actions.append((start, end, action, status, heads))
                blanked[m.start() : m.end()] = " " * (m.end() - m.start())
        for start, end, person, words, group in inside:
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
            out.append(Mention(person, roles[person], words, tuple(dict.fromkeys(records)) or ("named",), group))
    return tuple(out)


def mentions_column(texts: pd.Series, cases: pd.Series, manifest: Manifest, kinds: KindRules | None = None,
                    rules: PeopleRules | None = None) -> pd.Series:  # fmt: skip
    """`find_mentions` for each row (texts already normalised); each distinct (case, text) is read once."""
    kinds = kinds or load_rules()
    rules = rules or load_people()
    by_id = {c.id: c for c in manifest.cases}
    cache: dict[tuple[str, str], tuple[Mention, ...]] = {}
    values: list[Any] = []
    for text, case_id in zip(texts.tolist(), cases.tolist(), strict=True):
        case = by_id.get(case_id)
        if case is None or not text:
            values.append(())
            continue
        key = (case_id, text)
        if key not in cache:
            cache[key] = find_mentions(text, case, kinds, rules, normalised=True)
        values.append(cache[key])
    array = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        array[i] = v
    return pd.Series(array, index=texts.index, dtype=object, name="mentions")
