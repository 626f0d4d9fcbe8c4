"""The rule catalogue: one YAML file per rule under `rules/risk/` and `rules/quality/`, validated by pydantic.

A rule says *what* to look at (a named fact derivation with its arguments), *when* to flag (a structured
condition over the derived fields — no formula strings, no `eval`), *what to say* (a message template
filled with the figures), and why (each parameter's basis and source). Every error names the file and
the field: ``rules/risk/antenatal-hv-missing.yaml: parameters.weeks.default: Input should be a valid number``.
"""

from __future__ import annotations

import hashlib
import json
import string
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from checker.engine.rule_parts import Basis, Chase, Decision, Example, Parameter, _Strict
from checker.model.datafiles import RULES_DIR
from checker.model.errors import RuleError
from checker.model.severity import SEVERITY_ORDER, Severity  # SEVERITY_ORDER re-exported: model owns it

__all__ = [
    "SEVERITY_ORDER",
    "RULES_DIR",
    "Basis",
    "Parameter",
    "ParamRef",
    "Test",
    "FactSpec",
    "Branch",
    "Example",
    "Decision",
    "Rule",
    "Chase",
    "Output",
    "Catalogue",
    "load_catalogue",
    "load_rule_file",
    "resolve",
    "kinds_used",
    "read_mapping",
]


Domain = Literal[
    "recognition", "assessment", "planning", "joint working", "voice of the child", "oversight", "impact", "submission"
]
Scalar = str | int | float | bool | None


class ParamRef(_Strict):
    """`{param: weeks}` — the value of the rule's parameter `weeks` (after per-audit overrides)."""

    param: str


Value = ParamRef | Scalar | list[str]

OPS = {"==": None, "!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


class Test(_Strict):
    """One comparison of a derived field: `{field: weeks, op: ">=", value: {param: weeks}}`."""

    field: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    op: Literal["==", "!=", "<", "<=", ">", ">="]
    value: ParamRef | Scalar


class FactSpec(_Strict):
    """Which generic derivation produces this rule's facts, and with which arguments."""

    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] = "main"
    derive: str
    args: dict[str, Any] = Field(
        default_factory=dict, description="The derivation's arguments, validated by its own model; `{param: x}` anywhere."
    )


class Branch(_Strict):
    """A set of tests that must all hold for one fact; a rule flags when any branch matches."""

    facts: str = Field(default="main", description="Which of the rule's fact sources the tests apply to.")
    all: list[Test] = Field(min_length=1)
    message: str | None = Field(default=None, description="Message for this branch, if not the rule's.")


Output = Literal["worklist", "worklist-watch"]


