"""The whole check of one audit bundle: load → classify → risk rules → (quality, referrals) → one result.

    >>> from checker.intake.bundle import load_bundle
    >>> from checker.model.datafiles import SAMPLE_BUNDLE
    >>> result = run_check(load_bundle(SAMPLE_BUNDLE))
    >>> result.to_json()["flags"][0]["rule"]
    'immediate-concern'

The JSON object's top-level keys are a contract other tools rely on: `audit`, `as_of`, `ruleset`, `flags`,
`rules`, `problems`, `files`, `parameters` (this audit's overrides, beside the one rule-set id) (and
`quality`, `coverage`, `referrals` as they are added).

`run_check` checks a bundle in this process; `checker.check.partition.run_partitioned` checks it in
partitions of whole cases on every core (or a Dask cluster) and gives the same result, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker.engine.catalogue import Catalogue, load_catalogue
from checker.engine.run import Outcome, RuleRun, run_rules
from checker.facts import Context
from checker.intake.bundle import LoadedBundle
from checker.model.audit import Manifest
from checker.model.errors import RuleError
from checker.model.problems import Problem
from checker.outputs.quality import QualityReport, assess_quality
from checker.outputs.referrals import ReferralList, build_referrals
from checker.text.annotate import annotate

__all__ = ["CheckResult", "default_as_of", "prepare", "run_check", "SEVERITIES", "flags_by_case", "count_results",
           "check_overrides", "check_risk"]

SEVERITIES = ("high", "medium", "low", "info")


def default_as_of(bundle: LoadedBundle, today: dt.date | None = None) -> dt.date:
    """The manifest's meeting date, or today for a bundle without one (a daily sweep)."""
    if bundle.manifest and bundle.manifest.audit.meeting_date:
        return bundle.manifest.audit.meeting_date
    return today or dt.date.today()


def prepare(bundle: LoadedBundle) -> pd.DataFrame:
    """The chronology with event kinds, dates in the text and attendees filled in, in a stable order."""
    if bundle.manifest is None:
        raise ValueError("the bundle has no readable manifest")
    frame = annotate(bundle.chronology, bundle.manifest)
    return frame.sort_values(["case", "date", "agency", "entry_id"], kind="mergesort").reset_index(drop=True)


@dataclass(slots=True)
class CheckResult:
    bundle: LoadedBundle
    as_of: dt.date
    catalogue: Catalogue
    frame: pd.DataFrame
    flags: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    ruleset: str = ""
    quality: QualityReport | None = None  # the agencies' submission quality (None only while checking)
    worklist: ReferralList | None = None  # the Early Help referral worklist
    extra: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, Any] | None = None  # the summary's counts, when they were added up as results came in
    stage_seconds: dict[str, float] = field(default_factory=dict)  # partitioned runs: worker seconds per stage, and CPU
    partial: bool = False  # streamed: `flags` holds only what the act-today block reads, `outcomes` the errored
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)  # partial: skipped outcomes, reason -> rule -> n

    @property
    def manifest(self) -> Manifest:
        assert self.bundle.manifest is not None  # run_check refuses a bundle without one
        return self.bundle.manifest

    @property
    def audit_id(self) -> str:
        return self.manifest.audit.id

    def context(self) -> Context:
        """What the rules and outputs were given: the manifest, the annotated frame, the returns, the date."""
        return Context(manifest=self.manifest, frame=self.frame, returns=tuple(self.bundle.returns), as_of=self.as_of)

    @property
    def problems(self) -> list[Problem]:
        return self.bundle.problems

    def summary(self) -> dict[str, Any]:
        return self.counts if self.counts is not None else count_results(self.flags, self.outcomes)

    def flags_by_case(self) -> dict[str, list[dict[str, Any]]]:
        """Each case's flags in flag order, grouped in one pass (for per-case reports)."""
        return flags_by_case(self.flags)

    def to_json(self) -> dict[str, Any]:
        manifest = self.bundle.manifest
        audit = manifest.audit.model_dump(mode="json") if manifest else None
        return {
            "audit": audit,
            "as_of": self.as_of.isoformat(),
            "bundle": self.bundle.digest,
            "ruleset": self.ruleset,
            "parameters": manifest.parameters if manifest else {},
            "summary": self.summary(),
            "flags": self.flags,
            "rules": [o.to_dict() for o in self.outcomes],
            "problems": [p.to_dict() for p in self.bundle.problems],
            "files": [c.to_dict() for c in sorted(self.bundle.counts, key=lambda c: c.file)],
            **self.extra,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, sort_keys=False, ensure_ascii=False, default=str) + "\n"


