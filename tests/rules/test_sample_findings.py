"""The briefing's findings, flagged on the right case of the homelessness sample (samples/README.md lists
them), none of them on the mostly-good bundle, and each one tied to its evidence: deleting or correcting the
record that evidences a finding makes that flag disappear while the other findings stay."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from checker.check import default_as_of, prepare, run_check
from checker.engine.catalogue import load_catalogue, resolve
from checker.facts import REGISTRY, Context, Fact
from checker.intake.bundle import LoadedBundle, load_bundle
from checker.model.frame import entry_id

ROOT = Path(__file__).resolve().parents[2]
HOMELESSNESS = ROOT / "samples" / "homelessness"
GOOD = ROOT / "samples" / "good-practice"
CATALOGUE = load_catalogue()


@dataclass(frozen=True)
class Finding:
    """A briefing finding: a flag of `rule` on `case` (for `agency`, if given) whose evidence mentions `clue`.

    `fact` picks the finding's own facts by field values when the rule makes several for one case and agency
    (each referral is one fact; other referrals of the same agency may rightly stay flagged).
    """

    name: str
    case: str
    rule: str
    agency: str | None = None
    clue: str = ""
    fact: tuple[tuple[str, object], ...] = ()

    def found(self, flags: list[dict]) -> bool:
        for flag in flags:
            if flag["case"] != self.case or flag["rule"] != self.rule:
                continue
            if self.agency is not None and flag["agency"] != self.agency:
                continue
            if not self.clue or any(self.clue in (e.get("excerpt") or "") for e in flag["evidence"]):
                return True
        return False


FINDINGS = [
    Finding("case 1: no contingency should mother refuse or the placement fail", "case-1", "contingency-plan-missing",
            clue="placement"),
    Finding("case 1: no targeted ante-natal HV input by 30 weeks", "case-1", "antenatal-hv-missing", "hv"),
    Finding("case 1: weapons found, police have no intelligence", "case-1", "information-not-shared", "police",
            clue="machete"),
    Finding("case 1: father engaged but little known about him", "case-1", "unseen-adult-male"),
    Finding("case 1: lack of management oversight", "case-1", "management-oversight-gap"),
    Finding("case 1: drift and delay", "case-1", "drift-and-delay", clue="assessment"),
    Finding("case 2: missed health appointments not escalated", "case-2", "was-not-brought-not-escalated", "gp"),
    Finding("case 2: chronologies not available for case conference", "case-2", "chronology-not-shared"),
    Finding("case 2: disguised compliance", "case-2", "disguised-compliance"),
    Finding("case 2: children's worries for their sibling not responded to", "case-2", "child-concern-not-acted-on",
            clue="worries"),
    Finding("case 2: registered sex offender known to police only", "case-2", "information-not-shared", "csc",
            clue="RSO"),
    Finding("case 4: no contingency should father leave", "case-4", "contingency-plan-missing", clue="move out"),
    Finding("case 5: Housing made four referrals to MASH", "case-5", "repeat-referrals", clue="Referral 4"),
    Finding("case 5: hospital not aware of housing concerns", "case-5", "information-not-shared", "ngh"),
    Finding("case 6: Housing not in CIN / core group meetings", "case-6", "housing-absent-from-core-group", "housing"),
    Finding("case 6: Housing's mental health referral, no feedback", "case-6", "referral-no-feedback", "housing",
            clue="single point of access", fact=(("trigger", "referral to another agency"),)),
    Finding("case 6: eviction day reached in crisis, no contingency", "case-6", "contingency-plan-missing",
            clue="Eviction day"),
    Finding("case 6: lack of supervision and management oversight", "case-6", "management-oversight-gap"),
]
RULES_OF_FINDINGS = {f.rule for f in FINDINGS}


@cache
def _homelessness() -> LoadedBundle:
    return load_bundle(HOMELESSNESS)


def _flags(bundle: LoadedBundle, as_of: dt.date | None = None) -> list[dict]:
    """The flags of a check in which no rule errored (a rule that errored checked nothing, so its missing flags
    would prove nothing)."""
    checked = run_check(bundle, as_of=as_of)
    errored = [(o.rule, o.case, o.reason) for o in checked.outcomes if o.outcome == "errored"]
    assert errored == [], errored
    return checked.flags


@cache
def _sample_frame() -> pd.DataFrame:
    return prepare(_homelessness())


@cache
def _sample_flags() -> tuple[dict, ...]:
    return tuple(_flags(_homelessness()))


@pytest.mark.parametrize("finding", FINDINGS, ids=lambda f: f.name)
def test_briefing_finding_is_flagged_on_the_right_case(finding):
    assert finding.found(list(_sample_flags())), finding


def test_eviction_day_in_case_6_was_flagged_imminent_before_it_came():
    flags = _flags(_homelessness(), as_of=dt.date(2019, 1, 9))
    assert any(f["case"] == "case-6" and f["rule"] == "imminent-eviction" for f in flags)


def test_none_of_the_findings_fire_on_the_good_practice_bundle():
    flags = _flags(load_bundle(GOOD))
    assert [f for f in flags if f["rule"] in RULES_OF_FINDINGS] == []


# --- Mutations: delete or correct the evidencing record --------------------------------------------------------


def _drop(case: str, agency: str, text: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        hit = (frame["case"] == case) & (frame["agency"] == agency) & frame["event"].str.contains(text, regex=False)
        assert hit.any(), f"mutation found nothing to drop: {case} {agency} {text!r}"
        return frame[~hit]

    return apply


def _add(case: str, agency: str, day: str, text: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    return _add_many([(case, agency, day, text)])


def _add_many(rows: list[tuple[str, str, str, str]]) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        new = []
        for i, (case, agency, day, text) in enumerate(rows):
            when = pd.Timestamp(dt.datetime.strptime(day, "%d/%m/%Y"))
            new.append({
                "entry_id": entry_id(case, agency, day, text), "case": case, "agency": agency, "date": when,
                "date_end": when, "date_precision": "day", "date_text": day, "source": "", "event": text,
                "impact": "", "action": "", "event_type": "", "attendees_text": "", "file": "mutation.csv",
                "row": 1000 + i, "kinds": (), "text_dates": (), "attendees": (), "attendees_known": False,
            })
        return pd.concat([frame, pd.DataFrame(new)], ignore_index=True)

    return apply


def _replace(case: str, agency: str, old: str, new: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        hit = (frame["case"] == case) & (frame["agency"] == agency) & frame["event"].str.contains(old, regex=False)
        assert hit.any(), f"mutation found nothing to correct: {case} {agency} {old!r}"
        frame.loc[hit, "event"] = frame.loc[hit, "event"].str.replace(old, new, regex=False)
        return frame

    return apply


def _redate(case: str, agency: str, text: str, day: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        hit = (frame["case"] == case) & (frame["agency"] == agency) & frame["event"].str.contains(text, regex=False)
        assert hit.any(), f"mutation found nothing to re-date: {case} {agency} {text!r}"
        when = pd.Timestamp(dt.datetime.strptime(day, "%d/%m/%Y"))
        frame.loc[hit, ["date", "date_end", "date_text"]] = [when, when, day]
        return frame

    return apply


def _chain(*steps: Callable[[pd.DataFrame], pd.DataFrame]) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def apply(frame: pd.DataFrame) -> pd.DataFrame:
        for step in steps:
            frame = step(frame)
        return frame

    return apply


def _supervision(case: str, start: str, end: str, every_days: int = 21) -> Callable[[pd.DataFrame], pd.DataFrame]:
    days = pd.date_range(pd.Timestamp(dt.datetime.strptime(start, "%d/%m/%Y")),
                         pd.Timestamp(dt.datetime.strptime(end, "%d/%m/%Y")), freq=f"{every_days}D")
    return _add_many([(case, "csc", d.strftime("%d/%m/%Y"), "Supervision with team manager: case reviewed, "
                       "actions set.") for d in days])


MUTATIONS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "case 1: no contingency should mother refuse or the placement fail": _add(
        "case-1", "csc", "14/02/2019", "Contingency plan agreed at ICPC: if Kayleigh refuses the unit or the "
        "placement is not secured by 01/04, mother and baby to go to the Eastbridge unit; if baby is born out of "
        "county, SW to liaise with that area the same day."),
    "case 1: no targeted ante-natal HV input by 30 weeks": _add(
        "case-1", "hv", "01/02/2019", "HV antenatal contact completed at home at 29 weeks. Kayleigh seen."),
    "case 1: weapons found, police have no intelligence": _add(
        "case-1", "police", "06/12/2018", "Intelligence logged re machete and knives at address following SW report."),
    "case 1: father engaged but little known about him": _add(
        "case-1", "csc", "01/11/2018", "PNC and CSC history checks completed on Dean; his history and parenting "
        "explored in the pre-birth assessment."),
    "case 1: lack of management oversight": _supervision("case-1", "16/10/2018", "28/02/2019"),
    "case 1: drift and delay": _redate("case-1", "csc", "Pre-birth single assessment completed", "20/11/2018"),
    "case 2: missed health appointments not escalated": _add_many([
        ("case-2", "gp", d, "Missed appointment escalated to practice safeguarding lead and SW informed.")
        for d in ("17/04/2018", "12/06/2018", "10/07/2018", "11/09/2018", "04/12/2018")]),
    "case 2: chronologies not available for case conference": _add_many([
        ("case-2", "csc", d, "Multi-agency chronology compiled and circulated to conference members.")
        for d in ("10/12/2018", "04/03/2019")]),
    "case 2: disguised compliance": _chain(_drop("case-2", "hv", "Jade engaged well"),
                                           _drop("case-2", "csc", "Robust plan agreed")),
    "case 2: children's worries for their sibling not responded to": _add(
        "case-2", "csc", "21/11/2018", "Strategy discussion with TM re Mia's worries about Alfie; referred to "
        "police and HV for joint visit."),
    "case 2: registered sex offender known to police only": _add(
        "case-2", "csc", "21/09/2018", "Police shared that Lee, a registered sex offender, stays at the B&B; "
        "safety plan with Jade."),
    "case 4: no contingency should father leave": _add(
        "case-4", "early-help", "14/02/2019", "Contingency plan agreed at TAF: if Mark moves out, maternal aunt "
        "to stay and EH to convene a TAF within two days; if bailiffs attend, family to stay with aunt."),
    # All four of Housing's referrals: the eviction-day call and HV's contact to MASH are referrals too, so
    # dropping fewer leaves three in 12 months, still over the threshold.
    "case 5: Housing made four referrals to MASH": _chain(
        *(_drop("case-5", "housing", f"Referral {n} to MASH") for n in (1, 2, 3, 4))),
    "case 5: hospital not aware of housing concerns": _add(
        "case-5", "ngh", "13/04/2018", "Mum told ward nurse the family are threatened with homelessness; housing "
        "concerns noted and shared with the school nurse."),
    "case 6: Housing not in CIN / core group meetings": _replace("case-6", "csc", "Present: SW,",
                                                                 "Present: SW, Housing officer,"),
    "case 6: Housing's mental health referral, no feedback": _add(
        "case-6", "housing", "20/09/2018", "Feedback received from mental health SPA: Leanne offered an "
        "appointment."),
    "case 6: eviction day reached in crisis, no contingency": _add(
        "case-6", "csc", "05/01/2019", "Contingency plan agreed with Housing: if bailiffs attend on 14/01, the "
        "family go to Holly House temporary accommodation and SW attends on the day."),
    "case 6: lack of supervision and management oversight": _supervision("case-6", "15/03/2018", "28/02/2019"),
}


def test_every_finding_has_a_mutation():
    assert set(MUTATIONS) == {f.name for f in FINDINGS}


def _mutated(finding: Finding) -> LoadedBundle:
    original = _homelessness()
    return LoadedBundle(
        manifest=original.manifest,
        chronology=MUTATIONS[finding.name](original.chronology),
        returns=original.returns,
        problems=original.problems,
        counts=original.counts,
        digest=original.digest,
    )


_OPS: dict[str, Callable[[object, object], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


def _holding(bundle: LoadedBundle, finding: Finding, frame: pd.DataFrame | None = None) -> list[Fact]:
    """The finding's case's facts (for its agency, if given) on which the rule's condition holds, worked out
    here from the rule file independently of the engine: the tests of any one branch all true."""
    assert bundle.manifest is not None
    rule = CATALOGUE.get(finding.rule)
    params = rule.values(dict(bundle.manifest.parameters.get(rule.id, {})))
    frame = prepare(bundle) if frame is None else frame
    ctx = Context(manifest=bundle.manifest, frame=frame, returns=tuple(bundle.returns),
                  as_of=default_as_of(bundle))
    holding = []
    for spec in rule.facts:
        derivation = REGISTRY[spec.derive]
        for fact in derivation.fn(ctx, derivation.args.model_validate(resolve(dict(spec.args), params))).facts:
            if fact.case != finding.case or any(fact.fields[k] != v for k, v in finding.fact):
                continue
            if finding.agency is not None and rule.agency == "fact" and fact.agency != finding.agency:
                continue  # otherwise the flag's agency is the rule's agency type, not the fact's
            for branch in rule.when:
                if branch.facts == spec.name and all(
                    _OPS[t.op](fact.fields[t.field], resolve(t.value, params)) for t in branch.all
                ):
                    holding.append(fact)
                    break
    return holding


@pytest.mark.parametrize("finding", FINDINGS, ids=lambda f: f.name)
def test_the_rules_condition_holds_on_the_sample_for_each_finding(finding):
    assert _holding(_homelessness(), finding, _sample_frame()), f"{finding.name}: the rule's condition holds on no fact"


@pytest.mark.parametrize("finding", FINDINGS, ids=lambda f: f.name)
def test_correcting_the_evidence_makes_the_condition_false_and_removes_the_flag_only(finding):
    mutated = _mutated(finding)
    frame = prepare(mutated)
    still = _holding(mutated, finding, frame)
    assert still == [], f"{finding.name}: the condition still holds after the correction: {still[0].fields}"
    flags = run_check(mutated, frame=frame).flags
    same = [f for f in flags if f["case"] == finding.case and f["rule"] == finding.rule
            and (finding.agency is None or f["agency"] == finding.agency)]
    if finding.fact:  # only the finding's own facts: the flag may stay for the agency's other, rightly flagged ones
        mine = {fact.evidence[0] for fact in _holding(_homelessness(), finding, _sample_frame())}
        same = [f for f in same if mine & {e.get("entry_id") for e in f["evidence"]}]
    assert same == [], f"{finding.name}: still flagged after correcting its evidence: {same[0]['message']}"
    others = [f.name for f in FINDINGS if f is not finding and not f.found(flags)]
    assert others == [], f"correcting {finding.name!r} also removed {others}"
