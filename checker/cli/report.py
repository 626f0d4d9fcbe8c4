"""What `maca check` prints: act today first, then cases by urgency and flags by severity, wrapped to the
terminal; skipped rule outcomes summarised by reason. `maca show` prints one flag with its evidence."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

import click

from checker.engine.run import Outcome
from checker.model.wording import agency_name, count, fmt_date, severity_words, uk_dates
from checker.outputs.flags_xlsx import evidence_lines
from checker.review.today import act_today, case_order

if TYPE_CHECKING:
    from checker.check import CheckResult

__all__ = ["print_report", "print_flag", "width", "echo_wrapped", "ACT_TODAY_AT_MOST"]

ACT_TODAY_AT_MOST = 40
"""The act-today block lists at most this many actions (and cases with high flags), then counts the rest."""


def width() -> int:
    """The terminal's width (at most 110 for readability; 100 when not a terminal)."""
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 110))


def _echo(text: str, out: TextIO, indent: str = "", hang: str | None = None) -> None:
    wrapped = textwrap.fill(text, width=width(), initial_indent=indent,
                            subsequent_indent=indent if hang is None else hang,
                            break_long_words=False, break_on_hyphens=False)
    click.echo(wrapped, file=out)


def echo_wrapped(line: str, out: TextIO) -> None:
    """One line wrapped to the terminal, its continuation indented under its own indent."""
    indent = line[: len(line) - len(line.lstrip())]
    _echo(line.strip(), out, indent=indent, hang=indent + "  ") if line.strip() else click.echo("", file=out)


def _names(result: CheckResult) -> dict[str, str]:
    return {a.id: a.name for a in result.manifest.agencies}


