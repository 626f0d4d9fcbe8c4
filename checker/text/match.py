"""Matching: the text an entry is classified on, and the kinds (with their status) found in each text.

    >>> classify_text("HV visit - no access, card left")
    ('no_access',)
    >>> classify_text("No contingency plan in place should father leave")
    ()
    >>> [r.status for r in read_text("HV antenatal visit booked for 14/03") if r.kind == "hv_antenatal"]
    ['planned']

How a kind is found (the QA-officer version is docs/kinds.md):

1. the entry's `event`, `action` and `event_type` are joined with " . ", lower-cased, apostrophes removed, and
   the glossary's expanding abbreviations read as words ("AN contact" -> "ante-natal contact");
2. a kind's `patterns` are searched over the distinct texts at once (RE2 through pyarrow for many texts, else
   Python `re`);
3. each match gets a status from the cues in `rules/context.yaml` (`checker.text.context`); an `exclude`
   pattern in the same clause cancels it;
4. the kind is present when one of its matches has a status the kind counts (`done` unless it says more);
5. a kind is dropped when the entry also has one of its `not_with` kinds.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.model.limits import MATCH_CHARS
from checker.text import compiled
from checker.text.compile import CompiledKind, KindRules, load_rules
from checker.text.context import Clauses, CueStarts, Field, cue_starts, fields_of, prepare, status_at
from checker.text.patterns import plain_ascii, re2_same

__all__ = [
    "Hit",
    "Reading",
    "normalise_for_matching",
    "normalise_series",
    "normalise_many",
    "entry_texts",
    "classify_texts",
    "read_texts",
    "kinds_of",
    "classify_text",
    "read_text",
    "explain_text",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Hit:
    """One pattern match in one text, its status, and whether it counted (see `explain_text`)."""

    kind: str
    pattern: int
    start: int
    end: int
    matched: str
    counted: bool
    reason: str  # "" when counted; else "exclude", a status ("planned", "negated"...) or "not_with <kind>"
    status: str = "done"
    cue: str = ""
    field: str = ""  # the label of the templated field the match is in ('' in prose)


@dataclass(frozen=True, slots=True)
class Reading:
    """A kind found in a text, its status and the words that decided it (the match, and the cue if any), and
    in a templated entry the label of the field it was read from."""

    kind: str
    status: str
    counted: bool
    matched: str
    cue: str
    field: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "status": self.status, "counted": self.counted, "words": self.matched,
                "cue": self.cue, "field": self.field}  # fmt: skip


_APOSTROPHES = re.compile(r"['’‘`´]")
_SPACES = re.compile(r"\s+")


_NORMALISED: dict[tuple[str, str], str] = {}  # (rules digest, text) -> normalised: names, roles, list items
_NORMALISED_MAX = 50_000


def normalise_for_matching(text: str, rules: KindRules | None = None) -> str:
    """Lower-case, apostrophes removed, single-spaced, expanding abbreviations read as words."""
    rules = rules or load_rules()
    text = str(text)
    key = (rules.digest, text)
    done = _NORMALISED.get(key)
    if done is not None:
        return done
    lowered = text.lower()
    fields = rules.context.fields
    if fields is not None and ("\n" in lowered or "\t" in lowered or "\r" in lowered):
        lowered = fields.line_label.sub(r" | \1", lowered)  # a line break or tab before a label: a new field
    plain = _SPACES.sub(" ", _APOSTROPHES.sub("", lowered)).strip()
    done = rules.glossary.expand(plain)
    if len(text) <= 200:  # short strings repeat (names, roles, attendance lists); long ones rarely do
        if len(_NORMALISED) >= _NORMALISED_MAX:
            _NORMALISED.clear()
        _NORMALISED[key] = done
    return done


def normalise_many(texts: Sequence[str], rules: KindRules | None = None) -> list[str]:
    """`normalise_for_matching` for each text, the same strings: texts of printable ASCII in one pass
    through pyarrow (where RE2 reads the glossary's patterns as Python does), the rest one by one."""
    rules = rules or load_rules()
    out = [""] * len(texts)
    rows = [i for i, t in enumerate(texts) if plain_ascii(t)]
    if len(rows) < _MIN_FOR_RE2 or not all(re2_same(e.pattern) for e in rules.glossary.expansions):
        rows = []
    else:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]

        array = pc.utf8_lower(pa.array([texts[i] for i in rows], type=pa.large_string()))
        if rules.context.fields is not None:
            array = pc.replace_substring_regex(array, pattern=rules.context.fields.line_label.pattern,
                                               replacement=" | \\1")  # fmt: skip
        array = pc.replace_substring_regex(array, pattern="['`]", replacement="")
        array = pc.utf8_trim_whitespace(pc.replace_substring_regex(array, pattern=" +", replacement=" "))
        for e in rules.glossary.expansions:
            array = pc.replace_substring_regex(array, pattern=e.pattern, replacement=e.replacement)
        for i, value in zip(rows, array.to_pylist(), strict=True):
            out[i] = value
    done = set(rows)
    for i, t in enumerate(texts):
        if i not in done:
            out[i] = normalise_for_matching(t, rules)
    return out


