"""Quality derivations over what each agency *submitted*: coverage, timeliness and its chronology's rows.

Quality facts are per agency and case (`Fact.agency` set); each carries `rate`-style measures (shares in
0–1, or days) that `checker.outputs.quality` turns into score deductions with `rules/quality-weights.yaml`.

- `submission_coverage` — one fact per agency in scope for a case (expected in audit.yaml, sent something,
  or named by another agency's records as visiting, referring or attending a meeting): did a return /
  chronology come in?
- `submission_timeliness` — one fact per agency and case with a dated submission: days after the deadline.
- `chronology_completeness` — one fact per agency and case with chronology rows: shares of rows with no
  source, impact or action, or only an approximate date; whether it is a bare contact log.
- `chronology_dates` — shares of rows dated in the future, long before the audit period, or out of order.

Every derivation reports every case as skipped when the bundle has no audit returns (a daily sweep):
submission quality is not assessed then.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
from pydantic import Field

from checker.facts.base import Args, Output, derivation
from checker.facts.context import Context, Derived, Fact
from checker.model.limits import for_matching
from checker.model.wording import fmt_date

__all__ = [
    "NO_RETURNS",
    "Unit",
    "units",
    "involvement",
    "CoverageArgs",
    "submission_coverage",
    "TimelinessArgs",
    "submission_timeliness",
    "CompletenessArgs",
    "chronology_completeness",
    "DatesArgs",
    "chronology_dates",
]

NO_RETURNS = "no audit returns in the bundle (a daily sweep?): submission quality is not assessed"


@dataclass(slots=True)
class Unit:
    """One agency's part in one case, as far as the audit is concerned."""

    agency: str
    case: str
    expected: bool = False
    has_return: bool = False
    rows: int = 0
    known_to_agency: bool | None = None
    involved: list[str] = field(default_factory=list)  # entry ids in OTHER agencies' records

    @property
    def submitted(self) -> bool:
        return self.has_return or self.rows > 0

    @property
    def scored(self) -> bool:
        """Scored on this case: it was asked to submit, or it sent something."""
        return self.expected or self.submitted


_VERB_AFTER = r"(?:visited|visit|home visit|joint visit|referred|made a referral|attended|phoned|called|rang)"
_FROM = re.compile(
    r"\b(?:referr\w*|contact|notification|visit\w*|call|phoned|feedback|report|concerns?)\b[^.;:]{0,40}?"
    r"\b(?:from|by|with)\s+(?:the\s+)?(?P<who>[\w'&-]+(?:\s+[\w'&-]+){0,3})",
    re.IGNORECASE,
)
# Linear, not quadratic, in a long unbroken word: a name starts only where a word starts, and a word once
# read is never re-read shorter (possessive `++`); tests/hostile/test_pattern_timing.py times it.
_BEFORE = re.compile(
    rf"(?<![\w'&-])(?P<who>[\w'&-]++(?:\s++[\w'&-]++){{0,2}})\s+{_VERB_AFTER}\b", re.IGNORECASE
)


def involvement(ctx: Context, within: Literal["period", "all"] = "period") -> dict[tuple[str, str], list[str]]:
    """(case, agency) -> entry ids of OTHER agencies' rows showing that agency involved with the child.

    Counted: the agency is in a meeting's recorded attendance; or it is named (id, name or alias) right
    after "referral/contact/visit … from/by/with", or right before "visited/referred/attended/phoned".
    Mentions in passing ("advice given to school", "visit to Brookfield") do not count.
    """
    from checker.text.extract import attendee_map

    frame = ctx.frame[ctx.frame["date"] <= ctx.as_of_ts]
    if within == "period" and ctx.period:
        frame = frame[frame["date"] >= ctx.period[0]]
    amap = attendee_map(ctx.manifest)
    found: dict[tuple[str, str], list[str]] = {}
    for row in frame.to_dict("records"):
        named: set[str] = {str(a) for a in (row["attendees"] or ())}
        text = f"{for_matching(str(row['event']))} . {for_matching(str(row['action']))}"
        for pattern in (_FROM, _BEFORE):
            for m in pattern.finditer(text):
                named.update(amap.resolve(m["who"]))
        for agency in sorted(named - {row["agency"]}):
            found.setdefault((str(row["case"]), agency), []).append(str(row["entry_id"]))
    return found


