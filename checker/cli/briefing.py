"""`maca briefing`: the six-step briefing (Markdown and Word) and the composite action plan (a thin shell)."""

from __future__ import annotations

import click

from checker.cli.options import parse_as_of
from checker.model.errors import CheckerError

__all__ = ["briefing"]


@click.command("briefing")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--out", "out_dir", metavar="DIR", required=True, type=click.Path(file_okay=False),
              help="Folder for briefing.md, briefing.docx and action-plan.xlsx (created if missing).")
@click.option("--db", "db_url", metavar="URL", help="Database with the review decisions, meeting and action "
              "plan edits (default: $MACA_DB_URL, else ~/.local/share/maca/maca.sqlite).")
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (26/03/2019, 26 Mar 2019 or 'today'; default: the "
              "meeting date in audit.yaml, else today).")
@click.option("--final", is_flag=True, help="Mark the review complete first (stored, as the Briefing page's "
              "button): only confirmed findings and recorded strengths are drafted, with no DRAFT banner.")
@click.option("--reviewer", metavar="NAME", default="maca briefing --final", show_default=True,
              help="Who marks the review complete (with --final).")
def briefing(bundle: str, out_dir: str, db_url: str | None, as_of: str | None, final: bool, reviewer: str) -> None:
    """Draft the six-step briefing and the MACA composite action plan for BUNDLE.

    Drafts from the review as it stands: until the review is marked complete (--final, or the button on the
    Briefing page), every flag not yet decided is drafted and marked "not yet reviewed" under a DRAFT banner
    counting them, dismissed flags are left out and confirmed ones are in; once complete, only confirmed
    findings and recorded strengths. A decision's note appears only when ticked "for the briefing". The
    meeting (date, attendees, panel notes), panel strengths and edits to actions come from the same
    database. Names, dates of birth and agencies' case references from audit.yaml never appear in the
    briefing. Overdue actions are marked in the action plan.
    """
    from checker.check import run_check
    from checker.intake.bundle import load_bundle
    from checker.outputs.briefing import gather, write_briefing
    from checker.review import ensure_run
    from checker.storage import Store

    when = parse_as_of(as_of)
    try:
        loaded = load_bundle(bundle)
        if not loaded.usable:
            raise click.ClickException("nothing usable could be read from the bundle (maca validate lists the "
                                       "problems)")
        result = run_check(loaded, as_of=when)
        with Store(db_url) as store:
            run_id = ensure_run(store, result, bundle)
            if final:
                store.mark_review_complete(result.audit_id, reviewer)
            data = gather(store, run_id, result)
        paths = write_briefing(data, out_dir)
    except CheckerError as exc:
        raise click.ClickException(str(exc)) from exc
    from checker.outputs.briefing import reviewed

    selection = reviewed(data.flags, data.complete)
    status = f"DRAFT, {selection.open} flag(s) not yet reviewed" if selection.draft else \
        "final: the review is complete"
    click.echo(f"Briefing ({status}) and action plan written:")
    for path in paths.values():
        click.echo(f"  {path}")
