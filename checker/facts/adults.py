"""`adult_checks`: fathers, partners and other men around the child — are they named in the records, and were
they checked, seen or part of an assessment? One fact per such adult in audit.yaml.

Reads the mention layer (`checker.text.people`, the `mentions` column): an entry is about the adult when it
names him (name or alias from audit.yaml), uses his role word when he is the only adult of that role in the
case ("dad", "FOB", "mum's partner"), or a group phrase that includes him ("both parents", "mum and dad").
What the entry records about him decides what is credited: "checks on Priya and Harjit" and "Dale - PNC nil"
are checks; "Dale not checked", "unable to check", "checks to be requested", "PNC requested, not returned" and
"checks still outstanding" are not. His own mention decides over a group phrase's, and presence means presence:
named only as declining, not attending or sending apologies, he is not part of the meeting.

Fields: `adult`, `role`, `mentions` (entries naming him), `checks` (entries recording checks on him or his
history sought), `seen` (entries where he was seen, spoken to, present at a meeting or assessed),
`in_assessment` (entries recording him as part of an assessment — assessed, or seen / present in an entry
about an assessment), `checks_planned` (checks only planned or attempted), `lives_with_child`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact
from checker.facts.rows import tuples_by_case
from checker.model.limits import MATCH_CHARS
from checker.text.people import Mention

__all__ = ["AdultArgs", "adult_checks"]

_CHECKED = {"checked", "history"}
_SEEN = {"seen", "spoken_to", "present", "assessed"}
_DENIED = {f"not_{a}" for a in _CHECKED} | {f"planned_{a}" for a in _CHECKED}


class AdultArgs(Args):
    roles: list[str] = Field(min_length=1, description="The adults' roles in audit.yaml to judge (e.g. father, partner).")
    checks: Selector = Field(description="Entries recording checks on an adult or his history sought.")
    assessment: Selector = Field(description="Entries that are an assessment (an adult seen in one is in it).")


ADULT_FIELDS = (
    Output("adult", "text", "The adult's id in audit.yaml (a {roles})"),
    Output("role", "text", "His role in audit.yaml"),
    Output("mentions", "int", "Entries that name him (name or alias in audit.yaml, or his role word when he is the "
           "only adult of that role in the case); a group phrase such as 'both parents' does not count as naming"),
    Output("checks", "int", "Entries recording checks on him done (a nil return counts: 'PNC nil') or his history "
           "sought, his own mention or a group phrase including him ('checks on both parents'); where his own "
           "mention says otherwise it decides; checks only requested, awaited, outstanding, not returned, to "
           "chase, attempted or denied are not"),
    Output("seen", "int", "Entries recording him seen, spoken to, present at a meeting or assessed; named only as "
           "declining, not attending, not present or sending apologies is not"),
    Output("in_assessment", "int", "Entries recording him assessed, or seen or present in an entry that is "
           "{assessment}"),
    Output("checks_planned", "int", "Entries where checks on him are only planned, requested, awaited, "
           "outstanding, attempted or denied"),
    Output("lives_with_child", "bool", "audit.yaml says he lives with the child"),
)


@derivation("adult_checks", AdultArgs, ADULT_FIELDS)
def adult_checks(ctx: Context, args: AdultArgs) -> Derived:
    """Men around the child: how often named, and whether checked or included in assessment."""
    out = Derived()
    frame = ctx.frame[ctx.frame["date"] <= ctx.as_of_ts]
    checks_kind = set(ctx.select(args.checks)["entry_id"])
    assessed_kind = set(ctx.select(args.assessment)["entry_id"])
    roles = [r.lower() for r in args.roles]
    men_by_case = {case.id: [a for a in case.adults if a.role.lower() in roles] for case in ctx.manifest.cases}
    wanted = {(case, man.id) for case, men in men_by_case.items() for man in men}
    about = _mentions_of(frame, wanted) if "mentions" in frame.columns else {}
    # Entries about an assessment: of an assessment kind, or whose text says so when no such kind was read
    # ("home visit for the assessment; both parents seen"), the text read only where he was seen.
    maybe = {entry for entries in about.values() for entry, his in entries
             if any(set(m.records) & _SEEN for m in his)} - assessed_kind
    rows = frame[frame["entry_id"].isin(maybe)]
    written = rows["event"].fillna("").str.slice(0, MATCH_CHARS) + " " + rows["action"].fillna("").str.slice(0, MATCH_CHARS)
    assessing = assessed_kind | set(rows.loc[written.str.contains(r"\bassess", case=False, regex=True), "entry_id"])
    for case in ctx.manifest.cases:
        men = men_by_case[case.id]
        if not men:
            out.skipped[case.id] = f"no {' / '.join(args.roles)} in audit.yaml"
            continue
        for man in men:
            tally = _tally(about.get((case.id, man.id), ()), checks_kind, assessing)
            out.facts.append(
                Fact(
                    case=case.id,
                    subject=f"adult {man.id}",
                    evidence=tuple(tally.named[:6]),
                    extra_evidence=({"file": "audit.yaml", "row": None, "date": None, "agency": None,
                                     "excerpt": f"adult around the child: the {man.role}"},),
                    fields={
                        "adult": man.id,
                        "role": man.role,
                        "mentions": len(tally.named),
                        "checks": tally.checks,
                        "seen": tally.seen,
                        "in_assessment": tally.in_assessment,
                        "checks_planned": tally.planned,
                        "lives_with_child": bool(man.lives_with_child),
                    },
                )
            )
    return out


def _mentions_of(frame: pd.DataFrame, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[str, list[Mention]]]]:
    """(case, person) -> the entries mentioning that person, in (date, entry id) order, each with his mentions.

    One pass over every row's mentions keeps the rows naming someone asked for; only those are put in order.
    """
    people = {person for _, person in wanted}
    positions: list[int] = []
    found: list[dict[str, list[Mention]]] = []
    for pos, (case, mentions) in enumerate(zip(frame["case"].tolist(), frame["mentions"].tolist(), strict=True)):
        his: dict[str, list[Mention]] = {}
        for m in mentions:
            if m.person in people and (str(case), m.person) in wanted:
                his.setdefault(m.person, []).append(m)
        if his:
            positions.append(pos)
            found.append(his)
    hits = frame.iloc[positions].assign(_hit=range(len(positions)))
    out: dict[tuple[str, str], list[tuple[str, list[Mention]]]] = {}
    for case, rows in tuples_by_case(hits, ("entry_id", "_hit")).items():
        for entry, hit in rows:
            for person, mentions in found[hit].items():
                out.setdefault((case, person), []).append((entry, mentions))
    return out


@dataclass(slots=True)
class _Tally:
    named: list[str] = field(default_factory=list)
    checks: int = 0
    seen: int = 0
    in_assessment: int = 0
    planned: int = 0


def _tally(entries: Iterable[tuple[str, list[Mention]]], checks_kind: set[str], assessing: set[str]) -> _Tally:
    """What the entries mentioning one man record about him."""
    tally = _Tally()
    for entry, his in entries:
        if any(not m.group for m in his):
            tally.named.append(entry)
        records = {r for m in his for r in m.records}
        # What his own mention says of checks decides over a group phrase's: "checks on both parents ... dad
        # not checked" is no check on dad.
        own = {r for m in his if not m.group for r in m.records}
        checked = own if own & (_CHECKED | _DENIED) else records
        # A checks entry counts for him only when his own mention does not say otherwise: "PNC checks on
        # mum; dad not checked" is no check on dad.
        if checked & _CHECKED or (entry in checks_kind and not checked & _DENIED and "named" not in records):
            tally.checks += 1
        elif checked & _DENIED:
            tally.planned += 1
        if records & _SEEN:
            tally.seen += 1
        if "assessed" in records or (records & _SEEN and entry in assessing):
            tally.in_assessment += 1
    return tally
