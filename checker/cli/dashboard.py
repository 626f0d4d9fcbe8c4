"""`maca dashboard`: serve the review dashboard (the only command that loads Streamlit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from checker.cli.options import OVERRIDES_HELP, parse_as_of, use_overrides
from checker.cli.shell import _fail
from checker.model.datafiles import SAMPLE_BUNDLE

__all__ = ["dashboard"]


@click.command()
@click.argument("bundle", required=False, type=click.Path(exists=True))
@click.option("--db", "db_url", metavar="URL", help="Database for runs and review decisions (default: "
              "$MACA_DB_URL, else ~/.local/share/maca/maca.sqlite). PostgreSQL: postgresql://…")
@click.option("--as-of", "as_of", metavar="DATE", help="Date to judge by (26/03/2019, 26 Mar 2019 or 'today'; default: "
              "the meeting date in audit.yaml, else today).")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="localhost", show_default=True, help="Address to serve on. Keep "
              "localhost unless a sign-in proxy fronts it (docs/dashboard.md).")
@click.option("--audits", "audits", metavar="DIR", type=click.Path(file_okay=False), help="Folder the New "
              "audit page creates audits in (default: a private folder 'audits' under ~/.local/share/maca).")
@click.option("--overrides", "overrides", metavar="DIR", type=click.Path(file_okay=False), help=OVERRIDES_HELP +
              " The Rules page's \"adopt for every audit\" writes there.")
def dashboard(bundle: str | None, db_url: str | None, as_of: str | None, port: int, address: str,
              audits: str | None, overrides: str | None) -> None:
    """Open the review dashboard on BUNDLE (default: the sample homelessness audit) at http://ADDRESS:PORT."""
    import os

    from checker.model.errors import StorageError
    from checker.review import ENV_AS_OF, ENV_BUNDLE, MAX_UPLOAD_MB
    from checker.review.signin import proxy_setup_problem
    from checker.storage import ENV_URL, Store
    from dashboard.serve import serve  # only this command loads Streamlit

    when = parse_as_of(as_of)
    use_overrides(overrides)  # checked now; in $MACA_OVERRIDES for the server
    if problem := proxy_setup_problem(os.environ):
        _fail(problem)  # proxy sign-in without the proxy's secret: anyone on the machine could name themselves
    try:
        with Store(db_url) as store:  # fail here, with a readable message, rather than in the browser
            click.echo(f"Runs and decisions are kept in {store.url}", err=True)
    except StorageError as exc:
        _fail(str(exc))
    env = dict(os.environ)
    env[ENV_BUNDLE] = str(Path(bundle or SAMPLE_BUNDLE).resolve())
    if db_url:
        env[ENV_URL] = db_url
    if when:
        env[ENV_AS_OF] = when.isoformat()
    if audits:
        from checker.review.audits import ENV_AUDITS

        env[ENV_AUDITS] = str(Path(audits).resolve())
    options: dict[str, Any] = {
        "server.address": address, "server.port": port, "server.headless": True,
        "server.maxUploadSize": MAX_UPLOAD_MB, "browser.gatherUsageStats": False,
        "global.developmentMode": False, "client.toolbarMode": "minimal",
    }  # fmt: skip
    taken = _port_taken(address, port)
    if taken:
        _fail(f"port {port} on {address} is already in use ({taken}); another dashboard may be running there. "
              f"Open that one, or start this one on another port: maca dashboard --port {_free_port(address, port)}")
    os.environ.update(env)
    click.echo(f"Serving the dashboard on http://{address}:{port} (Ctrl+C stops it)", err=True)
    serve(options)


def _port_taken(address: str, port: int) -> str:
    """Why the port cannot be served on ('' when it can)."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
            probe.bind((address, port))
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return ""


def _free_port(address: str, port: int) -> int:
    for candidate in range(port + 1, min(port + 50, 65535)):
        if not _port_taken(address, candidate):
            return candidate
    return port + 1