class Rule(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    title: str = Field(min_length=5)
    category: Literal["risk", "quality"]
    severity: Severity
    domain: Domain
    why: str = Field(min_length=10, description="What the rule checks and why it matters, in plain English.")
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    facts: list[FactSpec] = Field(min_length=1)
    when: list[Branch] = Field(min_length=1, description="Flag when any branch's tests all hold.")
    agency: str | None = Field(
        default=None,
        description="Whose gap it is: an agency type (e.g. 'health_visiting'), 'fact' (the fact's own "
        "agency field), or empty for a multi-agency gap.",
    )
    message: str = Field(min_length=10)
    recommended_action: str = Field(min_length=10)
    asks: str | None = Field(
        default=None, description="Quality rules: what the agency is asked to do, written to the agency ('Please…').")
    limitations: str = Field(min_length=10)
    examples: list[Example] = Field(min_length=2)
    component: str | None = Field(default=None, description="Quality rules: the score component deducted from.")
    group: Literal["none", "agency", "case"] = Field(
        default="none",
        description="Merge this rule's flags into one per case and agency ('agency') or per case ('case'), "
        "so ten missed appointments make one flag with ten pieces of evidence.",
    )
    surfaces: Literal["first"] | None = Field(
        default=None, description="'first': this rule's flags are listed before every other flag."
    )
    feeds: Output | None = Field(
        default=None,
        description="The output built from this rule: 'worklist' (its flags are the Early Help refer-today "
        "list), 'worklist-watch' (its parameters set how far ahead the watch list looks).",
    )
    chase: Chase | None = None
    decided: list[Decision] = Field(
        default_factory=list, description="How the definition is applied where careful readers differed, each "
        "answer from the source it cites, pinned by an example that flags and one that passes.")

    @field_validator("message")
    @classmethod
    def _template(cls, value: str) -> str:
        for _, name, spec, conv in string.Formatter().parse(value):
            if name is None:
                continue
            if not name.isidentifier() or conv or (spec and not spec.replace(".", "").replace("f", "").isdigit()):
                raise ValueError(f"placeholder {{{name}}} must be a plain field name, e.g. {{weeks}}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        kinds = {e.expect for e in self.examples}
        if kinds != {"flag", "pass"}:
            raise ValueError("examples need at least one that flags (expect: flag) and one that passes")
        names = [f.name for f in self.facts]
        if len(set(names)) != len(names):
            raise ValueError("facts: each fact source needs its own name")
        for i, branch in enumerate(self.when):
            if branch.facts not in names:
                raise ValueError(f"when[{i}].facts: '{branch.facts}' is not one of the facts' names {names}")
        refs = [r for f in self.facts for r in _param_refs(f.args)]
        for ref in refs + [t.value for b in self.when for t in b.all]:
            if isinstance(ref, ParamRef) and ref.param not in self.parameters:
                raise ValueError(f"{{param: {ref.param}}} is used but not declared under parameters")
        named = {e.name: e.expect for e in self.examples}
        for i, decision in enumerate(self.decided):
            unknown = [n for n in decision.examples if n not in named]
            if unknown:
                raise ValueError(f"decided[{i}].examples: no example named {unknown[0]!r}")
            if {named[n] for n in decision.examples} != {"flag", "pass"}:
                raise ValueError(f"decided[{i}].examples: name an example that flags and one that passes")
        if self.category == "quality" and not self.id.startswith("quality-"):
            raise ValueError("quality rules' ids start with 'quality-'")
        return self

    def values(self, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        """Parameter values for one audit: defaults, then the manifest's overrides."""
        merged = {name: p.default for name, p in self.parameters.items()}
        for name, value in (overrides or {}).items():
            problem = self.setting_problem(name, value)
            if problem:
                raise RuleError(f"audit.yaml: parameters.{self.id}.{name}: {problem}")
            merged[name] = value
        return merged

    def setting_problem(self, name: str, value: Any) -> str | None:
        """Why parameter `name` cannot be set to `value` here (no such parameter, wrong kind, out of range),
        naming the parameter and the value; None when it can."""
        if name not in self.parameters:
            known = ", ".join(self.parameters) or "none"
            return f"the rule {self.id} has no parameter '{name}' (its parameters: {known})"
        problem = self.parameters[name].refusal(value)
        return f"{self.id} parameter {name}: {problem}" if problem else None

    def resolved_args(self, spec: FactSpec, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A fact source's derivation arguments with `{param: x}` replaced (default parameter values if none)."""
        return resolve(dict(spec.args), self.values() if params is None else params)


def _param_refs(args: Any) -> list[Any]:
    if isinstance(args, ParamRef):
        return [args]
    if isinstance(args, dict):
        if set(args) == {"param"}:
            return [ParamRef(param=args["param"])]
        return [r for v in args.values() for r in _param_refs(v)]
    if isinstance(args, list):
        return [r for v in args for r in _param_refs(v)]
    return []


def resolve(value: Any, params: dict[str, Any]) -> Any:
    """Replace `{param: name}` (anywhere in nested args) by the parameter's value."""
    if isinstance(value, ParamRef):
        return params[value.param]
    if isinstance(value, dict):
        if set(value) == {"param"}:
            return params[value["param"]]
        return {k: resolve(v, params) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, params) for v in value]
    return value


def _loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def read_mapping(path: Path, label: str) -> dict[str, Any]:
    """A YAML data file under rules/ that must hold a mapping; RuleError naming the file otherwise."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RuleError(f"{label}: cannot be read as YAML", [f"{label}: {exc}"]) from exc
    if not isinstance(data, dict):
        raise RuleError(f"{label}: must be a mapping", [f"{label}: (top level): must be a mapping"])
    return data


def load_rule_file(path: Path) -> Rule:
    """Load and validate one rule file; raise RuleError listing every problem as `file: field: message`."""
    label = _label(path)
    data = read_mapping(path, label)
    try:
        rule = Rule.model_validate(data)
    except ValidationError as exc:
        problems = [f"{label}: {_loc(e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise RuleError(f"{label} is not a valid rule:\n  " + "\n  ".join(problems), problems) from exc
    problems = []
    if rule.id != path.stem:
        problems.append(f"{label}: id: '{rule.id}' must equal the file name '{path.stem}'")
    problems += [f"{label}: {p}" for p in check_derivations(rule)]
    from checker.engine.contracts import contract_problems

    problems += [f"{label}: {p}" for p in contract_problems(rule)]
    if problems:
        raise RuleError(f"{label} is not a valid rule:\n  " + "\n  ".join(problems), problems)
    return rule


def kinds_used(rule: Rule) -> set[str]:
    """Every event kind id the rule's fact derivations select on."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "kinds" and isinstance(item, list):
                    found.update(str(k) for k in item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for spec in rule.facts:
        walk(spec.args)
    return found


def check_derivations(rule: Rule) -> list[str]:
    """Each fact source names a known derivation whose arguments validate (with default parameters), and
    every kind it selects on is in the closed list of rules/kinds.yaml."""
    from checker.facts import REGISTRY
    from checker.text.kinds import KIND_IDS

    problems: list[str] = []
    unknown = sorted(kinds_used(rule) - set(KIND_IDS))
    if unknown:
        problems.append(f"facts: unknown event kind(s) {', '.join(unknown)}; the kinds are listed in docs/kinds.md")
    params = rule.values()
    for i, spec in enumerate(rule.facts):
        if spec.derive not in REGISTRY:
            known = ", ".join(sorted(REGISTRY))
            problems.append(f"facts[{i}].derive: '{spec.derive}' is not a derivation; use one of: {known}")
            continue
        try:
            REGISTRY[spec.derive].args.model_validate(resolve(dict(spec.args), params))
        except ValidationError as exc:
            problems += [f"facts[{i}].args.{_loc(e['loc'])}: {e['msg']}" for e in exc.errors()]
    return problems


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(RULES_DIR.parent))
    except ValueError:
        return str(path)


class Catalogue(BaseModel):
    """Every rule, with the content hash of the rule set (changes when any rule file changes)."""

    model_config = ConfigDict(frozen=True)

    rules: tuple[Rule, ...]
    digest: str

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def by_category(self, category: str) -> list[Rule]:
        return [r for r in self.rules if r.category == category]

    def title_of(self, rule_id: str) -> str:
        """The rule's title, or its id for a rule no longer in the catalogue (an old stored flag)."""
        return next((r.title for r in self.rules if r.id == rule_id), rule_id)

    def surfacing_first(self) -> frozenset[str]:
        """Ids of the rules whose flags come before all others (`surfaces: first`)."""
        return frozenset(r.id for r in self.rules if r.surfaces == "first")

    def feeding(self, output: Output) -> Rule:
        """The one rule that feeds `output` (`feeds:` in its file)."""
        found = [r for r in self.rules if r.feeds == output]
        if len(found) != 1:
            raise RuleError(f"rules: exactly one rule must say 'feeds: {output}' (found {len(found)})",
                            [f"rules: feeds: {output}: {len(found)} rules"])
        return found[0]


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load every `*.yaml` under `directory/risk` and `directory/quality`; all errors reported together."""
    root = Path(directory) if directory else RULES_DIR
    return _load_cached(str(root.resolve()), _fingerprint(root))


def _rule_files(root: Path) -> list[Path]:
    return sorted(p for sub in ("risk", "quality") for p in (root / sub).glob("*.yaml"))


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in _rule_files(root):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _load_cached(root: str, fingerprint: str) -> Catalogue:
    rules: list[Rule] = []
    problems: list[str] = []
    for path in _rule_files(Path(root)):
        try:
            rules.append(load_rule_file(path))
        except RuleError as exc:
            problems.extend(exc.problems)
    ids = [r.id for r in rules]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"rules: id '{dup}' is used by more than one file")
    if problems:
        raise RuleError("the rule catalogue has errors:\n  " + "\n  ".join(problems), problems)
    canonical = json.dumps([r.model_dump(mode="json") for r in rules], sort_keys=True)
    return Catalogue(rules=tuple(rules), digest=hashlib.sha256(canonical.encode()).hexdigest()[:16])
