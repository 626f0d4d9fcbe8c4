"""`maca evaluate` (detection measured against a labels file) and `maca explain-text` (why a text got its kinds):
thin shells over `checker.outputs.evaluation` and `checker.text.match`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from checker.cli.options import parse_as_of
from checker.model.errors import CheckerError
from checker.model.private import write_private

if TYPE_CHECKING:
    from checker.check import CheckResult

__all__ = ["evaluate", "explain_text_command"]


@click.command("evaluate")
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("labels", type=click.Path(exists=True, dir_okay=False))
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (YYYY-MM-DD; default: `as_of` in the "
              "labels file, else the meeting date in audit.yaml).")
@click.option("--brief", is_flag=True, help="Only the per-rule table, not each miss and false flag.")
@click.option("--json", "json_path", metavar="FILE", help="Also write the scores and each miss as JSON.")
def evaluate(bundle: str, labels: str, as_of: str | None, brief: bool, json_path: str | None) -> None:
    """Run the checker on BUNDLE and score it against LABELS.yaml: per-rule recall and "must not flag"
    respected, then each miss and false flag with its evidence and how its entries were read."""
    import json

    from checker.check import run_check
    from checker.intake.bundle import load_bundle
    from checker.outputs.evaluation import evaluate as score
    from checker.outputs.evaluation import format_report, load_labels, statuses_by_entry

    try:
        wanted = load_labels(labels)
        loaded = load_bundle(bundle)
        if loaded.manifest is None:
            raise CheckerError("the bundle has no readable manifest (maca validate lists the problems)")
        result = run_check(loaded, as_of=parse_as_of(as_of) or wanted.as_of)
    except CheckerError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    ev = score(result.flags, wanted, name=bundle, statuses=statuses_by_entry(result.frame),
               explain=None if brief else _explainer(result))
    click.echo(f"{loaded.manifest.audit.title} — as of {result.as_of:%d/%m/%Y}; {len(wanted.cases)} labelled cases")
    click.echo(format_report(ev, details=not brief), nl=False)
    if json_path:
        payload = {
            "bundle": bundle, "as_of": result.as_of.isoformat(),
            "recall": list(ev.recall), "must_not_respected": list(ev.respected),
            "rules": {r: asdict(s) for r, s in sorted(ev.rules.items())},
            "misses": [{**asdict(m), "evidence": [dict(e) for e in m.evidence]} for m in ev.misses],
        }  # fmt: skip
        write_private(json_path, json.dumps(payload, indent=2, default=str) + "\n")


def _explainer(result: CheckResult) -> Callable[[str, str], list[str]]:
    """Why a rule did or did not flag a case, as lines (`maca explain`); a rule or case not in the check says so."""
    from checker.check import check_overrides
    from checker.engine.why import Explainer

    explainer = Explainer(result.context(), result.catalogue, check_overrides(result.manifest, result.catalogue))
    known = {r.id for r in result.catalogue.rules}

    def lines(rule: str, case: str) -> list[str]:
        if rule not in known:
            return [f"there is no rule '{rule}' in the catalogue (maca rules lists them)"]
        if not explainer.has_case(case):
            return [f"there is no case '{case}' in the bundle's audit.yaml"]
        return explainer.explain(rule, case).lines()

    return lines


@click.command("explain-text")
@click.argument("text")
@click.option("--all-matches", is_flag=True, help="Also list every pattern match, including those that did not count.")
def explain_text_command(text: str, all_matches: bool) -> None:
    """Show the event kinds read from TEXT, the status of each (done, planned, attempted, negated, conditional,
    historical, other person) and the words that decided it."""
    from checker.text.match import explain_text, read_text

    readings = read_text(text)
    if not readings:
        click.echo("No event kind found: no kind's words (rules/kinds.yaml; docs/kinds.md lists each kind and its "
                   "words) appear in this text, so nothing in it is read as an event.")
    for r in readings:
        state = "counts" if r.counted else "does not count"
        cue = f"; cue '{r.cue}'" if r.cue else ""
        field = f"; field '{r.field}'" if r.field else ""
        click.echo(f"{r.kind:22} {r.status:12} {state:15} words '{r.matched}'{cue}{field}")
    if all_matches:
        click.echo("\nEvery match:")
        for h in explain_text(text):
            why = "counted" if h.counted else h.reason
            click.echo(f"  {h.kind:22} pattern {h.pattern:<3} '{h.matched}' -> {why}")