_OUTCOMES = ("flagged", "passed", "skipped", "errored")


def count_results(flags: list[dict[str, Any]], outcomes: list[Outcome]) -> dict[str, Any]:
    """The summary: flags by severity and rule outcomes by kind (partitions' counts add up to the whole's)."""
    by_sev = dict.fromkeys(SEVERITIES, 0)
    for flag in flags:
        by_sev[flag["severity"]] += 1
    by_outcome = dict.fromkeys(_OUTCOMES, 0)
    for outcome in outcomes:
        by_outcome[outcome.outcome] += 1
    return {"flags": len(flags), "by_severity": by_sev, "outcomes": by_outcome}


def flags_by_case(flags: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Flags grouped by case in one pass, each case's in the order given."""
    out: dict[str, list[dict[str, Any]]] = {}
    for flag in flags:
        out.setdefault(flag["case"], []).append(flag)
    return out


def check_overrides(manifest: Manifest, catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """The audit's parameter overrides, refused (RuleError) if one names an unknown rule or parameter."""
    overrides = {k: dict(v) for k, v in manifest.parameters.items()}
    known = {r.id for r in catalogue.rules}
    unknown = sorted(set(overrides) - known)
    if unknown:
        problems = [f"audit.yaml: parameters.{rule_id}: there is no rule '{rule_id}' (maca rules lists them)"
                    for rule_id in unknown]
        raise RuleError("\n".join(problems), problems)
    for rule in catalogue.rules:  # an unknown parameter name fails here, before any rule runs
        rule.values(overrides.get(rule.id))
    return overrides


def check_risk(
    bundle: LoadedBundle, as_of: dt.date, catalogue: Catalogue, frame: pd.DataFrame
) -> tuple[Context, RuleRun, ReferralList]:
    """The per-case part of the check: the risk rules and the worklist (what a partition runs)."""
    assert bundle.manifest is not None
    overrides = check_overrides(bundle.manifest, catalogue)
    ctx = Context(manifest=bundle.manifest, frame=frame, returns=tuple(bundle.returns), as_of=as_of)
    run = run_rules(ctx, catalogue, "risk", overrides)
    return ctx, run, build_referrals(ctx, catalogue, run)


def run_check(
    bundle: LoadedBundle,
    *,
    as_of: dt.date | None = None,
    catalogue: Catalogue | None = None,
    frame: pd.DataFrame | None = None,
) -> CheckResult:
    """Run every risk rule on a loaded bundle; the manifest must have loaded."""
    if bundle.manifest is None:
        raise ValueError("the bundle has no readable manifest")
    catalogue = catalogue or load_catalogue()
    as_of = as_of or default_as_of(bundle)
    check_overrides(bundle.manifest, catalogue)  # a bad override fails before anything is classified
    frame = prepare(bundle) if frame is None else frame
    ctx, run, worklist = check_risk(bundle, as_of, catalogue, frame)
    quality = assess_quality(ctx, catalogue, run.flags)
    result = CheckResult(
        bundle=bundle,
        as_of=as_of,
        catalogue=catalogue,
        frame=frame,
        flags=run.flags,
        outcomes=run.outcomes,
        ruleset=run.ruleset,
        quality=quality,
        worklist=worklist,
    )
    result.extra["referrals"] = worklist.to_json()
    result.extra.update(quality.to_json())
    return result
