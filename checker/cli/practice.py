"""What the checker learns from the panel's review: `maca rules accuracy` (each rule's precision and recall in
practice), `maca rules try` (a threshold tried on stored audits before it is adopted) and `maca labels` (an
audit's review written as a labels file for `maca evaluate`). Thin shells over `checker.review`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from checker.cli.options import OVERRIDES_HELP, parse_as_of, use_overrides
from checker.cli.outpaths import require_writable, write_text
from checker.cli.report import _echo as wrapped
from checker.model.errors import CheckerError
from checker.model.wording import count, fmt_date

__all__ = ["accuracy", "try_command", "labels"]

_DB = ("Database with the runs, review decisions and findings (default: $MACA_DB_URL, else "
       "~/.local/share/maca/maca.sqlite, as `maca dashboard`). PostgreSQL: postgresql://…")


def _echo(text: str, indent: str = "") -> None:
    wrapped(text, sys.stdout, indent=indent, hang=" " * len(indent) + "  ")


@click.command("accuracy")
@click.option("--audit", "audit_id", metavar="ID", help="Also count one audit on its own (its id in audit.yaml).")
@click.option("--db", "db_url", metavar="URL", help=_DB)
def accuracy(audit_id: str | None, db_url: str | None) -> None:
    """Each rule's accuracy from the panel's review: flags confirmed, dismissed and open, findings the panel
    added under it, precision (confirmed ÷ decided) and recall (confirmed ÷ (confirmed + added)), over every
    audit in the store (and, with --audit, in one audit)."""
    from checker.engine.catalogue import load_catalogue
    from checker.review.accuracy import MIN_TO_JUDGE, rule_accuracy
    from checker.storage import Store

    try:
        catalogue = load_catalogue()
        with Store(db_url) as store:
            runs = store.runs()
            scopes: list[tuple[str | None, dict[str, Any]]] = [(None, rule_accuracy(store))]
            if audit_id is not None:
                if audit_id not in {r["audit_id"] for r in runs}:
                    known = ", ".join(sorted({r["audit_id"] for r in runs})) or "none"
                    raise click.ClickException(f"there is no audit '{audit_id}' in the store (stored: {known})")
                scopes.insert(0, (audit_id, rule_accuracy(store, audit_id)))
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    audits = sorted({r["audit_id"] for r in runs})
    if not runs:
        click.echo("No audit is stored yet: open one with maca dashboard BUNDLE, or store its run with maca labels.")
        return
    first, last = min(r["created_at"] for r in runs), max(r["created_at"] for r in runs)
    _echo(f"Accuracy from practice: {count(len(audits), 'audit')} stored, {count(len(runs), 'run')} from "
          f"{fmt_date(first)} to {fmt_date(last)}.")
    _echo(f"Precision: of a rule's flags the panel decided, the share it found right (confirmed, action needed or "
          f"action taken). Recall: of the flags confirmed and the findings the panel added under the rule, the "
          f"share the rule raised itself. With fewer than {MIN_TO_JUDGE} to count from, a figure is too few to "
          "judge. Open flags count in neither.")
    for scope, figures in scopes:
        click.echo("")
        click.echo(f"In audit {scope}:" if scope else "Over every audit in the store:")
        if not figures:
            click.echo("  No flags or added findings yet.")
        for rule, a in sorted(figures.items()):
            _echo(f"{rule} — {catalogue.title_of(rule)}", indent="  ")
            _echo(f"{a.confirmed} confirmed, {a.dismissed} dismissed, {a.open} open; "
                  f"{a.added} added by the panel", indent="    ")
            _echo(f"precision {a.precision_text}; recall {a.recall_text}", indent="    ")
        quiet = len(catalogue.rules) - len(figures)
        if quiet > 0:
            click.echo(f"  {count(quiet, 'other rule')} with no flags or added findings here.")


@click.command("try")
@click.argument("rule_id", metavar="RULE")
@click.option("--set", "setting", required=True, metavar="PARAMETER=VALUE",
              help="The parameter to change and its new value, e.g. --set days=60.")
@click.option("--audits", "audits", multiple=True, metavar="all|ID",
              help="The stored audits to try it on: all (default) or one or more audit ids.")
@click.option("--db", "db_url", metavar="URL", help=_DB)
@click.option("--overrides", "overrides", metavar="DIR", type=click.Path(file_okay=False), help=OVERRIDES_HELP +
              " Both sides of the trial start from them.")
def try_command(rule_id: str, setting: str, audits: tuple[str, ...], db_url: str | None, overrides: str | None) -> None:
    """Re-run RULE with one parameter changed over the stored audits' bundles, and list per audit the flags
    the change would remove and add, each with the decision the panel recorded on it. Nothing is stored or
    changed: adopt it by editing audit.yaml's parameters (or from the Rules page)."""
    from checker.engine.catalogue import load_catalogue
    from checker.engine.overlay import configured_overlay
    from checker.review.trial import check_setting, parse_setting, try_setting
    from checker.storage import Store

    wanted = [a for item in audits for a in item.replace(",", " ").split()]
    chosen = None if not wanted or wanted == ["all"] else wanted
    use_overrides(overrides)
    try:
        catalogue = load_catalogue()
        name, value = parse_setting(setting)
        rule = check_setting(catalogue, rule_id, name, value)
    except CheckerError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    try:
        with Store(db_url) as store:
            trials = try_setting(store, catalogue, rule_id, name, value, chosen, configured_overlay(catalogue))
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    default = rule.parameters[name].default
    _echo(f"{rule_id} with {name} = {value} (default {default}; allowed: {rule.parameters[name].allowed}), "
          f"on {count(len(trials), 'stored audit')}:")
    if not trials:
        click.echo("  No audit is stored yet: open one with maca dashboard BUNDLE first.")
    for trial in trials:
        click.echo("")
        where = f", checked as at {fmt_date(trial.as_of)} from {trial.path}" if trial.path and not trial.problem else ""
        _echo(f"{trial.audit_id}{where}", indent="  ")
        now = f" (now {trial.current})" if trial.current is not None and trial.current != default else ""
        _echo(f"{name} = {value}{now}: {trial.summary}", indent="    ")
        for word, flags in (("removes", trial.removed), ("adds", trial.added)):
            for flag in flags:
                _echo(f"{word} {flag.case}{f' ({flag.agency})' if flag.agency else ''} — {flag.status_words}: "
                      f"{flag.message} [{flag.id}]", indent="    - ")


