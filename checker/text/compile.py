"""Load, validate and compile the text rule files: `rules/kinds.yaml`, `rules/context.yaml`, `rules/glossary.yaml`.

Every problem in a file is collected, with its location, before one `RuleError` is raised. Every pattern must
be accepted by RE2 (the vectorised matcher): no look-around, no back-references.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from checker.model.datafiles import RULES_DIR
from checker.model.errors import RuleError
from checker.text.context import ContextRules, Cue, FieldRules
from checker.text.glossary import Glossary, compile_glossary
from checker.text.patterns import alternation, re2_error
from checker.text.schema import STATUSES, ContextFile, Examples, FieldsFile, GlossaryFile, KindRule, KindsFile

__all__ = [
    "KIND_IDS",
    "DEFAULT_RULES_PATH",
    "DEFAULT_CONTEXT_PATH",
    "DEFAULT_GLOSSARY_PATH",
    "DEFAULT_FIELDS_PATH",
    "KindRules",
    "CompiledKind",
    "load_rules",
    "re2_error",
    "compile_list",
    "read_rule_file",
]

DEFAULT_RULES_PATH = RULES_DIR / "kinds.yaml"
DEFAULT_CONTEXT_PATH = RULES_DIR / "context.yaml"
DEFAULT_GLOSSARY_PATH = RULES_DIR / "glossary.yaml"
DEFAULT_FIELDS_PATH = RULES_DIR / "fields.yaml"

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
    "eviction_stayed", "homelessness_application", "housing_insecurity",
    # risk and police
    "police_incident", "domestic_abuse", "weapons", "sex_offender", "mental_health", "substance_misuse", "neglect",
    # child
    "child_seen", "child_seen_alone", "child_views", "child_disclosure", "home_visit",
    # adults and practice
    "father_checks", "non_engagement", "escalation", "positive",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CompiledKind:
    id: str
    description: str
    patterns: tuple[re.Pattern[str], ...]
    combined: re.Pattern[str]  # all patterns as one alternation, for the first pass over all texts
    exclude: re.Pattern[str] | None
    counts: frozenset[str]  # the statuses under which the kind is present
    not_with: frozenset[str]
    examples: Examples

    @property
    def negation(self) -> bool:
        return "negated" not in self.counts

    @property
    def conditional_negates(self) -> bool:
        return "conditional" not in self.counts


@dataclass(frozen=True, slots=True)
class KindRules:
    """`rules/kinds.yaml` with `rules/context.yaml` and `rules/glossary.yaml`, validated and compiled."""

    kinds: tuple[CompiledKind, ...]
    columns: tuple[str, ...]
    context: ContextRules
    glossary: Glossary
    attendee_roles: dict[str, tuple[str, ...]]
    date_phrases: dict[str, re.Pattern[str]]
    digest: str
    source: str

    def kind(self, kind_id: str) -> CompiledKind:
        return next(k for k in self.kinds if k.id == kind_id)


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


def compile_list(
    items: Sequence[str], where: str, problems: list[str], *, re2: bool = True
) -> re.Pattern[str] | None:
    """One case-insensitive alternation of `items`; each invalid or non-RE2 item is a problem."""
    if not items:
        return None
    before = len(problems)
    for i, item in enumerate(items):
        try:
            re.compile(item)
        except re.error as exc:
            problems.append(f"{where}[{i}]: '{item}' is not a valid pattern ({exc})")
            continue
        if re2 and (why := re2_error(item)) is not None:
            problems.append(f"{where}[{i}]: '{item}' uses syntax the fast matcher (RE2) lacks ({why})")
    if len(problems) > before:
        return None
    return re.compile(alternation(items), re.IGNORECASE)


def _parse(text: str, where: str, model: type[BaseModel]) -> Any:
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{where} is not valid YAML: {exc}", [f"{where}: {exc}"]) from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        found = [f"{where}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise RuleError(f"{where} has {len(found)} problem(s): " + "; ".join(found), found) from exc


def _counts(rule: KindRule) -> frozenset[str]:
    if rule.counts is not None:
        return frozenset(rule.counts) | {"done"}
    counts = {"done"}
    if not rule.negation:
        counts |= {"negated", "attempted", "planned"}
    if not rule.conditional_negates:
        counts |= {"conditional"}
    return frozenset(counts)


def _compile_context(model: ContextFile, where: str, problems: list[str]) -> ContextRules | None:
    cues: list[Cue] = []
    sources: list[str] = []
    for g, group in enumerate(model.cues):
        if group.direction != "within" and group.scope == 0:
            problems.append(f"{where}: cues[{g}].scope: a {group.direction} cue needs a scope of 1 word or more")
        pattern = compile_list(group.cues, f"{where}: cues[{g}].cues", problems)
        if pattern is None:
            continue
        # One alternation per group: a group's cues share status, direction and scope.
        cues.append(Cue(group.status, group.direction, group.scope, pattern, " | ".join(group.cues), group.reach,
                        group.starts_clause))
        sources.extend(group.cues)
    missing = [s for s in STATUSES if s != "done" and s not in model.precedence]
    if missing:
        problems.append(f"{where}: precedence: missing {', '.join(missing)}")
    # Clause breaks and pseudo-cues are applied in Python, one text at a time: look-ahead is allowed there.
    breaks = compile_list(model.clause_breaks, f"{where}: clause_breaks", problems, re2=False)
    pseudo = compile_list(model.pseudo, f"{where}: pseudo", problems, re2=False)
    if problems or breaks is None:
        return None
    return ContextRules(
        cues=tuple(cues),
        breaks=breaks,
        pseudo=pseudo,
        rank={s: i for i, s in enumerate(model.precedence)},
        # Longest cue first, so "not yet" is found as itself rather than as "not".
        any_cue=re.compile(alternation(sorted(sources, key=len, reverse=True)), re.IGNORECASE),
    )


def _whole(items: Sequence[str], where: str, problems: list[str]) -> re.Pattern[str] | None:
    """One alternation of `items` for whole-value matching (Python `re`, `fullmatch`)."""
    return compile_list(items, where, problems, re2=False)


def _one(pattern: str, where: str, problems: list[str], *, re2: bool = False) -> re.Pattern[str] | None:
    return compile_list([pattern], where, problems, re2=re2)


def _compile_fields(model: FieldsFile, where: str, problems: list[str]) -> FieldRules | None:
    before = len(problems)
    label = _one(model.label, f"{where}: label", problems)
    line_label = _one(model.line_label, f"{where}: line_label", problems, re2=True)
    value_ends = _one(model.value_ends, f"{where}: value_ends", problems)
    absent = _whole(model.absent, f"{where}: absent", problems)
    elsewhere = _whole(model.elsewhere, f"{where}: elsewhere", problems)
    planned = _whole(model.planned, f"{where}: planned", problems)
    answers = []
    for status in ("negated", "attempted", "planned"):
        items = model.answers.get(status)  # type: ignore[call-overload]
        pattern = _whole([rf"(?:{i})\b" for i in items or []], f"{where}: answers.{status}", problems)
        if pattern is not None:
            answers.append((status, pattern))
    place = _whole(model.place_labels, f"{where}: place_labels", problems)
    other = _whole(model.other_household, f"{where}: other_household", problems)
    if label is not None and label.groups < 1:
        problems.append(f"{where}: label: needs one group, the label's words")
    if line_label is not None and line_label.groups != 1:
        problems.append(f"{where}: line_label: needs exactly one group, the label")
    if len(problems) > before:
        return None
    assert label and line_label and value_ends and absent and elsewhere and place and other
    return FieldRules(label=label, line_label=line_label, value_ends=value_ends, absent=absent,
                      elsewhere=elsewhere, planned=planned, answers=tuple(answers), place_labels=place, other_household=other,
                      screen=re.compile(r"[a-z0-9)] ?:(?: |$)"))  # fmt: skip


@lru_cache(maxsize=8)
def _compile(text: str, where: str, context_text: str, context_where: str, glossary_text: str,
             glossary_where: str, fields_text: str = "", fields_where: str = "") -> KindRules:  # fmt: skip
    """Validate and compile the four files' text; every problem is collected before raising."""
    model: KindsFile = _parse(text, where, KindsFile)
    context_model: ContextFile = _parse(context_text, context_where, ContextFile)
    glossary_model: GlossaryFile = _parse(glossary_text, glossary_where, GlossaryFile)
    fields_model: FieldsFile | None = _parse(fields_text, fields_where, FieldsFile) if fields_text else None

    problems: list[str] = []
    missing = [k for k in KIND_IDS if k not in model.kinds]
    extra = [k for k in model.kinds if k not in KIND_IDS]
    if missing:
        problems.append(f"{where}: kinds: missing {', '.join(missing)} (every kind in the closed list needs rules)")
    if extra:
        problems.append(
            f"{where}: kinds: {', '.join(extra)} not in the closed list of kind ids; "
            "adding a kind id is a change to checker/text/compile.py KIND_IDS and docs/kinds.md"
        )
    terms: dict[str, str] = {}
    for name, items in model.terms.items():
        for i, item in enumerate(items):
            try:
                re.compile(item)
            except re.error as exc:
                problems.append(f"{where}: terms.{name}[{i}]: '{item}' is not a valid pattern ({exc})")
        terms[name] = alternation(items)

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
        before = len(problems)
        pats = expanded(rule.patterns, f"{loc}.patterns")
        excl = expanded(rule.exclude, f"{loc}.exclude")
        combined = compile_list(pats, f"{where}: {loc}.patterns", problems)
        exclude = compile_list(excl, f"{where}: {loc}.exclude", problems)
        if len(problems) > before or combined is None:
            continue
        compiled.append(
            CompiledKind(
                id=kind_id,
                description=rule.description,
                patterns=tuple(re.compile(p, re.IGNORECASE) for p in pats),
                combined=combined,
                exclude=exclude,
                counts=_counts(rule),
                not_with=frozenset(rule.not_with),
                examples=rule.examples,
            )
        )
    context = _compile_context(context_model, context_where, problems)
    if context is not None and fields_model is not None:
        fields = _compile_fields(fields_model, fields_where, problems)
        context = ContextRules(context.cues, context.breaks, context.pseudo, context.rank, context.any_cue, fields)
        for i, fexample in enumerate(fields_model.examples):
            if fexample.kind not in KIND_IDS:
                problems.append(f"{fields_where}: examples[{i}].kind: '{fexample.kind}' is not a kind id")
    for i, example in enumerate(context_model.examples):
        if example.kind not in KIND_IDS:
            problems.append(f"{context_where}: examples[{i}].kind: '{example.kind}' is not a kind id")
    glossary = compile_glossary(glossary_model, glossary_where, problems)
    phrases = {name: compile_list(items, f"{where}: date_phrases.{name}", problems)
               for name, items in model.date_phrases.items()}  # fmt: skip
    for type_, roles in model.attendee_roles.items():
        compile_list(roles, f"{where}: attendee_roles.{type_.value}", problems)
    if problems or context is None:
        raise RuleError(f"{where} has {len(problems)} problem(s): " + "; ".join(problems), problems)

    never = re.compile(r"[^\s\S]")
    digest = hashlib.sha256("\x1f".join((text, context_text, glossary_text, fields_text)).encode("utf-8")).hexdigest()[:12]
    return KindRules(
        kinds=tuple(compiled),
        columns=tuple(model.columns),
        context=context,
        glossary=glossary,
        attendee_roles={t.value: tuple(r) for t, r in model.attendee_roles.items()},
        date_phrases={k: v if v is not None else never for k, v in phrases.items()},
        digest=digest,
        source=where,
    )