def units(ctx: Context, within: Literal["period", "all"] = "period") -> dict[str, dict[str, Unit]]:
    """Case -> agency -> Unit, for every agency expected, submitting or involved in the case."""
    known = set(ctx.agency_type)
    rows: dict[tuple[str, str], int] = {}
    if not ctx.frame.empty:
        sizes = ctx.frame.groupby(["case", "agency"]).size()
        rows = {(str(k[0]), str(k[1])): int(n) for k, n in zip(sizes.index, sizes.to_numpy(), strict=True)}
    involved = involvement(ctx, within)
    out: dict[str, dict[str, Unit]] = {}
    for case in ctx.manifest.cases:
        expected = set(case.expected_agencies) if case.expected_agencies is not None else set(known)
        mine: dict[str, Unit] = {a: Unit(a, case.id, expected=True) for a in expected}
        for ret in ctx.returns:
            if ret.case == case.id:
                unit = mine.setdefault(ret.agency, Unit(ret.agency, case.id))
                unit.has_return = True
                unit.known_to_agency = ret.known_to_agency
        for (c, agency), n in rows.items():
            if c == case.id:
                mine.setdefault(agency, Unit(agency, case.id)).rows = n
        for (c, agency), ids in involved.items():
            if c == case.id and agency in known:
                mine.setdefault(agency, Unit(agency, case.id)).involved = ids
        out[case.id] = dict(sorted(mine.items()))
    return out


def _skip_all(ctx: Context, out: Derived) -> bool:
    if ctx.returns:
        return False
    out.skipped.update({c: NO_RETURNS for c in ctx.case_ids()})
    return True


def _manifest_evidence(unit: Unit, what: str) -> dict[str, object]:
    why = "on the list of agencies expected to submit" if unit.expected else "not on the expected list"
    return {"file": "audit.yaml", "row": None, "date": None, "agency": unit.agency,
            "question": None, "excerpt": f"{unit.case}: {why}; {what}"}


# --- coverage ---------------------------------------------------------------------------------------------


class CoverageArgs(Args):
    what: Literal["return", "chronology"] = Field(description="Which submission is judged received or missing.")
    within: Literal["period", "all"] = Field(
        default="period", description="Involvement seen in others' records in the audit period only, or at any date."
    )
    max_evidence: int = Field(default=8, ge=1, description="Evidence rows a fact carries at most.")


COVERAGE_FIELDS = (
    Output("agency", "text", "The agency whose submission it is"),
    Output("expected", "bool", "The agency is on the case's expected list in audit.yaml (all agencies when none is given)"),
    Output("involved", "bool", "Other agencies' records show it involved (named as visiting, referring or attending)"),
    Output("involved_entries", "int", "How many of other agencies' entries show it involved"),
    Output("received", "bool", "Its {what} came in"),
    Output("missing", "bool", "Its {what} did not come in and was needed (a return saying the child was not known "
           "to it needs no chronology)"),
    Output("scored", "bool", "The agency is scored on this case: asked to submit, or sent something"),
    Output("rate", "float", "1.0 when missing and scored, else 0.0 (for the quality score)"),
    Output("why_expected", "text", "Why it was expected, in words"),
)


@derivation("submission_coverage", CoverageArgs, COVERAGE_FIELDS)
def submission_coverage(ctx: Context, args: CoverageArgs) -> Derived:
    """Per agency in scope for a case: whether its return / chronology came in."""
    out = Derived()
    if _skip_all(ctx, out):
        return out
    for case, agencies in units(ctx, args.within).items():
        for unit in agencies.values():
            has = unit.has_return if args.what == "return" else unit.rows > 0
            # A return saying the child was not known to the agency needs no chronology.
            needed = not (args.what == "chronology" and unit.known_to_agency is False)
            missing = needed and not has
            what = f"{args.what} {'received' if has else 'not received'}"
            out.facts.append(
                Fact(
                    case=case,
                    agency=unit.agency,
                    evidence=tuple(unit.involved[: args.max_evidence]),
                    extra_evidence=(_manifest_evidence(unit, what),),
                    fields={
                        "agency": unit.agency,
                        "expected": unit.expected,
                        "involved": bool(unit.involved),
                        "involved_entries": len(unit.involved),
                        "received": has,
                        "missing": missing,
                        "scored": unit.scored,
                        "rate": 1.0 if missing and unit.scored else 0.0,
                        "why_expected": "on the expected list in audit.yaml" if unit.expected else
                        f"named in {len(unit.involved)} entr(y/ies) of other agencies' records",
                    },
                )
            )
    return out


# --- timeliness -------------------------------------------------------------------------------------------


class TimelinessArgs(Args):
    """No arguments: the deadline is audit.submission_deadline in audit.yaml."""


