"""`maca referrals`: the same-day Early Help referral worklist for families facing eviction (a thin shell)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, TextIO

import click

from checker.cli.options import parse_as_of
from checker.cli.outpaths import require_writable, write_text
from checker.cli.progress import Progress, quiet_option
from checker.cli.report import echo_wrapped
from checker.model.errors import CheckerError, RuleError
from checker.model.wording import count, fmt_date

if TYPE_CHECKING:
    from checker.outputs.referrals import Referral, ReferralList

__all__ = ["referrals"]


def _days(n: int | None) -> str:
    if n is None:
        return "date not known"
    if n == 0:
        return "today"
    return f"in {count(n, 'day')}" if n > 0 else f"{count(-n, 'day')} ago, OVERDUE"


def _day(day: dt.date | None) -> str:
    return f"{day:%a} {fmt_date(day)}" if day else "date not known"


def _print_entry(r: Referral, out: TextIO) -> None:
    echo_wrapped(f"  {r.case}: {r.document} {_day(r.eviction_date)} ({_days(r.days_until)}) — {r.household.summary}",
                 out)
    eh = r.early_help
    if r.list_name == "refer_today":
        if eh.already_referred:
            echo_wrapped(f"    Already engaged with Early Help since {fmt_date(eh.since)} ({eh.how}): confirm "
                         f"today that Early Help has the eviction date and a plan for that day "
                         f"(by {_day(r.refer_by)}).", out)
        else:
            echo_wrapped(f"    Not engaged with Early Help: refer by {_day(r.refer_by)}; support to start by "
                         f"{_day(r.support_by)}.", out)
    else:
        if r.imminent_from:
            echo_wrapped(f"    Becomes imminent {_day(r.imminent_from)}.", out)
        echo_wrapped("    Early Help: " + (f"engaged since {fmt_date(eh.since)} ({eh.how})."
                                          if eh.already_referred else "not engaged."), out)
    echo_wrapped(f"    {r.reason}", out)
    for _, name, ref in r.references:
        echo_wrapped(f"    Reference at {name}: {ref}", out)
    if r.other_flags:
        titles = "; ".join(f"{f['title']} ({f['severity']})" for f in r.other_flags)
        echo_wrapped(f"    Other flags on this case: {titles}.", out)


PRINT_AT_MOST = 50
"""With a file written, a list longer than this prints its first households and says the rest are in the file."""


def _print(worklist: ReferralList, title: str, out: TextIO, written: str | None = None) -> None:
    from checker.outputs.referrals import LIST_LABEL

    echo_wrapped(f"Eviction worklist — {title} — as of {_day(worklist.as_of)}", out)
    for name, entries in (("refer_today", worklist.refer_today), ("watch", worklist.watch)):
        click.echo(f"\n{LIST_LABEL[name]} ({count(len(entries), 'household')})", file=out)
        if not entries:
            click.echo("  Nobody on this list.", file=out)
        shown = entries[:PRINT_AT_MOST] if written and len(entries) > PRINT_AT_MOST else entries
        for entry in shown:
            _print_entry(entry, out)
        if len(shown) < len(entries):
            echo_wrapped(f"  … and {count(len(entries) - len(shown), 'more household')}, most urgent first: "
                         f"every household is in {written}.", out)


@click.command("referrals")
@click.argument("bundle", type=click.Path(exists=True))
@click.option("--as-of", "as_of", metavar="DATE", help="Date the worklist is for (26/03/2019, 26 Mar 2019 or 'today'; "
              "default: the meeting date in audit.yaml, else today).")
@click.option("--csv", "csv_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the worklist as CSV, one row per household.")
@click.option("--xlsx", "xlsx_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the worklist as XLSX: a Households sheet and an Evidence sheet.")
@click.option("--json", "json_path", metavar="FILE", help="Write the entries as JSON ('-' for stdout).")
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: every core; a bundle "
              "of under 300 cases is checked in this process). The worklist is the same for any number.")
@quiet_option
def referrals(bundle: str, as_of: str | None, csv_path: str | None, xlsx_path: str | None,
              json_path: str | None, workers: int | None, quiet: bool) -> None:
    """List families facing eviction in BUNDLE: who to refer to Early Help today, and who to watch.

    Refer today: a bailiff date within 14 days, a possession order's date reached, or an eviction past
    with no rehousing. Watch: threatened with homelessness within 56 days. Both thresholds come from the
    rules imminent-eviction and threatened-homelessness-no-referral. CSV and XLSX are safe to open in
    Excel and carry only the case id, agency references, the facts and evidence excerpts.
    """
    from checker.check.stream import check_bundle
    from checker.intake.bundle import load_bundle
    from checker.outputs.exports import write_csv, write_xlsx

    when = parse_as_of(as_of)
    require_writable(csv_path, "--csv")
    require_writable(xlsx_path, "--xlsx", suffix=".xlsx")
    require_writable(json_path, "--json")
    out = sys.stderr if json_path == "-" else sys.stdout
    try:
        with Progress(0, unit="files", verb="read", quiet=quiet) as bar:
            loaded = load_bundle(bundle, progress=bar.update)
        if loaded.manifest is None or loaded.chronology.empty:
            raise click.ClickException("no chronology could be read from the bundle (maca validate lists the problems)")
        # every core for a sweep; the flags are not kept (only the worklist is wanted here)
        with Progress(len(loaded.manifest.cases), quiet=quiet) as bar:
            worklist = check_bundle(loaded, as_of=when, workers=workers, keep=False, progress=bar.update).worklist
        assert worklist is not None  # a check always builds it
    except (CheckerError, RuleError) as exc:
        raise click.ClickException(str(exc)) from exc
    written = next((f"the {flag} file" for flag, path in (("--xlsx", xlsx_path), ("--csv", csv_path),
                                                         ("--json", json_path)) if path and path != "-"), None)
    _print(worklist, loaded.manifest.audit.title, out, written)
    tables = worklist.tables()
    try:
        if csv_path:
            write_csv(csv_path, tables[0])
        if xlsx_path:
            write_xlsx(xlsx_path, tables, title=loaded.manifest.audit.title)
    except OSError as exc:
        raise click.ClickException(f"could not write the worklist ({exc.strerror or type(exc).__name__}: "
                                   f"{exc.filename})") from exc
    for path, what in ((csv_path, "Referrals worklist (CSV)"), (xlsx_path, "Referrals worklist (Excel)")):
        if path and path != "-":
            click.echo(f"{what} written to {path}", file=out)
    if json_path:
        text = json.dumps({"as_of": worklist.as_of.isoformat(), "referrals": worklist.to_json()},
                          indent=2, ensure_ascii=False) + "\n"
        write_text(json_path, text, "--json")