_SETTLED_NS = 2_000_000_000  # a file changed less than 2 s ago is read afresh: file times are coarse
_READ: dict[Path, tuple[tuple[int, int, int, int], str]] = {}


def read_rule_file(path: Path, what: str) -> str:
    """The text of a rule file, read again only when the file has changed (same path, inode, size and
    modification time as last time, and that time settled, is the same text: no re-read per call)."""
    try:
        st = path.stat()
        key = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)
        hit = _READ.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read the {what} file {path}: {exc.strerror}", [f"{path}: unreadable"]) from exc
    if time.time_ns() - st.st_mtime_ns > _SETTLED_NS:
        if len(_READ) >= 64:
            _READ.clear()
        _READ[path] = (key, text)
    return text


def _where(path: Path, default: Path) -> str:
    return f"rules/{path.name}" if path == default else str(path)


def load_rules(
    path: str | Path | None = None,
    *,
    context: str | Path | None = None,
    glossary: str | Path | None = None,
    fields: str | Path | None = None,
) -> KindRules:
    """Load and compile `rules/kinds.yaml` (or `path`) with the context, glossary and fields files beside it
    in `rules/` (or the ones given); compiled once per distinct content."""
    kinds_path = Path(path) if path is not None else DEFAULT_RULES_PATH
    context_path = Path(context) if context is not None else DEFAULT_CONTEXT_PATH
    glossary_path = Path(glossary) if glossary is not None else DEFAULT_GLOSSARY_PATH
    fields_path = Path(fields) if fields is not None else DEFAULT_FIELDS_PATH
    return _compile(
        read_rule_file(kinds_path, "kinds rule"), _where(kinds_path, DEFAULT_RULES_PATH),
        read_rule_file(context_path, "context rule"), _where(context_path, DEFAULT_CONTEXT_PATH),
        read_rule_file(glossary_path, "glossary"), _where(glossary_path, DEFAULT_GLOSSARY_PATH),
        read_rule_file(fields_path, "fields rule"), _where(fields_path, DEFAULT_FIELDS_PATH),
    )  # fmt: skip
