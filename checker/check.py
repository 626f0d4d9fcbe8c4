"""The whole check of one audit bundle: load → classify → risk rules → (quality, referrals) → one result.

    >>> result = run_check(load_bundle("samples/homelessness"))
    >>> result.to_json()["flags"][0]["rule"]
    'immediate-concern'

The JSON object's top-level keys are a contract other tools rely on: `audit`, `as_of`, `ruleset`, `flags`,
`rules`, `problems`, `files`, `parameters` (this audit's overrides, beside the one rule-set id) (and
`quality`, `coverage`, `referrals` as they are added).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker.engine.catalogue import Catalogue, load_catalogue
from checker.engine.run import Outcome, run_rules
from checker.facts import Context
from checker.intake.bundle import LoadedBundle
from checker.model.audit import Manifest
from checker.model.errors import RuleError
from checker.model.problems import Problem
from checker.outputs.quality import QualityReport, assess_quality
from checker.outputs.referrals import ReferralList, build_referrals
from checker.text.annotate import annotate

__all__ = ["CheckResult", "default_as_of", "prepare", "run_check", "SEVERITIES"]

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
        by_sev = {s: sum(1 for f in self.flags if f["severity"] == s) for s in SEVERITIES}
        by_outcome = {k: sum(1 for o in self.outcomes if o.outcome == k)
                      for k in ("flagged", "passed", "skipped", "errored")}
        return {"flags": len(self.flags), "by_severity": by_sev, "outcomes": by_outcome}

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
    frame = prepare(bundle) if frame is None else frame
    overrides = {k: dict(v) for k, v in bundle.manifest.parameters.items()}
    known = {r.id for r in catalogue.rules}
    unknown = sorted(set(overrides) - known)
    if unknown:
        problems = [f"audit.yaml: parameters.{rule_id}: there is no rule '{rule_id}' (maca rules lists them)"
                    for rule_id in unknown]
        raise RuleError("\n".join(problems), problems)
    for rule in catalogue.rules:  # an unknown parameter name fails here, before any rule runs
        rule.values(overrides.get(rule.id))
    ctx = Context(manifest=bundle.manifest, frame=frame, returns=tuple(bundle.returns), as_of=as_of)
    run = run_rules(ctx, catalogue, "risk", overrides)
    worklist = build_referrals(ctx, catalogue, run)
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