def normalise_series(texts: pd.Series, rules: KindRules | None = None) -> pd.Series:
    """`normalise_for_matching` for a column (vectorised through pyarrow when available)."""
    rules = rules or load_rules()
    values = texts.fillna("").astype(str).to_numpy(dtype=object)
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover
        return pd.Series([normalise_for_matching(v, rules) for v in values], index=texts.index, dtype=object)
    codes, distinct = pd.factorize(values)  # each distinct text once
    array = pc.utf8_lower(pa.array(distinct, type=pa.large_string()))
    if rules.context.fields is not None:
        array = pc.replace_substring_regex(array, pattern=rules.context.fields.line_label.pattern,
                                           replacement=" | \\1")  # fmt: skip
    array = pc.replace_substring_regex(array, pattern="['’‘`´]", replacement="")
    array = pc.utf8_trim_whitespace(pc.replace_substring_regex(array, pattern=r"[\s\p{Z}]+", replacement=" "))
    out = np.array(array.to_numpy(zero_copy_only=False), dtype=object)
    expansions = rules.glossary.expansions
    if expansions:
        # A text no expansion matches is left as it is by all of them: expand only the texts one matches.
        hits = pc.match_substring_regex(array, pattern="|".join(f"(?:{e.pattern})" for e in expansions))
        rows = np.flatnonzero(hits.to_numpy(zero_copy_only=False))
        if len(rows):
            some = array.take(pa.array(rows))
            for e in expansions:
                some = pc.replace_substring_regex(some, pattern=e.pattern, replacement=e.replacement)
            out[rows] = some.to_numpy(zero_copy_only=False)
    return pd.Series(out[codes], index=texts.index, dtype=object)


def column_strings(column: pd.Series) -> list[str]:
    """`column.fillna("").astype(str).tolist()`: a column of Python strings and blanks (None, NaN) read
    value by value without pandas' conversions; any other column through them."""
    if column.dtype == object:
        values = column.tolist()
        out: list[str] = []
        for v in values:
            if type(v) is str:
                out.append(v)
            elif v is None or (type(v) is float and v != v):
                out.append("")
            else:
                break
        else:
            return out
    return column.fillna("").astype(str).tolist()


def entry_texts(frame: pd.DataFrame, rules: KindRules | None = None) -> pd.Series:
    """The text each entry is classified on: its matching columns joined with ' . ' (blank ones skipped)."""
    rules = rules or load_rules()
    joined: list[str] | None = None
    for column in rules.columns:
        if column not in frame.columns:
            continue
        part = [v.strip()[:MATCH_CHARS] for v in column_strings(frame[column])]
        if joined is None:
            joined = part
            continue
        joined = [(a + " . " + b if b else a) if a else b for a, b in zip(joined, part, strict=True)]
    if joined is None:
        return pd.Series("", index=frame.index, dtype=object)
    return _tuples(joined, frame.index, None)


