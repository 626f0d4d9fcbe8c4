"""What an output may read of a check, the same however the check ran (in process, partitioned, on Dask, streamed).

`CheckedAudit` is the check result as outputs see it (`checker.check.CheckResult` is one; this layer does not
import the check layer above it). What can be partial is typed and named as such:

- `findings` (a `FlagsView`): every flag and rule outcome (`findings.flags`, `findings.outcomes`), or, for a
  sweep streamed to files, None there and only what the act-today block reads in `findings.for_today`.
  The counts, the skipped outcomes by reason and the errored outcomes are always complete.
- `chronology`: every classified row of the bundle in the canonical order, or None when a streamed sweep did
  not keep it, never an empty frame standing for "not kept".

    view = FlagsView.complete(run.flags, run.outcomes)
    view.flags is not None and view.counts["flags"] == len(view.flags)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import pandas as pd

from checker.engine.catalogue import Catalogue
from checker.engine.run import Outcome
from checker.model.audit import Manifest
from checker.model.errors import CheckerError
from checker.model.severity import SEVERITIES
from checker.outputs.exports import Table
from checker.outputs.quality import QualityReport
from checker.outputs.referrals import ReferralList

__all__ = ["FlagsView", "CheckedAudit", "Output", "Reads", "NotKept", "whole_chronology", "count_results", "skipped_by_reason", "OUTCOMES"]

OUTCOMES = ("flagged", "passed", "skipped", "errored")


class NotKept(CheckerError):
    """An output asked for something a streamed check did not keep (every flag, or the chronology)."""


def count_results(flags: Iterable[dict[str, Any]], outcomes: Iterable[Outcome]) -> dict[str, Any]:
    """The summary: flags by severity and rule outcomes by kind (partitions' counts add up to the whole's)."""
    by_sev = dict.fromkeys(SEVERITIES, 0)
    n = 0
    for flag in flags:
        by_sev[flag["severity"]] += 1
        n += 1
    by_outcome = dict.fromkeys(OUTCOMES, 0)
    for outcome in outcomes:
        by_outcome[outcome.outcome] += 1
    return {"flags": n, "by_severity": by_sev, "outcomes": by_outcome}


def skipped_by_reason(outcomes: Iterable[Outcome], into: dict[str, dict[str, int]] | None = None
                      ) -> dict[str, dict[str, int]]:
    """Skipped outcomes counted by reason, then rule (added to `into` when given)."""
    out = into if into is not None else {}
    for o in outcomes:
        if o.outcome == "skipped":
            rules = out.setdefault(o.reason or "no reason given", {})
            rules[o.rule] = rules.get(o.rule, 0) + 1
    return out


@dataclass(frozen=True, slots=True)
class FlagsView:
    """A check's flags and rule outcomes: complete, or streamed (every flag went to files as it came).

    `counts`, `skipped` and `errored` always cover every flag and outcome. `flags` (in flag order) and
    `outcomes` (rule by rule, in case order) are None when streamed. `for_today` is what the act-today block
    reads: every flag when complete; when streamed, the high flags and those of the rules it acts on,
    without their evidence.
    """

    counts: dict[str, Any]
    skipped: dict[str, dict[str, int]]
    errored: list[Outcome]
    for_today: list[dict[str, Any]]
    flags: list[dict[str, Any]] | None = None
    outcomes: list[Outcome] | None = None

    @classmethod
    def complete(cls, flags: list[dict[str, Any]], outcomes: list[Outcome]) -> FlagsView:
        return cls(counts=count_results(flags, outcomes), skipped=skipped_by_reason(outcomes),
                   errored=[o for o in outcomes if o.outcome == "errored"], for_today=flags, flags=flags,
                   outcomes=outcomes)

    @classmethod
    def streamed(cls, counts: dict[str, Any], skipped: dict[str, dict[str, int]], errored: list[Outcome],
                 for_today: list[dict[str, Any]]) -> FlagsView:
        return cls(counts=counts, skipped=skipped, errored=errored, for_today=for_today)

    @property
    def is_streamed(self) -> bool:
        return self.flags is None

    def every_flag(self) -> list[dict[str, Any]]:
        """Every flag, in flag order (NotKept on a streamed check: its flags are in the files it wrote)."""
        if self.flags is None:
            raise NotKept("this check was streamed to files: its flags were not kept (check without "
                          "--jsonl, or with fewer cases than a sweep, to keep them)")
        return self.flags

    def every_outcome(self) -> list[Outcome]:
        """Every rule outcome (NotKept on a streamed check)."""
        if self.outcomes is None:
            raise NotKept("this check was streamed to files: its rule outcomes were not kept")
        return self.outcomes


def whole_chronology(result: CheckedAudit) -> pd.DataFrame:
    """The check's classified chronology, every row (NotKept when a streamed sweep did not keep it)."""
    if result.chronology is None:
        raise NotKept("this check was streamed to files: its classified chronology was not kept (name the output "
                      "on `maca check` so the check keeps what it reads)")
    return result.chronology


class CheckedAudit(Protocol):
    """A finished check as an output reads it (`checker.check.CheckResult`)."""

    @property
    def manifest(self) -> Manifest: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def ruleset(self) -> str: ...
    @property
    def findings(self) -> FlagsView: ...
    @property
    def chronology(self) -> pd.DataFrame | None: ...
    @property
    def quality(self) -> QualityReport: ...
    @property
    def worklist(self) -> ReferralList: ...


Reads = Literal["flags", "chronology"]
"""What an output needs whole: every flag (`findings.every_flag()`), or the classified chronology."""


@dataclass(frozen=True, slots=True)
class Output:
    """One output of a check: its name, the `maca check` option that writes it, and how its tables are built."""

    name: str  # e.g. "flags-xlsx"; also the dashboard download's key
    option: str  # the `maca check` option, e.g. "--xlsx"
    label: str  # what the terminal says was written, e.g. "Flags workbook"
    help: str  # the option's help: what the file holds
    format: Literal["xlsx", "csv"]  # an xlsx is one sheet per table; a csv the first table
    tables: Callable[[CheckedAudit], Sequence[Table]]
    reads: frozenset[Reads] = frozenset({"flags"})
    write: Callable[[Any, CheckedAudit], None] | None = None  # a finished file of its own (the flags workbook's
    # drop-down and hidden flag id); None: the tables written as they are

    @property
    def binary(self) -> bool:
        """Cannot be written to stdout ('-')."""
        return self.format == "xlsx"

    @property
    def suffix(self) -> str:
        return "." + self.format
