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

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd

from checker.check.result import SEVERITIES, CheckResult, count_results, finish, flags_by_case
from checker.engine.catalogue import Catalogue, load_catalogue
from checker.engine.overlay import configured_overlay, merged
from checker.engine.run import RuleRun, run_rules
from checker.facts import Context
from checker.intake.bundle import LoadedBundle
from checker.model.audit import Manifest
from checker.model.errors import RuleError
from checker.model.frame import in_row_order
from checker.outputs.referrals import ReferralList, build_referrals
from checker.outputs.result import FlagsView
from checker.text.annotate import annotate

__all__ = ["CheckResult", "default_as_of", "prepare", "run_check", "SEVERITIES", "flags_by_case", "count_results",
           "check_overrides", "check_risk", "finish", "with_partnership"]


def default_as_of(bundle: LoadedBundle, today: dt.date | None = None) -> dt.date:
    """The manifest's meeting date, or today for a bundle without one (a daily sweep)."""
    if bundle.manifest and bundle.manifest.audit.meeting_date:
        return bundle.manifest.audit.meeting_date
    return today or dt.date.today()


def with_partnership(bundle: LoadedBundle, catalogue: Catalogue) -> LoadedBundle:
    """The bundle with the partnership's overrides ($MACA_OVERRIDES) merged under its audit.yaml's own
    parameters, and those in force kept in `partnership` (the run's rule-set id then carries them)."""
    if bundle.manifest is None or bundle.partnership:
        return bundle
    overlay = configured_overlay(catalogue)
    own = bundle.manifest.parameters
    in_force = {r: {n: v for n, v in values.items() if n not in own.get(r, {})} for r, values in overlay.items()}
    in_force = {r: values for r, values in in_force.items() if values}
    if not in_force:
        return bundle
    manifest = bundle.manifest.model_copy(update={"parameters": merged(in_force, own)})
    return dataclasses.replace(bundle, manifest=manifest, partnership=in_force)


def prepare(bundle: LoadedBundle) -> pd.DataFrame:
    """The chronology with event kinds, dates in the text and attendees filled in, in a stable order."""
    if bundle.manifest is None:
        raise ValueError("the bundle has no readable manifest")
    frame = annotate(bundle.chronology, bundle.manifest)
    return in_row_order(frame)


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
    bundle = with_partnership(bundle, catalogue)
    assert bundle.manifest is not None
    as_of = as_of or default_as_of(bundle)
    check_overrides(bundle.manifest, catalogue)  # a bad override fails before anything is classified
    frame = prepare(bundle) if frame is None else frame
    _, run, worklist = check_risk(bundle, as_of, catalogue, frame)
    return finish(bundle, as_of=as_of, catalogue=catalogue, ruleset=run.ruleset,
                  findings=FlagsView.complete(run.flags, run.outcomes), chronology=frame,
                  refer_today=worklist.refer_today, watch=worklist.watch)