# Below this many distinct texts, Python `re` with the patterns compiled once beats RE2, which pyarrow
# compiles afresh on every call.
_ARROW_FROM = 2000
_MIN_FOR_RE2 = 64  # fewer texts with a cue than this: Python finds where the cues are


def _as_arrow(texts: np.ndarray) -> Any:
    """The texts as an Arrow array for RE2 matching; the numpy array itself if few or without pyarrow."""
    if len(texts) < _ARROW_FROM:
        return texts
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover
        return texts
    return pa.array(texts, type=pa.large_string())


def _search_all(texts: Any, pattern: re.Pattern[str]) -> np.ndarray:
    """Boolean mask: which texts `pattern` matches (RE2 through pyarrow for many texts, else Python `re`)."""
    if len(texts) == 0:
        return np.zeros(0, dtype=bool)
    if isinstance(texts, np.ndarray):
        return np.fromiter((pattern.search(t) is not None for t in texts), dtype=bool, count=len(texts))
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    result = pc.match_substring_regex(texts, pattern=pattern.pattern, ignore_case=True)
    return result.to_numpy(zero_copy_only=False).astype(bool)


def _subset(texts: Any, rows: np.ndarray) -> Any:
    return texts[rows] if isinstance(texts, np.ndarray) else texts.take(rows)


def _judge(t: Clauses, m: re.Match[str], kind: CompiledKind, rules: KindRules) -> tuple[str, str, str]:
    """(reason, status, cue): reason is '' when the match counts; 'fields' when its words run across a
    templated entry's fields (a contact type joined with the next field's outcome)."""
    if t.across_fields(m.start(), m.end()):
        return "fields", "done", ""
    if kind.exclude is not None:
        cs, ce = t.clause(m.start(), m.end())
        if kind.exclude.search(t.text, cs, ce):
            return "exclude", "done", ""
    status, cue = status_at(t, m.start(), m.end(), rules.context, within=kind.negation)
    return ("" if status in kind.counts else status), status, cue


def _label(t: Clauses, m: re.Match[str]) -> str:
    field = t.field_at(m.start(), m.end()) if t.fields else None
    return field.label if field is not None else ""


def _read_one(t: Clauses, kind: CompiledKind, rules: KindRules) -> Reading | None:
    """The kind's reading in one text: the first counted match, else the first match with a status."""
    first: Reading | None = None
    for pattern in kind.patterns:
        for m in pattern.finditer(t.text):
            reason, status, cue = _judge(t, m, kind, rules)
            if not reason:
                return Reading(kind.id, status, True, m[0], cue, _label(t, m))
            if first is None and reason not in ("exclude", "fields"):
                first = Reading(kind.id, status, False, m[0], cue, _label(t, m))
    return first


def _cue_starts(uniques: np.ndarray, has_cue: np.ndarray, rules: KindRules) -> CueStarts:
    """Where the cues are in each text with one, and which cues match there, found at once (by text)."""
    rows = np.flatnonzero(has_cue)
    if len(rows) < _MIN_FOR_RE2:
        return {}
    return cue_starts([uniques[i] for i in rows.tolist()], rules.context)


def _first_pass_patterns(rules: KindRules) -> list[re.Pattern[str]]:
    """Every pattern of the first pass, in the order `_read_unique` reads their masks: any cue, the field
    screen (if fields are defined), then each kind's patterns and its exclude (if any)."""
    patterns = [rules.context.any_cue]
    if rules.context.fields is not None:
        patterns.append(rules.context.fields.screen)
    for kind in rules.kinds:
        patterns.append(kind.combined)
        if kind.exclude is not None:
            patterns.append(kind.exclude)
    return patterns


