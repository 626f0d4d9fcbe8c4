"""`adult_checks`: fathers, partners and other men around the child — are they named in the records, and were
they checked, seen or part of an assessment? One fact per such adult in audit.yaml.

Reads the mention layer (`checker.text.people`, the `mentions` column): an entry is about the adult when it
names him (name or alias from audit.yaml), uses his role word when he is the only adult of that role in the
case ("dad", "FOB", "mum's partner"), or a group phrase that includes him ("both parents", "mum and dad").
What the entry records about him decides what is credited: "checks on Priya and Harjit" is a check;
"Dale not checked", "unable to check" and "checks to be requested" are not.

Fields: `adult`, `role`, `mentions` (entries naming him), `checks` (entries recording checks on him or his
history sought), `seen` (entries where he was seen, spoken to, present at a meeting or assessed),
`in_assessment` (entries recording him as part of an assessment — assessed, or seen / present in an entry
about an assessment), `checks_planned` (checks only planned or attempted), `lives_with_child`.
"""

from __future__ import annotations

from pydantic import Field

from checker.facts.base import Args, Output, Selector, derivation
from checker.facts.context import Context, Derived, Fact, by_case
from checker.model.limits import MATCH_CHARS

__all__ = ["AdultArgs", "adult_checks"]

_CHECKED = {"checked", "history"}
_SEEN = {"seen", "spoken_to", "present", "assessed"}


class AdultArgs(Args):
    roles: list[str] = Field(min_length=1)
    checks: Selector
    assessment: Selector


ADULT_FIELDS = (
    Output("adult", "text", "The adult's id in audit.yaml (a {roles})"),
    Output("role", "text", "His role in audit.yaml"),
    Output("mentions", "int", "Entries that name him (name or alias in audit.yaml, or his role word when he is the "
           "only adult of that role in the case); a group phrase such as 'both parents' does not count as naming"),
    Output("checks", "int", "Entries recording checks on him or his history sought, his own mention or a group "
           "phrase including him ('checks on both parents'); checks only planned, attempted or denied are not"),
    Output("seen", "int", "Entries recording him seen, spoken to, present at a meeting or assessed"),
    Output("in_assessment", "int", "Entries recording him assessed, or seen or present in an entry that is "
           "{assessment}"),
    Output("checks_planned", "int", "Entries where checks on him are only planned, attempted or denied"),
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
    # Entries whose text is about an assessment even when no assessment kind was read ("home visit for the
    # assessment; both parents seen").
    written = frame["event"].fillna("").str.slice(0, MATCH_CHARS) + " " + frame["action"].fillna("").str.slice(0, MATCH_CHARS)
    assessing = set(frame.loc[written.str.contains(r"\bassess", case=False, regex=True), "entry_id"])
    grouped = by_case(frame)
    for case in ctx.manifest.cases:
        men = [a for a in case.adults if a.role.lower() in roles]
        if not men:
            out.skipped[case.id] = f"no {' / '.join(args.roles)} in audit.yaml"
            continue
        rows = grouped.get(case.id, frame.iloc[0:0]).sort_values(["date", "entry_id"])
        has_mentions = "mentions" in rows.columns
        for man in men:
            about: list[str] = []
            checks = seen = in_assessment = planned = 0
            for entry, mentions in zip(rows["entry_id"], rows["mentions"] if has_mentions else [()] * len(rows),
                                       strict=True):  # fmt: skip
                his = [m for m in mentions if m.person == man.id]
                if not his:
                    continue
                if any(not m.group for m in his):
                    about.append(entry)
                records = {r for m in his for r in m.records}
                # A checks entry counts for him only when his own mention does not say otherwise: "PNC checks on
                # mum; dad not checked" is no check on dad.
                denied = {f"not_{a}" for a in _CHECKED} | {f"planned_{a}" for a in _CHECKED}
                if records & _CHECKED or (entry in checks_kind and not records & denied and "named" not in records):
                    checks += 1
                elif records & denied:
                    planned += 1
                if records & _SEEN:
                    seen += 1
                if "assessed" in records or (records & _SEEN and (entry in assessed_kind or entry in assessing)):
                    in_assessment += 1
            out.facts.append(
                Fact(
                    case=case.id,
                    evidence=tuple(about[:6]),
                    extra_evidence=({"file": "audit.yaml", "row": None, "date": None, "agency": None,
                                     "excerpt": f"adult around the child: {man.role} ({man.id})"},),
                    fields={
                        "adult": man.id,
                        "role": man.role,
                        "mentions": len(about),
                        "checks": checks,
                        "seen": seen,
                        "in_assessment": in_assessment,
                        "checks_planned": planned,
                        "lives_with_child": bool(man.lives_with_child),
                    },
                )
            )
    return out