def print_report(result: CheckResult, out: TextIO, *, evidence: bool = False, streamed_to: str = "the --jsonl file",
                 decisions: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """The readable summary of one check (a streamed check's flags are in `streamed_to`, not listed);
    `decisions` (flag id -> the review decision in force) take actions recorded as taken off ACT TODAY."""
    summary = result.summary()
    manifest = result.manifest
    audit = manifest.audit
    _echo(f"{audit.title} — as of {fmt_date(result.as_of)}{parameter_words(result)}", out)
    sev = summary["by_severity"]
    _echo(f"{count(summary['flags'], 'flag')}: {sev['high']:,} high, {sev['medium']:,} medium, {sev['low']:,} low, "
          f"{sev['info']:,} for information", out)

    today = act_today(result, list_new=False, decisions=decisions)
    click.echo("", file=out)
    click.echo("ACT TODAY", file=out)
    where = f"in {streamed_to}" if result.partial else "listed below, most urgent case first"
    lines = today.lines(at_most=ACT_TODAY_AT_MOST, high_flags_are=where)
    if len(lines) < len(today.lines(high_flags_are=where)):
        lines.append(f"    Every family to refer or confirm: `maca referrals BUNDLE --xlsx FILE`; every flag: "
                     f"{streamed_to if result.partial else 'listed below, case by case'}.")
    for line in lines:
        if line.startswith("    "):
            _echo(line.strip(), out, indent="    ")
        else:
            _echo(line, out, indent="  ", hang="    ")

    names = _names(result)
    households = {c.id: c.summary for c in manifest.cases}
    by_case = {} if result.partial else result.flags_by_case()  # partial: every flag is in the file
    for case in case_order(result, today):
        flags = by_case.get(case)
        if not flags:
            continue
        click.echo("", file=out)
        head = f"{case} — {count(len(flags), 'flag')}"
        if households.get(case):
            head += f" — {households[case]}"
        _echo(head, out)
        for flag in flags:
            _flag_lines(flag, names, out, evidence=evidence)
    _outcome_lines(result, out, streamed_to)
    if not evidence and not result.partial and result.flags:
        _echo("Evidence rows: `maca check BUNDLE --evidence` lists them under each flag; `maca show BUNDLE "
              "FLAG_ID` shows one flag.", out)


def parameter_words(result: CheckResult) -> str:
    """'; with this audit's parameters: <rule title>: weeks = 28' (empty when every rule is at its default): the
    rule set's id is for `maca show`, the JSON and the dashboard's run details, not the summary a person reads."""
    overrides = result.manifest.parameters
    if not overrides:
        return ""
    parts = [f"{result.catalogue.title_of(rule)}: {name} = {value}" for rule, values in sorted(overrides.items())
             for name, value in sorted(values.items())]
    return f"; with this audit's parameters: {', '.join(parts)}"


def ruleset_words(result: CheckResult) -> str:
    """'rule set 36b0…' and, beside it, the audit's parameter overrides (never folded into the id)."""
    text = f"rule set {result.catalogue.digest}"
    shared = result.bundle.partnership
    overrides = result.manifest.parameters
    own = [f"{rule}.{name} = {value}" for rule, values in sorted(overrides.items())
           for name, value in sorted(values.items()) if name not in shared.get(rule, {})]
    if own:
        text += f" with this audit's parameters: {', '.join(own)}"
    if shared:
        parts = [f"{rule}.{name} = {value}" for rule, values in sorted(shared.items())
                 for name, value in sorted(values.items())]
        text += f"{' and' if own else ' with'} the partnership's overrides: {', '.join(parts)}"
    return text


def _flag_lines(flag: dict[str, Any], names: dict[str, str], out: TextIO, *, evidence: bool) -> None:
    who = agency_name(names, flag.get("agency"))
    sev = severity_words(flag["severity"]).upper()
    head = f"{sev:6} {flag['title']}" + (f" — {who}" if who else "")
    _echo(head, out, indent="  ", hang="         ")
    _echo(flag["message"], out, indent="         ")
    rows = flag.get("evidence") or []
    if evidence:
        for line in evidence_lines(rows, names):
            _echo(line, out, indent="           - ", hang="             ")
    _echo(f"[{flag['id']}; {count(len(rows), 'evidence record')}]", out, indent="         ")


def _outcome_lines(result: CheckResult, out: TextIO, streamed_to: str) -> None:
    findings = result.findings
    summary = findings.counts  # always every flag and outcome, streamed or not
    tally = {k: summary["outcomes"].get(k, 0) for k in ("flagged", "passed", "skipped", "errored")}
    click.echo("", file=out)
    if summary["flags"] and (findings.is_streamed or not findings.flags):
        _echo(f"Each of the {count(summary['flags'], 'flag')} and every rule outcome is in {streamed_to}.", out)
    _echo(f"Rule outcomes (each rule on each case): {tally['flagged']:,} flagged, {tally['passed']:,} passed, "
          f"{tally['skipped']:,} skipped, {tally['errored']:,} errored.", out)
    if findings.skipped:
        _echo("Skipped (the rule had nothing to check), by reason:", out)
        for reason, rules in sorted(findings.skipped.items(), key=lambda kv: -sum(kv[1].values())):
            _echo(f"{count(sum(rules.values()), 'check')}: {uk_dates(reason)} ({', '.join(sorted(rules))})", out,
                  indent="  ", hang="    ")
    for (rule, reason), cases in errored_groups(findings.errored).items():
        shown = ", ".join(cases[:ERRORED_CASES_SHOWN])
        more = f" and {count(len(cases) - ERRORED_CASES_SHOWN, 'more case')}" if len(cases) > ERRORED_CASES_SHOWN else ""
        _echo(f"ERRORED on {count(len(cases), 'case')}: {rule}: {reason} ({shown}{more}) — this rule did not run "
              "on these cases; report it to whoever maintains the rules.", out, indent="  ", hang="    ")


ERRORED_CASES_SHOWN = 10
"""An errored rule names this many of its cases, then counts the rest (a sweep may have 100,000)."""


def errored_groups(errored: Iterable[Outcome]) -> dict[tuple[str, str], list[str]]:
    """Errored outcomes grouped by rule and reason, each with its cases in order."""
    groups: dict[tuple[str, str], list[str]] = {}
    for o in errored:
        groups.setdefault((o.rule, o.reason or "no reason given"), []).append(o.case)
    return groups


def print_flag(flag: dict[str, Any], result: CheckResult, out: TextIO) -> None:
    """One flag in full: what was found, the recommended action and every evidence row."""
    names = _names(result)
    who = agency_name(names, flag.get("agency"))
    _echo(f"{flag['case']} — {severity_words(flag['severity'])}: {flag['title']}" + (f" — {who}" if who else ""), out)
    _echo(f"Found: {flag['message']}", out, hang="  ")
    _echo(f"Recommended action: {flag['recommended_action']}", out, hang="  ")
    rows = flag.get("evidence") or []
    _echo(f"Evidence ({count(len(rows), 'record')}):", out)
    for line in evidence_lines(rows, names):
        _echo(line, out, indent="  - ", hang="    ")
    _echo(f"Flag {flag['id']} ({flag['rule']}); {ruleset_words(result)}", out)
