"""`maca explain BUNDLE CASE RULE`: why one rule did or did not flag one case (a thin shell over
`checker.engine.why`)."""

from __future__ import annotations

import difflib
import json
import sys

import click

from checker.cli.options import parse_as_of
from checker.model.errors import CheckerError

__all__ = ["explain"]


def _unknown(what: str, value: str, known: list[str], listing: str) -> None:
    near = difflib.get_close_matches(value, known, n=1)
    hint = f" Did you mean '{near[0]}'?" if near else ""
    click.echo(f"Error: there is no {what} '{value}'.{hint} {listing}", err=True)
    sys.exit(2)


@click.command("explain")
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("case")
@click.argument("rule")
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (default: the meeting date in audit.yaml).")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON instead of text.")
def explain(bundle: str, case: str, rule: str, as_of: str | None, as_json: bool) -> None:
    """Why RULE did or did not flag CASE of BUNDLE: the outcome, each condition with each part's value and
    whether it held, the entries each tested field was computed from and how each was read, and for a skipped
    rule why.

        maca explain samples/homelessness case-3 contingency-plan-missing
    """
    from checker.check import check_overrides, run_check
    from checker.engine.catalogue import load_catalogue
    from checker.engine.why import Explainer
    from checker.intake.bundle import load_bundle

    when = parse_as_of(as_of)
    try:
        loaded = load_bundle(bundle)
        if loaded.manifest is None or not loaded.usable:
            raise CheckerError("nothing usable could be read from the bundle (maca validate lists the problems)")
        catalogue = load_catalogue()
    except CheckerError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    rules = [r.id for r in catalogue.rules]
    if rule not in rules:
        _unknown("rule", rule, rules, "`maca rules` lists the rules.")
    cases = [c.id for c in loaded.manifest.cases]
    if case not in cases:
        _unknown("case", case, cases, f"The cases are: {', '.join(cases)}.")
    try:
        result = run_check(loaded, as_of=when, catalogue=catalogue)
        explainer = Explainer(result.context(), catalogue, check_overrides(result.manifest, catalogue))
    except CheckerError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    why = explainer.explain(rule, case)
    if as_json:
        click.echo(json.dumps(why.to_dict(), indent=2, ensure_ascii=False, default=str))
        return
    click.echo("\n".join(why.lines()))
