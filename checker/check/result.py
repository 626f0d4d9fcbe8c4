"""The one result of a check, and the one place it is built (`finish`), however the check ran.

`run_check` (this process) and `checker.check.partition.run_partitioned` (partitions on workers or Dask,
streamed or not) both end in `finish`: the worklist is put together, quality is scored on the whole, and
the JSON's extra keys are added there, once. What a streamed check does not keep is None by type
(`findings.flags`, `chronology`), never an empty list or frame (`checker.outputs.result`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker.engine.catalogue import Catalogue
from checker.engine.overlay import overlay_id
from checker.engine.run import Outcome
from checker.facts import Context
from checker.intake.bundle import LoadedBundle
from checker.model.audit import Manifest
from checker.model.problems import Problem
from checker.model.severity import SEVERITIES
from checker.outputs.quality import QualityReport, assess_quality
from checker.outputs.referrals import Referral, ReferralList, Thresholds
from checker.outputs.result import FlagsView, NotKept, count_results

__all__ = ["CheckResult", "finish", "flags_by_case", "count_results", "SEVERITIES"]


@dataclass(slots=True)
class CheckResult:
    """One checked bundle. `findings` and `chronology` say by their type what a streamed check kept."""

    bundle: LoadedBundle
    as_of: dt.date
    catalogue: Catalogue
    findings: FlagsView
    chronology: pd.DataFrame | None  # every classified row, in `prepare`'s order; None: a streamed sweep's
    ruleset: str
    quality: QualityReport
    worklist: ReferralList
    extra: dict[str, Any] = field(default_factory=dict)  # the JSON's keys after `files`: referrals, quality…
    stage_seconds: dict[str, float] = field(default_factory=dict)  # partitioned runs: worker seconds per stage

    @property
    def manifest(self) -> Manifest:
        assert self.bundle.manifest is not None  # a check refuses a bundle without one
        return self.bundle.manifest

    @property
    def audit_id(self) -> str:
        return self.manifest.audit.id

    @property
    def flags(self) -> list[dict[str, Any]]:
        """Every flag in flag order (NotKept on a streamed check: `findings.for_today` is what it kept)."""
        return self.findings.every_flag()

    @property
    def outcomes(self) -> list[Outcome]:
        """Every rule outcome (NotKept on a streamed check)."""
        return self.findings.every_outcome()

    @property
    def partial(self) -> bool:
        """Streamed: only the counts and what the act-today block reads were kept."""
        return self.findings.is_streamed

    @property
    def frame(self) -> pd.DataFrame:
        """The classified chronology (NotKept when a streamed sweep did not keep it)."""
        if self.chronology is None:
            raise NotKept("this check was streamed to files: its classified chronology was not kept")
        return self.chronology

    def context(self) -> Context:
        """What the rules and outputs were given: the manifest, the annotated frame, the returns, the date."""
        return Context(manifest=self.manifest, frame=self.frame, returns=tuple(self.bundle.returns), as_of=self.as_of)

    @property
    def problems(self) -> list[Problem]:
        return self.bundle.problems

    def summary(self) -> dict[str, Any]:
        return self.findings.counts

    def flags_by_case(self) -> dict[str, list[dict[str, Any]]]:
        """Each case's flags in flag order, grouped in one pass (for per-case reports)."""
        return flags_by_case(self.flags)

    def to_json(self) -> dict[str, Any]:
        """The whole result (`maca check --json`); a streamed check's flags and outcomes come from its files."""
        manifest = self.manifest
        return {
            "audit": manifest.audit.model_dump(mode="json"),
            "as_of": self.as_of.isoformat(),
            "bundle": self.bundle.digest,
            "ruleset": self.ruleset,
            "parameters": manifest.parameters,
            "summary": self.summary(),
            "flags": self.findings.flags if self.findings.flags is not None else [],
            "rules": [o.to_dict() for o in self.findings.outcomes or ()],
            "problems": [p.to_dict() for p in self.bundle.problems],
            "files": [c.to_dict() for c in sorted(self.bundle.counts, key=lambda c: c.file)],
            **self.extra,
        }

    def dumps(self) -> str:
        self.findings.every_flag()  # a streamed check has no whole document to give
        return json.dumps(self.to_json(), indent=2, sort_keys=False, ensure_ascii=False, default=str) + "\n"


def flags_by_case(flags: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Flags grouped by case in one pass, each case's in the order given."""
    out: dict[str, list[dict[str, Any]]] = {}
    for flag in flags:
        out.setdefault(flag["case"], []).append(flag)
    return out


def finish(
    bundle: LoadedBundle,
    *,
    as_of: dt.date,
    catalogue: Catalogue,
    ruleset: str,
    findings: FlagsView,
    chronology: pd.DataFrame | None,
    refer_today: list[Referral],
    watch: list[Referral],
) -> CheckResult:
    """The reduce's last step, the same for every way a check runs: the worklist in worklist order, quality
    scored on the whole bundle (it reads every flag and the chronology when there are returns), the JSON's
    extra keys. The one place a `CheckResult` is made."""
    manifest = bundle.manifest
    assert manifest is not None
    if bundle.partnership:  # the partnership's overrides change what the rules do: a rule-set id of their own
        ruleset = f"{ruleset}+{overlay_id(bundle.partnership)}"
    worklist = ReferralList(as_of=as_of, thresholds=Thresholds.from_rules(catalogue, manifest),
                            refer_today=sorted(refer_today, key=Referral.sort_key),
                            watch=sorted(watch, key=Referral.sort_key))
    if bundle.returns and (chronology is None or findings.flags is None):
        raise NotKept("an audit with returns keeps every flag and its chronology: quality reads them")
    frame = chronology if chronology is not None else bundle.chronology.iloc[:0]  # no returns: quality reads no rows
    ctx = Context(manifest=manifest, frame=frame, returns=tuple(bundle.returns), as_of=as_of)
    quality = assess_quality(ctx, catalogue, findings.flags or [])
    result = CheckResult(bundle=bundle, as_of=as_of, catalogue=catalogue, findings=findings, chronology=chronology,
                         ruleset=ruleset, quality=quality, worklist=worklist)
    result.extra["referrals"] = worklist.to_json()
    result.extra.update(quality.to_json())
    return result
