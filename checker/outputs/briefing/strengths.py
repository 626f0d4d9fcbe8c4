"""Strengths per case: the panel's own, agencies' good practice from their audit returns, chronology entries
that show good practice, and rules that passed on a case where the risk they look for was present.

    strengths_by_case(data, config, scrub)["case-5"]
    # ['Northshire Borough Council Housing Options: on eviction day we kept calling MASH ...', ...]

Every line goes through the pseudonymiser; where each kind comes from is set in rules/briefing.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from checker.outputs.briefing.config import BriefingConfig
from checker.outputs.briefing.data import BriefingData, agency_names, reviewed
from checker.outputs.briefing.privacy import sentence

__all__ = ["strengths_by_case", "EMPTY_ANSWERS"]

EMPTY_ANSWERS = frozenset({"", "none", "n/a", "na", "no", "nil", "-", "not applicable", "none recorded"})


def _kinds_by_case(data: BriefingData) -> dict[str, list[tuple[str, set[str]]]]:
    """Per case: (agency, kinds) of every chronology entry."""
    out: dict[str, list[tuple[str, set[str]]]] = {}
    if data.frame is None or data.frame.empty:
        return out
    for case, agency, kinds in zip(data.frame["case"], data.frame["agency"], data.frame["kinds"], strict=True):
        out.setdefault(str(case), []).append((str(agency), set(kinds or ())))
    return out


def _unique(lines: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line.casefold().rstrip(".")
        if line and key not in seen:
            seen.add(key)
            out.append(line)
    return out


def _from_returns(data: BriefingData, config: BriefingConfig, names: dict[str, str], case: str) -> list[str]:
    out = []
    for ret in data.returns:
        if ret.case != case:
            continue
        for answer in ret.answers:
            text = (answer.answer or "").strip()
            if answer.question in config.strengths.return_questions and text.casefold().rstrip(".") not in EMPTY_ANSWERS:
                out.append(f"{names.get(ret.agency, ret.agency)}: {text}")
    return out


def _from_records(entries: list[tuple[str, set[str]]], config: BriefingConfig, names: dict[str, str],
                  reported: set[str]) -> list[str]:
    """Good practice the records show — unless a finding reported on the case (`reported`: its rules) says
    the opposite (no "checked the father" beside "the father had no checks")."""
    out = []
    for spec in config.strengths.records:
        if reported & set(spec.contradicted_by):
            continue
        agencies = dict.fromkeys(a for a, kinds in entries if kinds & set(spec.kinds))
        out += [spec.text.format(agency=names.get(a, a)) for a in agencies]
    return out


def _contradicted(config: BriefingConfig, flagged: set[str]) -> set[str]:
    """Rules whose pass must not be called a strength in a case: those sharing a theme with a rule that flagged
    there (no "referrals got feedback" in a case with repeated referrals signposted)."""
    out: set[str] = set()
    for theme in config.themes:
        rules = {item.rule for item in theme.rules}
        if rules & flagged:
            out |= rules
    return out


def _from_passed_rules(
    data: BriefingData, config: BriefingConfig, entries: list[tuple[str, set[str]]], case: str
) -> list[str]:
    passed = {o["rule"] for o in data.outcomes if o.get("case") == case and o.get("outcome") == "passed"}
    flagged = {f["rule"] for f in data.flags
               if f.get("case") == case and f.get("change") != "resolved" and f.get("status") != "dismissed"}
    passed -= _contradicted(config, flagged)
    present = set().union(*(kinds for _, kinds in entries)) if entries else set()
    return [p.text for p in config.strengths.passed_rules if p.rule in passed and present & set(p.present)]


def strengths_by_case(
    data: BriefingData, config: BriefingConfig, scrub: Callable[[str], str]
) -> dict[str, list[str]]:
    """{case id: strengths}, the panel's first, each pseudonymised, duplicates removed."""
    names = agency_names(data.manifest)
    by_case = _kinds_by_case(data)
    reported: dict[str, set[str]] = {}
    for flag in reviewed(data.flags, data.complete).flags:
        reported.setdefault(flag["case"], set()).add(flag["rule"])
    out: dict[str, list[str]] = {}
    for case in data.case_ids:
        entries = by_case.get(case, [])
        lines: list[Any] = [s["text"] for s in data.panel_strengths if s.get("case") == case]
        lines += _from_returns(data, config, names, case)
        lines += _from_records(entries, config, names, reported.get(case, set()))
        lines += _from_passed_rules(data, config, entries, case)
        out[case] = _unique(sentence(scrub(str(line))) for line in lines)
    return out
