"""`maca referrals`: the same-day Early Help referral worklist for families facing eviction (a thin shell)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, TextIO

import click

from checker.cli.options import parse_as_of
from checker.cli.outpaths import require_writable, write_text
from checker.model.errors import CheckerError, RuleError

if TYPE_CHECKING:
    from checker.outputs.referrals import Referral, ReferralList

__all__ = ["referrals"]


def _days(n: int | None) -> str:
    if n is None:
        return "date not known"
    if n == 0:
        return "today"
    return f"in {n} day{'s' if n != 1 else ''}" if n > 0 else f"{-n} day{'s' if n != -1 else ''} ago, OVERDUE"


def _print_entry(r: Referral, out: TextIO) -> None:
    when = f"{r.eviction_date:%a %d/%m/%Y}" if r.eviction_date else "date not known"
    click.echo(f"  {r.case:10} {r.document} {when} ({_days(r.days_until)}) — {r.household.summary}", file=out)
    if r.list_name == "refer_today":
        click.echo(f"  {'':10} refer by {r.refer_by:%a %d/%m/%Y}, support by {r.support_by:%a %d/%m/%Y}", file=out)
    elif r.imminent_from:
        click.echo(f"  {'':10} becomes imminent {r.imminent_from:%a %d/%m/%Y}", file=out)
    eh = r.early_help
    click.echo(f"  {'':10} Early Help: " + (f"ALREADY REFERRED (since {eh.since:%d/%m/%Y}, {eh.how})"
                                           if eh.already_referred and eh.since else "not engaged"), file=out)
    refs = "; ".join(f"{name}: {ref}" for _, name, ref in r.references) or "none in audit.yaml"
    click.echo(f"  {'':10} references: {refs}", file=out)
    click.echo(f"  {'':10} {r.reason}", file=out)
    if r.other_flags:
        click.echo(f"  {'':10} other flags: {', '.join(f['rule'] for f in r.other_flags)}", file=out)


def _print(worklist: ReferralList, title: str, out: TextIO) -> None:
    from checker.outputs.referrals import LIST_LABEL

    click.echo(f"Eviction worklist — {title} — as of {worklist.as_of:%a %d/%m/%Y}", file=out)
    for name, entries in (("refer_today", worklist.refer_today), ("watch", worklist.watch)):
        click.echo(f"\n{LIST_LABEL[name]} ({len(entries)})", file=out)
        if not entries:
            click.echo("  nobody", file=out)
        for entry in entries:
            _print_entry(entry, out)


@click.command("referrals")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--as-of", "as_of", metavar="DATE", help="Date the worklist is for (YYYY-MM-DD or 'today'; "
              "default: the meeting date in audit.yaml, else today).")
@click.option("--csv", "csv_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the worklist as CSV, one row per household.")
@click.option("--xlsx", "xlsx_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the worklist as XLSX: a Households sheet and an Evidence sheet.")
@click.option("--json", "json_path", metavar="FILE", help="Write the entries as JSON ('-' for stdout).")
def referrals(bundle: str, as_of: str | None, csv_path: str | None, xlsx_path: str | None,
              json_path: str | None) -> None:
    """List families facing eviction in BUNDLE: who to refer to Early Help today, and who to watch.

    Refer today: a bailiff date within 14 days, a possession order's date reached, or an eviction past
    with no rehousing. Watch: threatened with homelessness within 56 days. Both thresholds come from the
    rules imminent-eviction and threatened-homelessness-no-referral. CSV and XLSX are safe to open in
    Excel and carry only the case id, agency references, the facts and evidence excerpts.
    """
    from checker.check import run_check
    from checker.intake.bundle import load_bundle
    from checker.outputs.exports import write_csv, write_xlsx

    when = parse_as_of(as_of)
    require_writable(csv_path, "--csv")
    require_writable(xlsx_path, "--xlsx")
    require_writable(json_path, "--json")
    out = sys.stderr if json_path == "-" else sys.stdout
    try:
        loaded = load_bundle(bundle)
        if loaded.manifest is None or loaded.chronology.empty:
            raise click.ClickException("no chronology could be read from the bundle (maca validate lists the problems)")
        worklist = run_check(loaded, as_of=when).worklist
        assert worklist is not None  # run_check always builds it
    except (CheckerError, RuleError) as exc:
        raise click.ClickException(str(exc)) from exc
    _print(worklist, loaded.manifest.audit.title, out)
    tables = worklist.tables()
    try:
        if csv_path:
            write_csv(csv_path, tables[0])
        if xlsx_path:
            write_xlsx(xlsx_path, tables)
    except OSError as exc:
        raise click.ClickException(f"could not write the worklist ({exc.strerror or type(exc).__name__}: "
                                   f"{exc.filename})") from exc
    if json_path:
        text = json.dumps({"as_of": worklist.as_of.isoformat(), "referrals": worklist.to_json()},
                          indent=2, ensure_ascii=False) + "\n"
        write_text(json_path, text, "--json")