def submission_dates(ctx: Context) -> dict[tuple[str, str], tuple[dt.date, str]]:
    """(case, agency) -> (latest known submission date, file) over its return and chronology files."""
    dates: dict[tuple[str, str], tuple[dt.date, str]] = {}

    def note(key: tuple[str, str], when: dt.date | None, file: str) -> None:
        if when is not None and (key not in dates or when > dates[key][0]):
            dates[key] = (when, file)

    for ret in ctx.returns:
        note((ret.case, ret.agency), ret.submitted, ret.source_file)
    if not ctx.frame.empty:
        present = set(zip(ctx.frame["case"], ctx.frame["agency"], ctx.frame["file"], strict=True))
        for src in ctx.manifest.submissions.chronologies:
            for case, agency, file in present:
                if file == src.file and agency == src.agency:
                    note((str(case), str(agency)), src.submitted, src.file)
    return dates


TIMELINESS_FIELDS = (
    Output("agency", "text", "The agency whose submission it is"),
    Output("submitted", "date", "The latest known submission date of its return or chronology"),
    Output("deadline", "date", "audit.submission_deadline in audit.yaml; a submission on the day is on time"),
    Output("days_late", "int", "Calendar days after the deadline (0 when on time)"),
    Output("late", "bool", "Submitted after the deadline day"),
)


@derivation("submission_timeliness", TimelinessArgs, TIMELINESS_FIELDS)
def submission_timeliness(ctx: Context, args: TimelinessArgs) -> Derived:
    """Per agency and case with a dated submission: how many days after the deadline it came in."""
    out = Derived()
    if _skip_all(ctx, out):
        return out
    deadline = ctx.manifest.audit.submission_deadline
    if deadline is None:
        out.skipped.update({c: "audit.yaml gives no submission_deadline" for c in ctx.case_ids()})
        return out
    for (case, agency), (when, file) in sorted(submission_dates(ctx).items()):
        days = max(0, (when - deadline).days)
        out.facts.append(
            Fact(
                case=case,
                agency=agency,
                extra_evidence=({"file": file, "row": None, "date": when.isoformat(), "agency": agency,
                                 "question": None,
                                 "excerpt": f"submitted {fmt_date(when)}; deadline {fmt_date(deadline)}"},),
                fields={"agency": agency, "submitted": fmt_date(when), "deadline": fmt_date(deadline),
                        "days_late": days, "late": days > 0},
            )
        )
    for case in ctx.case_ids():
        if not any(f.case == case for f in out.facts):
            out.skipped[case] = "no dated submission for this case"
    return out


# --- chronology rows --------------------------------------------------------------------------------------


def _blank(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).str.strip().eq("")


def _chronology_groups(ctx: Context, out: Derived) -> list[tuple[str, str, pd.DataFrame]]:
    if _skip_all(ctx, out):
        return []
    groups = []
    if not ctx.frame.empty:
        for (case, agency), rows in ctx.frame.groupby(["case", "agency"], sort=True):
            groups.append((str(case), str(agency), rows.sort_values(["file", "row"])))
    for case in ctx.case_ids():
        if not any(g[0] == case for g in groups):
            out.skipped[case] = "no chronology rows for this case"
    return groups


class CompletenessArgs(Args):
    max_evidence: int = Field(default=10, ge=1, description="Rows listed as evidence (the count covers all).")


COMPLETENESS_FIELDS = (
    Output("agency", "text", "The agency whose submission it is"),
    Output("rows", "int", "Its chronology rows for the case"),
    Output("incomplete_rows", "int", "Rows missing a source, impact or action, or with only an approximate date"),
    Output("missing_source_share", "float", "Share (0–1) of rows with no source"),
    Output("missing_impact_share", "float", "Share (0–1) of rows with no impact on the child"),
    Output("missing_action_share", "float", "Share (0–1) of rows with no action taken"),
    Output("inexact_date_share", "float", "Share (0–1) of rows dated only to a month or year"),
    Output("bare_log", "bool", "No row says the impact on the child or the action taken"),
    Output("missing_impact_pct", "int", "Per cent of rows with no impact, rounded"),
    Output("missing_action_pct", "int", "Per cent of rows with no action, rounded"),
    Output("missing_source_pct", "int", "Per cent of rows with no source, rounded"),
    Output("gaps", "text", "The gaps in words: how many rows lack each of impact, action, source, exact date"),
    Output("files", "text", "The chronology files the rows came from"),
)

_GAP_WORDS = (
    ("impact", "without the impact on the child"),
    ("action", "without the action taken"),
    ("source", "without a source"),
    ("vague", "dated only to a month or year"),
)


