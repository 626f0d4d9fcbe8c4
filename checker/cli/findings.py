"""`maca findings`: findings the panel adds that the checker did not raise (a thin shell over
`checker.review.findings` and the store)."""

from __future__ import annotations

import click

from checker.cli.decisions import _AS_OF, _DB, _checked
from checker.model.errors import CheckerError

__all__ = ["findings"]


@click.group("findings")
def findings() -> None:
    """Findings the panel adds: what the checker did not raise, under a rule or (no rule covers it) a theme."""


@findings.command("add")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--case", "case", required=True, metavar="CASE", help="The case the finding is on (an id in audit.yaml).")
@click.option("--rule", metavar="RULE", help="The checker's rule the finding belongs to (maca rules list).")
@click.option("--theme", metavar="TEXT", help="For a practice judgement no rule covers: the theme in words "
              "(instead of --rule), e.g. 'Mother prioritised her own needs'.")
@click.option("--agency", "agencies", multiple=True, metavar="AGENCY", help="An agency the finding is about (an id "
              "in audit.yaml); repeat for each.")
@click.option("--entry", "entries", multiple=True, metavar="ENTRY", help="A chronology entry that evidences it: its "
              "entry id or FILE:ROW (maca findings entries lists the case's); repeat for each.")
@click.option("--note", required=True, metavar="TEXT", help="What the panel found (kept with the review; never "
              "written to the log, and left out of the briefing).")
@click.option("--reviewer", required=True, metavar="NAME", help="Who records the finding.")
@click.option("--db", "db_url", metavar="URL", help=_DB)
@click.option("--as-of", "as_of", metavar="DATE", help=_AS_OF)
def add(bundle: str, case: str, rule: str | None, theme: str | None, agencies: tuple[str, ...],
        entries: tuple[str, ...], note: str, reviewer: str, db_url: str | None, as_of: str | None) -> None:
    """Record a finding on BUNDLE's audit that the checker did not raise.

    It is shown on the Flags page as "added by the panel", drafted into the briefing and the action plan like
    a confirmed flag, and listed in the flags workbook. A case, rule, agency or entry the audit does not have
    is refused naming it and what is allowed (exit 2), and nothing is stored. The check's run is stored first
    if the database has none for it."""
    from checker.review.findings import FindingRefused, add_finding
    from checker.storage import Store

    for value, hint in ((note, "--note"), (reviewer, "--reviewer")):
        if not value.strip():
            raise click.BadParameter("must not be empty", param_hint=hint)
    try:
        result = _checked(bundle, as_of)
        with Store(db_url) as store:
            fid = add_finding(store, result, case=case, rule=rule, theme=theme, agencies=agencies, entries=entries,
                              note=note, reviewer=reviewer)
    except FindingRefused as exc:
        raise click.UsageError("the finding was not saved:\n  " + "\n  ".join(exc.problems)) from exc
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Finding {fid} added to audit {result.audit_id} ({case}, "
               f"{'rule ' + rule if rule else 'theme: ' + str(theme)}).")


@findings.command("list")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--withdrawn", "with_withdrawn", is_flag=True, help="List withdrawn findings too.")
@click.option("--db", "db_url", metavar="URL", help=_DB)
@click.option("--as-of", "as_of", metavar="DATE", help=_AS_OF)
def list_(bundle: str, with_withdrawn: bool, db_url: str | None, as_of: str | None) -> None:
    """List the findings the panel added to BUNDLE's audit: id, case, rule or theme, agencies, entries, who and
    when, version, and the note."""
    from checker.model.wording import fmt_date
    from checker.review import ensure_run
    from checker.storage import Store

    try:
        result = _checked(bundle, as_of)
        with Store(db_url) as store:
            ensure_run(store, result)  # as every command over the store: the bundle's run is stored first
            rows = [f for f in store.findings(result.audit_id) if with_withdrawn or not f["withdrawn"]]
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(rows)} finding(s) added by the panel to audit {result.audit_id}.")
    for f in rows:
        what = f"rule {f['rule']}" if f["rule"] else f"theme: {f['theme']}"
        gone = " WITHDRAWN" if f["withdrawn"] else ""
        click.echo(f"  {f['id']}{gone} · {f['case']} · {what} · agencies {', '.join(f['agencies'])} · "
                   f"{len(f['entries'])} entr{'y' if len(f['entries']) == 1 else 'ies'} · {f['reviewer']}, "
                   f"{fmt_date(f['created_at'])} · version {f['version']}")
        click.echo(f"      {f['note']}")


@findings.command("withdraw")
@click.argument("bundle", type=click.Path(exists=True))
@click.argument("finding_id", metavar="FINDING")
@click.option("--version", "version", required=True, type=click.IntRange(min=1), help="The finding's version you "
              "saw (maca findings list shows it): if someone changed it since, nothing is saved.")
@click.option("--reviewer", required=True, metavar="NAME", help="Who withdraws it.")
@click.option("--db", "db_url", metavar="URL", help=_DB)
@click.option("--as-of", "as_of", metavar="DATE", help=_AS_OF)
def withdraw(bundle: str, finding_id: str, version: int, reviewer: str, db_url: str | None, as_of: str | None) -> None:
    """Withdraw FINDING from BUNDLE's audit (kept in the trail; no longer shown, drafted or exported)."""
    from checker.review import ensure_run
    from checker.storage import Store

    try:
        result = _checked(bundle, as_of)
        with Store(db_url) as store:
            ensure_run(store, result)
            new = store.withdraw_finding(result.audit_id, finding_id, expected_version=version, reviewer=reviewer)
    except CheckerError as exc:  # a conflict names who changed it since
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Finding {finding_id} withdrawn (version {new}).")


@findings.command("entries")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--case", "case", required=True, metavar="CASE", help="The case whose chronology entries to list.")
@click.option("--as-of", "as_of", metavar="DATE", help=_AS_OF)
def entries_(bundle: str, case: str, as_of: str | None) -> None:
    """List CASE's chronology entries with the ids `maca findings add --entry` takes (date, agency, file and
    row, id; not the entry's text)."""
    from checker.review.findings import case_entries, entry_label

    result = _checked(bundle, as_of)
    cases = [c.id for c in result.bundle.manifest.cases] if result.bundle.manifest else []
    if case not in cases:
        raise click.BadParameter(f"{case!r} is not a case of audit {result.audit_id}: one of {', '.join(cases)}",
                                 param_hint="--case")
    rows = case_entries(result, case)
    click.echo(f"{len(rows)} chronology entr{'y' if len(rows) == 1 else 'ies'} on {case}:")
    for row in rows.itertuples():
        click.echo(f"  {entry_label(row)}")