@click.command("labels")
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--db", "db_url", metavar="URL", help=_DB)
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by, as the dashboard was started with "
              "(default: the meeting date in audit.yaml, else today).")
def labels(bundle: str, out: str, db_url: str | None, as_of: str | None) -> None:
    """Write the reviewed audit BUNDLE's labels to OUT.yaml, in the form `maca evaluate` reads: flags the
    panel confirmed (or marked action needed or taken) and findings it added are "fire", flags it dismissed
    "not", flags still open "unsure" (not scored). Score any later change with `maca evaluate BUNDLE OUT.yaml`.
    The check's run is stored first if the database has none for it."""
    from checker.check import run_check
    from checker.intake.bundle import load_bundle
    from checker.review.evalset import labels_from_store, labels_yaml
    from checker.storage import Store

    require_writable(out, "OUT")
    try:
        loaded = load_bundle(bundle)
        if not loaded.usable or loaded.manifest is None:
            raise CheckerError("nothing usable could be read from the bundle (maca validate lists the problems)")
        result = run_check(loaded, as_of=parse_as_of(as_of))
        with Store(db_url) as store:
            made = labels_from_store(store, result, str(Path(bundle)))
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    write_text(out, labels_yaml(made, loaded.manifest.audit.title, dt.date.today()), "OUT")
    tally: dict[str, Any] = made.tally()
    _echo(f"Labels for {count(len(made.cases), 'case')} written to {out}: {tally['fire']} fire, {tally['not']} not, "
          f"{tally['unsure']} unsure (open flags: not scored). Score a change with: maca evaluate {bundle} {out}")