def _gap_words(gaps: dict[str, pd.Series]) -> str:
    """'4 (80%) without the impact on the child and 1 (20%) without a source': each gap the rows have."""
    parts = [f"{int(gaps[key].sum())} ({round(100 * float(gaps[key].mean()))}%) {words}"
             for key, words in _GAP_WORDS if gaps[key].any()]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


@derivation("chronology_completeness", CompletenessArgs, COMPLETENESS_FIELDS)
def chronology_completeness(ctx: Context, args: CompletenessArgs) -> Derived:
    """Per agency and case: the share of its chronology rows missing a source, impact, action or exact date."""
    out = Derived()
    for case, agency, rows in _chronology_groups(ctx, out):
        no_source = _blank(rows["source"])
        no_impact = _blank(rows["impact"])
        no_action = _blank(rows["action"])
        vague = rows["date_precision"].fillna("day") != "day"
        any_gap = no_source | no_impact | no_action | vague
        n = len(rows)
        shares = {
            "missing_source_share": no_source.mean(),
            "missing_impact_share": no_impact.mean(),
            "missing_action_share": no_action.mean(),
            "inexact_date_share": vague.mean(),
        }
        worst = rows[any_gap]
        out.facts.append(
            Fact(
                case=case,
                agency=agency,
                evidence=tuple(worst["entry_id"].astype(str).tolist()[: args.max_evidence]),
                fields={
                    "agency": agency,
                    "rows": n,
                    "incomplete_rows": int(any_gap.sum()),
                    **{k: round(float(v), 4) for k, v in shares.items()},
                    "bare_log": bool(no_impact.all() and no_action.all()),
                    "missing_impact_pct": round(100 * float(no_impact.mean())),
                    "missing_action_pct": round(100 * float(no_action.mean())),
                    "missing_source_pct": round(100 * float(no_source.mean())),
                    "gaps": _gap_words({"impact": no_impact, "action": no_action, "source": no_source,
                                        "vague": vague}),
                    "files": ", ".join(sorted(set(rows["file"]))),
                },
            )
        )
    return out


class DatesArgs(Args):
    history_years: int = Field(
        default=5, ge=0, description="Rows this many years before the audit period starts count as outside it."
    )
    max_evidence: int = Field(default=10, ge=1, description="Evidence rows a fact carries at most.")


DATES_FIELDS = (
    Output("agency", "text", "The agency whose submission it is"),
    Output("rows", "int", "Its chronology rows for the case"),
    Output("future", "int", "Rows dated after the as-of date"),
    Output("outside_period", "int", "Rows dated more than {history_years} years before the audit period starts"),
    Output("out_of_order", "int", "Rows dated earlier than a row above them in the same file"),
    Output("future_share", "float", "Share (0–1) of rows dated after the as-of date"),
    Output("outside_period_share", "float", "Share (0–1) of rows long before the audit period"),
    Output("out_of_order_share", "float", "Share (0–1) of rows out of order"),
    Output("invalid", "int", "Rows with any of those doubtful dates"),
    Output("as_of", "date", "The as-of date of the check"),
)


@derivation("chronology_dates", DatesArgs, DATES_FIELDS)
def chronology_dates(ctx: Context, args: DatesArgs) -> Derived:
    """Per agency and case: shares of rows dated in the future, long before the period, or out of order."""
    out = Derived()
    for case, agency, rows in _chronology_groups(ctx, out):
        future = rows["date"] > ctx.as_of_ts
        early = pd.Series(False, index=rows.index)
        if ctx.period:
            early = rows["date"] < ctx.period[0] - pd.DateOffset(years=args.history_years)
        disorder = pd.Series(False, index=rows.index)
        for _, in_file in rows.groupby("file"):
            dates = in_file.sort_values("row")["date"]
            disorder.loc[dates.index] = dates < dates.cummax().shift(1, fill_value=dates.iloc[0])
        bad = future | early | disorder
        n = len(rows)
        out.facts.append(
            Fact(
                case=case,
                agency=agency,
                evidence=tuple(rows[bad]["entry_id"].astype(str).tolist()[: args.max_evidence]),
                fields={
                    "agency": agency,
                    "rows": n,
                    "future": int(future.sum()),
                    "outside_period": int(early.sum()),
                    "out_of_order": int(disorder.sum()),
                    "future_share": round(float(future.mean()), 4),
                    "outside_period_share": round(float(early.mean()), 4),
                    "out_of_order_share": round(float(disorder.mean()), 4),
                    "invalid": int(bad.sum()),
                    "as_of": fmt_date(ctx.as_of),
                },
            )
        )
    return out