def _first_pass(uniques: np.ndarray, rules: KindRules, engine: str | None = None
                ) -> tuple[list[np.ndarray | None], Any]:
    """Which texts each first-pass pattern matches, and the texts as `_search_all` reads them (or None).

    With Hyperscan (`checker.text.compiled`): one compiled pass for every pattern, a text it does not read
    answered as before (RE2 when there are many texts, else `re`). Without: one RE2 pass (or Python `re` for a
    few texts) a pattern, an exclude's mask left None, to be read on the kind's matched texts only."""
    patterns = _first_pass_patterns(rules)
    if (engine or compiled.ENGINE) != "hyperscan":
        arrow = _as_arrow(uniques)
        excludes = {id(k.exclude) for k in rules.kinds if k.exclude is not None}
        return [None if id(p) in excludes else _search_all(arrow, p) for p in patterns], arrow
    many = len(uniques) >= _ARROW_FROM

    def reference(pattern: re.Pattern[str], values: np.ndarray) -> np.ndarray:
        if many and len(values) < _ARROW_FROM:  # the engine the whole set would use, for a few of its texts
            import pyarrow as pa  # type: ignore[import-untyped]

            return _search_all(pa.array(values, type=pa.large_string()), pattern)
        return _search_all(_as_arrow(values), pattern)

    return list(compiled.multi_matcher(patterns, "hyperscan").masks(uniques, reference)), None


def _read_unique(uniques: np.ndarray, rules: KindRules) -> list[tuple[Reading, ...]]:
    """Readings for each distinct text, kinds in documented order, `not_with` applied.

    The vectorised pass decides most texts outright: a match in a text with no cue anywhere, and no
    `exclude` hit, is `done` as it stands. Only the rest are read match by match.
    """
    found: list[dict[str, Reading]] = [{} for _ in range(len(uniques))]
    prepared: dict[int, Clauses] = {}
    first, arrow = _first_pass(uniques, rules)
    masks = iter(first)
    has_cue = next(masks)
    assert has_cue is not None
    # The cues are looked for at once in the texts a kind's words are found in (the only ones read for status).
    kinds_found = np.zeros(len(uniques), dtype=bool)
    place = 2 if rules.context.fields is not None else 1
    for kind in rules.kinds:
        mask = first[place]
        assert mask is not None
        kinds_found |= mask
        place += 2 if kind.exclude is not None else 1
    starts = _cue_starts(uniques, has_cue & kinds_found, rules)
    raw_cue = has_cue.tolist()
    plain_fields: dict[int, tuple[Field, ...] | None] = {}  # fields of texts with no cue: None when one decides
    field_only = np.zeros(len(uniques), dtype=bool)
    if rules.context.fields is not None:  # a text with a "Label:" field is read field by field
        with_field = next(masks)
        assert with_field is not None
        field_only = with_field & ~has_cue
        has_cue = has_cue | with_field
    for kind in rules.kinds:
        kind_mask = next(masks)
        exclude_mask = next(masks) if kind.exclude is not None else None
        assert kind_mask is not None
        matched = np.flatnonzero(kind_mask)
        if len(matched) == 0:
            continue
        check = has_cue[matched].copy()
        excluded = np.zeros(len(matched), dtype=bool)
        if kind.exclude is not None:
            excluded = exclude_mask[matched] if exclude_mask is not None else \
                _search_all(_subset(arrow, matched), kind.exclude)
            check |= excluded
        for i, needs_check, ex in zip(matched.tolist(), check.tolist(), excluded.tolist(), strict=True):
            if needs_check and field_only[i] and not ex:
                # No cue anywhere: only the fields can change the reading. Fields that decide nothing leave a
                # match `done` unless its words run across a field's edge.
                if i not in plain_fields:
                    parsed = fields_of(uniques[i], rules.context.fields)  # type: ignore[arg-type]
                    plain_fields[i] = None if any(f.status or f.other for f in parsed) else parsed
                fs = plain_fields[i]
                if fs is not None:
                    m = kind.combined.search(uniques[i])
                    if m is not None and not any(m.start() < e < m.end() for f in fs for e in (f.start, f.end)):
                        at = next((f.label for f in fs if f.start <= m.start() and m.end() <= f.end), "")
                        found[i][kind.id] = Reading(kind.id, "done", True, m[0], "", at)
                        continue
            if needs_check:
                t = prepared.get(i)
                if t is None:
                    t = prepared[i] = prepare(uniques[i], rules.context, starts)
                    if not t.cues_known and not raw_cue[i] and t.masked == t.text:
                        t.cues_at((), rules.context)  # no cue in the text, and no pseudo-cue blanked: none
                reading = _read_one(t, kind, rules)
                if reading is not None:
                    found[i][kind.id] = reading
                continue
            m = kind.combined.search(uniques[i])
            found[i][kind.id] = Reading(kind.id, "done", True, m[0] if m else "", "")
    not_with = {k.id: k.not_with for k in rules.kinds}
    out: list[tuple[Reading, ...]] = []
    for readings in found:
        if not readings:
            out.append(())
            continue
        present = {k for k, r in readings.items() if r.counted}
        row = []
        for k, r in readings.items():  # insertion order is the documented order
            if r.counted and not_with[k] & present:
                continue
            row.append(r)
        out.append(tuple(row))
    return out


