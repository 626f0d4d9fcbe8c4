"""Event kinds: what each chronology entry is about, read from its words with the rules in `rules/kinds.yaml`.

    >>> classify_text("HV visit - no access, card left")
    ('no_access',)
    >>> classify_text("No contingency plan in place should father leave")
    ()

How a kind is found (the QA-officer version is docs/kinds.md):

1. the entry's `event`, `action` and `event_type` are joined with " . ", lower-cased, apostrophes removed;
2. a kind's `patterns` are searched over the distinct texts at once (RE2 through pyarrow when available,
   else Python `re`);
3. each match is then confirmed in Python: an `exclude` pattern in the same clause cancels it; a negation
   cue shortly before it, inside it, or just after it in the same clause cancels it (unless the kind has
   `negation: false`); a conditional word before it ("if", "at risk of") cancels it for event kinds;
4. a kind is dropped when the entry also has one of its `not_with` kinds.

`checker.text.annotate` puts the kinds, with the dates and attendees, on a copy of the canonical frame.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.model.audit import AgencyType
from checker.model.datafiles import RULES_DIR
from checker.model.errors import RuleError
from checker.model.limits import MATCH_CHARS

__all__ = [
    "KIND_IDS",
    "DEFAULT_RULES_PATH",
    "KindRules",
    "CompiledKind",
    "Hit",
    "load_rules",
    "normalise_for_matching",
    "entry_texts",
    "classify_texts",
    "classify_text",
    "explain_text",
]

log = logging.getLogger(__name__)

DEFAULT_RULES_PATH = RULES_DIR / "kinds.yaml"

# The closed list, in documented order (docs/kinds.md). Later rules key on these ids: never rename one.
KIND_IDS: tuple[str, ...] = (
    # front door / referrals
    "referral_csc", "mash_decision", "signposting", "nfa", "referral_other", "early_help_referral",
    "early_help_start", "feedback_received",
    # assessment and planning
    "assessment", "assessment_completed", "pre_birth_assessment", "strategy_discussion", "section_47",
    "cp_conference", "core_group", "cin_meeting", "taf_meeting", "plan_made", "contingency_plan", "plan_risk",
    "chronology_shared", "supervision", "legal_planning",
    # health
    "hv_antenatal", "hv_new_birth", "hv_contact", "midwife_contact", "health_appointment", "was_not_brought",
    "no_access", "hospital_attendance", "birth",
    # housing
    "housing_concern", "eviction_notice", "possession_order", "bailiff_date", "evicted", "rehoused",
    "eviction_stayed", "homelessness_application",
    # risk and police
    "police_incident", "domestic_abuse", "weapons", "sex_offender", "mental_health", "substance_misuse", "neglect",
    # child
    "child_seen", "child_seen_alone", "child_views", "child_disclosure", "home_visit",
    # adults and practice
    "father_checks", "non_engagement", "escalation", "positive",
)  # fmt: skip

MatchColumn = Literal["event", "action", "event_type", "impact", "source"]


# --- The rule file's schema ----------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Examples(_Strict):
    match: list[str] = Field(default_factory=list, description="Texts that must get this kind.")
    no_match: list[str] = Field(default_factory=list, description="Texts that must not get this kind.")


class KindRule(_Strict):
    description: str
    patterns: Annotated[list[str], Field(min_length=1)]
    exclude: list[str] = Field(
        default_factory=list, description="Cancel a match when found in the same clause."
    )
    negation: bool = Field(default=True, description="Whether negation cues cancel a match.")
    conditional_negates: bool = Field(default=True, description="Whether 'if', 'at risk of'… cancel a match.")
    not_with: list[str] = Field(
        default_factory=list, description="Drop this kind when the entry has one of these."
    )
    examples: Examples = Field(default_factory=Examples)


class NegationRules(_Strict):
    window_before: Annotated[int, Field(ge=0, le=20)]
    window_after: Annotated[int, Field(ge=0, le=20)]
    clause_breaks: list[str]
    before: list[str]
    within: list[str]
    after: list[str]
    pseudo: list[str] = Field(default_factory=list)
    conditional: list[str] = Field(default_factory=list)


class KindsFile(_Strict):
    version: Literal[1]
    columns: Annotated[list[MatchColumn], Field(min_length=1)]
    terms: dict[str, list[str]] = Field(default_factory=dict)
    negation: NegationRules
    attendee_roles: dict[AgencyType, list[str]] = Field(default_factory=dict)
    date_phrases: dict[str, list[str]] = Field(default_factory=dict)
    kinds: dict[str, KindRule]


# --- Compiled form -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompiledKind:
    id: str
    description: str
    patterns: tuple[re.Pattern[str], ...]
    combined: re.Pattern[str]  # all patterns as one alternation, for the first pass over all texts
    exclude: re.Pattern[str] | None
    negation: bool
    conditional_negates: bool
    not_with: frozenset[str]
    examples: Examples


@dataclass(frozen=True, slots=True)
class KindRules:
    """`rules/kinds.yaml`, validated and compiled."""

    kinds: tuple[CompiledKind, ...]
    columns: tuple[str, ...]
    breaks: re.Pattern[str]
    window_before: int
    window_after: int
    before: re.Pattern[str]
    within: re.Pattern[str]
    after: re.Pattern[str]
    pseudo: re.Pattern[str] | None
    conditional: re.Pattern[str] | None
    any_cue: re.Pattern[str]  # every negation and conditional cue as one alternation, for the first pass
    attendee_roles: dict[str, tuple[str, ...]]
    date_phrases: dict[str, re.Pattern[str]]
    digest: str
    source: str

    def kind(self, kind_id: str) -> CompiledKind:
        return next(k for k in self.kinds if k.id == kind_id)


@dataclass(frozen=True, slots=True)
class Hit:
    """One pattern match in one text, and whether it counted (see `explain_text`)."""

    kind: str
    pattern: int
    start: int
    end: int
    matched: str
    counted: bool
    reason: str  # "" when counted; else "exclude", "negated", "conditional" or "not_with <kind>"


_WORDS = re.compile(r"(?<!\s)\s*\{words:(\d+)\}\s*")  # starts only where a run of spaces starts: linear
_TERM = re.compile(r"\{([a-z_]+)\}")
_GAP_WORD = r"[\w&/%£+-]+"


def _expand(pattern: str, terms: dict[str, str]) -> str:
    """Replace `{words:N}` and `{term}` shorthands; raise KeyError naming an unknown term."""
    pattern = _WORDS.sub(lambda m: f" ?(?:{_GAP_WORD} ){{0,{int(m[1])}}}", pattern)

    def term(m: re.Match[str]) -> str:
        if m[1] not in terms:
            raise KeyError(m[1])
        return terms[m[1]]

    return _TERM.sub(term, pattern)


@lru_cache(maxsize=4096)
def _re2_error(pattern: str) -> str | None:
    """Why RE2 (pyarrow) rejects a pattern, or None if it accepts it or pyarrow is absent."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pyarrow ships with this project's pandas
        return None
    try:
        pc.match_substring_regex(pa.array([""], type=pa.string()), pattern=pattern, ignore_case=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        return str(exc).splitlines()[0]
    return None


def _alternation(items: Sequence[str]) -> str:
    return "(?:" + "|".join(f"(?:{i})" for i in items) + ")"


def _compile_list(items: Sequence[str], where: str, problems: list[str]) -> re.Pattern[str] | None:
    if not items:
        return None
    for i, item in enumerate(items):
        try:
            re.compile(item)
        except re.error as exc:
            problems.append(f"{where}[{i}]: '{item}' is not a valid pattern ({exc})")
    if problems:
        return None
    return re.compile(_alternation(items), re.IGNORECASE)


@lru_cache(maxsize=8)
def _compile(text: str, where: str) -> KindRules:
    """Validate and compile the rule file's text; every problem is collected before raising."""
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{where} is not valid YAML: {exc}", [f"{where}: {exc}"]) from exc
    try:
        model = KindsFile.model_validate(raw)
    except ValidationError as exc:
        found = [f"{where}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise RuleError(f"{where} has {len(found)} problem(s): " + "; ".join(found), found) from exc

    problems: list[str] = []
    missing = [k for k in KIND_IDS if k not in model.kinds]
    extra = [k for k in model.kinds if k not in KIND_IDS]
    if missing:
        problems.append(
            f"{where}: kinds: missing {', '.join(missing)} (every kind in the closed list needs rules)"
        )
    if extra:
        problems.append(
            f"{where}: kinds: {', '.join(extra)} not in the closed list of kind ids; "
            "adding a kind id is a change to checker/kinds.py KIND_IDS and docs/kinds.md"
        )
    terms: dict[str, str] = {}
    for name, items in model.terms.items():
        for i, item in enumerate(items):
            try:
                re.compile(item)
            except re.error as exc:
                problems.append(f"{where}: terms.{name}[{i}]: '{item}' is not a valid pattern ({exc})")
        terms[name] = _alternation(items)

    def expanded(items: Sequence[str], loc: str) -> list[str]:
        out = []
        for i, item in enumerate(items):
            try:
                out.append(_expand(item, terms))
            except KeyError as exc:
                problems.append(f"{where}: {loc}[{i}]: unknown term {{{exc.args[0]}}}; define it under terms")
        return out

    compiled: list[CompiledKind] = []
    for kind_id in KIND_IDS:
        rule = model.kinds.get(kind_id)
        if rule is None:
            continue
        loc = f"kinds.{kind_id}"
        for other in rule.not_with:
            if other not in KIND_IDS or other == kind_id:
                problems.append(f"{where}: {loc}.not_with: '{other}' is not another kind id")
        pats = expanded(rule.patterns, f"{loc}.patterns")
        excl = expanded(rule.exclude, f"{loc}.exclude")
        before = len(problems)
        for i, (src, pat) in enumerate(zip(rule.patterns, pats, strict=False)):
            try:
                re.compile(pat)
            except re.error as exc:
                problems.append(f"{where}: {loc}.patterns[{i}]: '{src}' is not a valid pattern ({exc})")
                continue
            if (why := _re2_error(pat)) is not None:
                problems.append(
                    f"{where}: {loc}.patterns[{i}]: '{src}' uses syntax the fast matcher (RE2) lacks ({why}); "
                    "avoid look-ahead, look-behind and back-references"
                )
        for i, (src, pat) in enumerate(zip(rule.exclude, excl, strict=False)):
            if (why := _re2_error(pat)) is not None:
                problems.append(f"{where}: {loc}.exclude[{i}]: '{src}' uses syntax RE2 lacks ({why})")
        exclude = _compile_list(excl, f"{where}: {loc}.exclude", problems)
        if len(problems) > before:
            continue
        compiled.append(
            CompiledKind(
                id=kind_id,
                description=rule.description,
                patterns=tuple(re.compile(p, re.IGNORECASE) for p in pats),
                combined=re.compile(_alternation(pats), re.IGNORECASE),
                exclude=exclude,
                negation=rule.negation,
                conditional_negates=rule.conditional_negates,
                not_with=frozenset(rule.not_with),
                examples=rule.examples,
            )
        )

    neg = model.negation
    lists = {name: _compile_list(getattr(neg, name), f"{where}: negation.{name}", problems)
             for name in ("clause_breaks", "before", "within", "after", "pseudo", "conditional")}  # fmt: skip
    for name in ("before", "within", "after", "conditional"):
        for i, item in enumerate(getattr(neg, name)):
            if (why := _re2_error(item)) is not None:
                problems.append(f"{where}: negation.{name}[{i}]: '{item}' uses syntax RE2 lacks ({why})")
    phrases = {name: _compile_list(items, f"{where}: date_phrases.{name}", problems)
               for name, items in model.date_phrases.items()}  # fmt: skip
    for type_, roles in model.attendee_roles.items():
        _compile_list(roles, f"{where}: attendee_roles.{type_.value}", problems)
    if problems:
        raise RuleError(f"{where} has {len(problems)} problem(s): " + "; ".join(problems), problems)

    def must(p: re.Pattern[str] | None) -> re.Pattern[str]:
        return p if p is not None else re.compile(r"(?!x)x")

    return KindRules(
        kinds=tuple(compiled),
        columns=tuple(model.columns),
        breaks=must(lists["clause_breaks"]),
        window_before=neg.window_before,
        window_after=neg.window_after,
        before=must(lists["before"]),
        within=must(lists["within"]),
        after=must(lists["after"]),
        pseudo=lists["pseudo"],
        conditional=lists["conditional"],
        any_cue=re.compile(
            _alternation([*neg.before, *neg.within, *neg.after, *neg.conditional]), re.IGNORECASE
        ),
        attendee_roles={t.value: tuple(r) for t, r in model.attendee_roles.items()},
        date_phrases={k: must(v) for k, v in phrases.items()},
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:12],
        source=where,
    )


def load_rules(path: str | Path | None = None) -> KindRules:
    """Load and compile `rules/kinds.yaml` (or `path`); compiled once per distinct file content."""
    path = Path(path) if path is not None else DEFAULT_RULES_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(
            f"cannot read the kinds rule file {path}: {exc.strerror}", [f"{path}: unreadable"]
        ) from exc
    where = path.name if path == DEFAULT_RULES_PATH else str(path)
    return _compile(text, f"rules/{where}" if path == DEFAULT_RULES_PATH else where)


# --- Matching ------------------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’‘`´]")
_SPACES = re.compile(r"\s+")


def normalise_for_matching(text: str) -> str:
    """Lower-case, apostrophes removed, single-spaced: the text patterns are written against."""
    return _SPACES.sub(" ", _APOSTROPHES.sub("", str(text).lower())).strip()


def _normalise_series(texts: pd.Series) -> pd.Series:
    """`normalise_for_matching` for a column (vectorised through pyarrow when available)."""
    values = texts.fillna("").astype(str).to_numpy(dtype=object)
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover
        return pd.Series([normalise_for_matching(v) for v in values], index=texts.index, dtype=object)
    array = pc.utf8_lower(pa.array(values, type=pa.large_string()))
    array = pc.replace_substring_regex(array, pattern="['’‘`´]", replacement="")
    array = pc.utf8_trim_whitespace(pc.replace_substring_regex(array, pattern=r"[\s\p{Z}]+", replacement=" "))
    return pd.Series(array.to_numpy(zero_copy_only=False), index=texts.index, dtype=object)


def entry_texts(frame: pd.DataFrame, rules: KindRules | None = None) -> pd.Series:
    """The text each entry is classified on: its matching columns joined with ' . ' (blank ones skipped)."""
    rules = rules or load_rules()
    joined: np.ndarray | None = None
    for column in rules.columns:
        if column not in frame.columns:
            continue
        part = frame[column].fillna("").astype(str).str.strip().str.slice(0, MATCH_CHARS).to_numpy(dtype=object)
        if joined is None:
            joined = part
            continue
        both = (joined != "") & (part != "")
        joined = np.where(both, joined + " . " + part, np.where(joined == "", part, joined))
    if joined is None:
        return pd.Series("", index=frame.index, dtype=object)
    return pd.Series(joined, index=frame.index, dtype=object)


# Below this many distinct texts, Python `re` with the patterns compiled once beats RE2, which pyarrow
# compiles afresh on every call.
_ARROW_FROM = 2000


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


class _Text:
    """One normalised text with its clause breaks, reused across kinds."""

    __slots__ = ("text", "starts", "ends", "_masked")

    def __init__(self, text: str, rules: KindRules) -> None:
        self.text = text
        spans = [m.span() for m in rules.breaks.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self._masked: str | None = None

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Start of the clause holding `start`, end of the clause holding `end`."""
        cs = max((e for e in self.ends if e <= start), default=0)
        ce = min((s for s in self.starts if s >= end), default=len(self.text))
        return cs, ce

    def masked(self, rules: KindRules) -> str:
        """The text with pseudo-negation phrases blanked out (same length, so offsets still hold)."""
        if self._masked is None:
            text = self.text
            if rules.pseudo is not None:
                text = rules.pseudo.sub(lambda m: " " * len(m[0]), text)
            self._masked = text
        return self._masked


_WORD = re.compile(r"\S+")


def _tail(segment: str, n: int) -> str:
    """The last `n` words of `segment`."""
    if n == 0:
        return ""
    words = list(_WORD.finditer(segment))
    return segment[words[-n].start() :] if len(words) > n else segment


def _head_limit(segment: str, n: int) -> int:
    """Offset just past the first `n` words of `segment` (a cue must start before it)."""
    if n == 0:
        return 0
    words = list(_WORD.finditer(segment))
    return words[n - 1].end() if len(words) >= n else len(segment)


def _judge(t: _Text, start: int, end: int, kind: CompiledKind, rules: KindRules) -> str:
    """'' if the match counts; otherwise why not."""
    cs, ce = t.clause(start, end)
    text = t.text
    if kind.exclude is not None and kind.exclude.search(text, cs, ce):
        return "exclude"
    if kind.negation or kind.conditional_negates:
        masked = t.masked(rules)
        before = _tail(masked[cs:start], rules.window_before)
        if kind.negation:
            if rules.before.search(before) or rules.within.search(masked, start, end):
                return "negated"
            after = masked[end:ce]
            limit = _head_limit(after, rules.window_after)
            if any(m.start() < limit for m in rules.after.finditer(after)):
                return "negated"
        if kind.conditional_negates and rules.conditional is not None and rules.conditional.search(before):
            return "conditional"
    return ""


def _confirmed(t: _Text, kind: CompiledKind, rules: KindRules) -> bool:
    for pattern in kind.patterns:
        for m in pattern.finditer(t.text):
            if not _judge(t, m.start(), m.end(), kind, rules):
                return True
    return False


def _classify_unique(uniques: np.ndarray, rules: KindRules) -> list[tuple[str, ...]]:
    """Kinds for each distinct text.

    The vectorised pass decides most texts outright: a match in a text with no negation or conditional cue
    anywhere, and no `exclude` hit, counts as it stands. Only the rest are confirmed match by match.
    """
    found: list[set[str]] = [set() for _ in range(len(uniques))]
    prepared: dict[int, _Text] = {}
    arrow = _as_arrow(uniques)
    has_cue = _search_all(arrow, rules.any_cue)
    for kind in rules.kinds:
        matched = np.flatnonzero(_search_all(arrow, kind.combined))
        if len(matched) == 0:
            continue
        check = np.zeros(len(matched), dtype=bool)
        if kind.negation or kind.conditional_negates:
            check |= has_cue[matched]
        if kind.exclude is not None:
            check |= _search_all(_subset(arrow, matched), kind.exclude)
        for i, needs_check in zip(matched.tolist(), check.tolist(), strict=True):
            if needs_check:
                t = prepared.get(i)
                if t is None:
                    t = prepared[i] = _Text(uniques[i], rules)
                if not _confirmed(t, kind, rules):
                    continue
            found[i].add(kind.id)
    rank = {k.id: i for i, k in enumerate(rules.kinds)}
    not_with = {k.id: k.not_with for k in rules.kinds}
    return [
        tuple(k for k in sorted(kinds, key=rank.__getitem__) if not (not_with[k] & kinds)) if kinds else ()
        for kinds in found
    ]


def classify_texts(texts: pd.Series, rules: KindRules | None = None) -> pd.Series:
    """Kind ids (tuples, in the documented order) for each text, aligned to `texts`.

    Texts are normalised here; each distinct text is classified once.
    """
    rules = rules or load_rules()
    normalised = _normalise_series(texts)
    codes, distinct = pd.factorize(normalised)
    per_unique = _classify_unique(np.asarray(distinct, dtype=object), rules)
    table = np.empty(len(per_unique) + 1, dtype=object)
    table[:-1] = per_unique
    table[-1] = ()
    log.debug("classified %d texts (%d distinct)", len(texts), len(distinct))
    return pd.Series(table[codes], index=texts.index, dtype=object, name="kinds")


def classify_text(text: str, rules: KindRules | None = None) -> tuple[str, ...]:
    """Kind ids for one text."""
    rules = rules or load_rules()
    return _classify_unique(np.array([normalise_for_matching(text)], dtype=object), rules)[0]


def explain_text(text: str, rules: KindRules | None = None) -> list[Hit]:
    """Every pattern match in `text` and whether it counted: for QA officers asking "why this kind?"."""
    rules = rules or load_rules()
    t = _Text(normalise_for_matching(text), rules)
    hits: list[Hit] = []
    for kind in rules.kinds:
        for p, pattern in enumerate(kind.patterns):
            for m in pattern.finditer(t.text):
                reason = _judge(t, m.start(), m.end(), kind, rules)
                hits.append(Hit(kind.id, p, m.start(), m.end(), m[0], not reason, reason))
    counted = {h.kind for h in hits if h.counted}
    by_id = {k.id: k for k in rules.kinds}
    final: list[Hit] = []
    for h in hits:
        blocker = sorted(by_id[h.kind].not_with & counted)
        if h.counted and blocker:
            h = Hit(h.kind, h.pattern, h.start, h.end, h.matched, False, f"not_with {blocker[0]}")
        final.append(h)
    return final