def _tuples(values: list[Any], index: pd.Index, name: str | None) -> pd.Series:
    array = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        array[i] = value
    return pd.Series(array, index=index, dtype=object, name=name)


def read_texts(texts: pd.Series, rules: KindRules | None = None, *, normalised: bool = False) -> pd.Series:
    """The readings (`Reading` tuples) of each text, aligned to `texts`; each distinct text is read once."""
    rules = rules or load_rules()
    prepared = texts if normalised else normalise_series(texts, rules)
    codes, distinct = pd.factorize(prepared)
    per_unique = _read_unique(np.asarray(distinct, dtype=object), rules)
    table = np.empty(len(per_unique) + 1, dtype=object)
    table[:-1] = per_unique
    table[-1] = ()
    log.debug("read %d texts (%d distinct)", len(texts), len(distinct))
    return pd.Series(table[codes], index=texts.index, dtype=object, name="readings")


def kinds_of(readings: pd.Series) -> pd.Series:
    """Kind ids present (counted readings), as tuples in documented order."""
    kinds: dict[int, tuple[str, ...]] = {}  # rows of one text share one tuple of readings: read it once
    out = []
    for rs in readings.tolist():
        found = kinds.get(id(rs))
        if found is None:
            found = kinds[id(rs)] = tuple(r.kind for r in rs if r.counted)
        out.append(found)
    return _tuples(out, readings.index, "kinds")


def classify_texts(texts: pd.Series, rules: KindRules | None = None) -> pd.Series:
    """Kind ids (tuples, in the documented order) present in each text, aligned to `texts`."""
    return kinds_of(read_texts(texts, rules))


def read_text(text: str, rules: KindRules | None = None) -> tuple[Reading, ...]:
    """The readings of one text: every kind found, its status, and the words that decided it."""
    rules = rules or load_rules()
    return _read_unique(np.array([normalise_for_matching(text, rules)], dtype=object), rules)[0]


def classify_text(text: str, rules: KindRules | None = None) -> tuple[str, ...]:
    """Kind ids present in one text."""
    return tuple(r.kind for r in read_text(text, rules) if r.counted)


def explain_text(text: str, rules: KindRules | None = None) -> list[Hit]:
    """Every pattern match in `text`, its status and whether it counted: for "why this kind?"."""
    rules = rules or load_rules()
    t = Clauses(normalise_for_matching(text, rules), rules.context)
    hits: list[Hit] = []
    for kind in rules.kinds:
        for p, pattern in enumerate(kind.patterns):
            for m in pattern.finditer(t.text):
                reason, status, cue = _judge(t, m, kind, rules)
                hits.append(Hit(kind.id, p, m.start(), m.end(), m[0], not reason, reason, status, cue, _label(t, m)))
    counted = {h.kind for h in hits if h.counted}
    by_id = {k.id: k for k in rules.kinds}
    final: list[Hit] = []
    for h in hits:
        blocker = sorted(by_id[h.kind].not_with & counted)
        if h.counted and blocker:
            h = Hit(h.kind, h.pattern, h.start, h.end, h.matched, False, f"not_with {blocker[0]}", h.status, h.cue,
                    h.field)
        final.append(h)
    return final
