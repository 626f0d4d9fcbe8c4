"""Streamlit glue shared by the dashboard's pages: cached catalogue, store and check results, the active
audit of this session, the reviewer's identity, and a few drawing helpers.

The pages stay thin: each calls `active()` and draws what `checker.review` / `dashboard.views`
return. Check results are computed once per process per (bundle digest, as-of date) and shared read-only.

Sign-in (see docs/dashboard.md): `MACA_AUTH=oidc` requires Streamlit's `st.login` and takes the reviewer's
name from the identity; `MACA_AUTH=proxy` takes it from the header a reverse proxy sets (`MACA_AUTH_HEADER`,
default `X-Forwarded-User`), believed only with the proxy's shared secret (`MACA_AUTH_PROXY_SECRET`,
`checker.review.signin`); otherwise the reviewer types their name once per session.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pandas as pd
import streamlit as st

from checker import review
from checker.check import CheckResult
from checker.engine.catalogue import Catalogue, load_catalogue
from checker.intake.bundle import LoadedBundle, load_bundle, open_bundle
from checker.model.errors import CheckerError
from checker.model.problems import Problem
from checker.model.wording import count
from checker.review.signin import proxy_identity, proxy_setup_problem
from checker.storage import ENV_URL, Store
from dashboard.checking import check_with_progress
from dashboard.plain import md_escape

__all__ = [
    "problem_counts",
    "Active",
    "active",
    "catalogue",
    "store",
    "reviewer",
    "sidebar",
    "use_upload",
    "use_folder",
    "bundle_path",
    "problems_table",
    "warm",
    "show_problems",
    "chart_and_table",
    "coverage",
]

ENV_AUTH = "MACA_AUTH"
ENV_AUTH_HEADER = "MACA_AUTH_HEADER"
_UPLOAD = "maca_upload"  # session key: the uploaded bundle's files, when the session switched to one
_FOLDER = "maca_folder"  # session key: the audit folder this session opened (New audit page)
_REVIEWER = "maca_reviewer"


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """The rule catalogue, compiled once per process."""
    return load_catalogue()


def _close(store: Store) -> None:
    store.close()


@st.cache_resource(show_spinner=False, max_entries=4, on_release=_close)
def _store(url: str | None) -> Store:
    return Store(url)


def store() -> Store:
    """The results database ($MACA_DB_URL, else the default SQLite file), one engine per process."""
    return _store(os.environ.get(ENV_URL) or None)


@st.cache_resource(show_spinner="Checking the bundle…", max_entries=8)
def _result(digest: str, as_of: str | None, _load: Callable[[], LoadedBundle]) -> CheckResult:
    """Check results by bundle digest and as-of date: the rules run once per process per bundle."""
    bundle = _load()
    if not bundle.usable:
        raise _Unusable(bundle)
    return check_with_progress(bundle, dt.date.fromisoformat(as_of) if as_of else None)


class _Unusable(Exception):
    def __init__(self, bundle: LoadedBundle) -> None:
        super().__init__("the bundle has nothing usable")
        self.bundle = bundle


def _load_upload(files: tuple[tuple[str, bytes], ...]) -> LoadedBundle:
    with tempfile.TemporaryDirectory(prefix="maca-upload-") as tmp:
        return review.load_upload(files, Path(tmp))


def validate_upload(files: Sequence[tuple[str, bytes]]) -> LoadedBundle | None:
    """Read an upload (not yet checked); show why it was refused and return None if it cannot be read."""
    try:
        with st.spinner("Reading the bundle…"):
            return _load_upload(tuple(files))
    except CheckerError as exc:
        st.error(f"The upload was refused: {exc}")
        return None


def show_counts(bundle: LoadedBundle) -> None:
    """Rows read, loaded and rejected per file (read = loaded + rejected)."""
    rows = [
        {"File": c.file, "Kind": c.kind, "Agency": c.agency or "", "Rows read": c.read, "Loaded": c.loaded,
         "Rejected": c.rejected}
        for c in sorted(bundle.counts, key=lambda c: c.file)
    ]
    title = bundle.manifest.audit.title if bundle.manifest else "(audit.yaml could not be read)"
    read, loaded, rejected = (sum(getattr(c, k) for c in bundle.counts) for k in ("read", "loaded", "rejected"))
    st.markdown(f"**{title}** — {len(rows)} files: {read} rows read, {loaded} loaded, {rejected} rejected.")
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, key="upload_counts")


def use_upload(files: Sequence[tuple[str, bytes]], digest: str) -> None:
    """Make an uploaded (and validated) bundle this session's active audit."""
    st.session_state.pop(_FOLDER, None)
    st.session_state[_UPLOAD] = {"files": tuple(files), "digest": digest}


def use_folder(folder: Path) -> None:
    """Make the audit in `folder` (one created on the New audit page) this session's active audit."""
    st.session_state.pop(_UPLOAD, None)
    st.session_state[_FOLDER] = str(folder)


def use_configured() -> None:
    st.session_state.pop(_UPLOAD, None)
    st.session_state.pop(_FOLDER, None)


def bundle_path() -> Path:
    """The audit folder (or zip) this session shows when no bundle was uploaded: one opened on the New audit
    page, else the one `maca dashboard` was started on."""
    folder = st.session_state.get(_FOLDER)
    return Path(folder) if folder else review.configured_bundle()


@dataclass(frozen=True, slots=True)
class Active:
    """This session's audit: the check results, where they are stored and the stored run."""

    result: CheckResult
    store: Store
    run_id: int
    source: str

    @property
    def audit_id(self) -> str:
        return self.result.audit_id


def warm() -> None:
    """Fill this process's caches before the first visitor: the rule catalogue, the configured bundle's check
    and its stored run. `maca dashboard` calls it in the background as the server starts; a failure here is
    left for the first page to report."""
    catalogue()
    as_of = review.configured_as_of()
    path = review.configured_bundle()
    digest = open_bundle(path).digest()
    result = _result(digest, as_of.isoformat() if as_of else None, lambda: load_bundle(path))
    review.ensure_run(store(), result, path)


def active() -> Active:
    """The session's active audit, checked (cached) and stored; stops the page with the problems if the
    bundle cannot be used."""
    as_of = review.configured_as_of()
    as_of_key = as_of.isoformat() if as_of else None
    upload = st.session_state.get(_UPLOAD)
    try:
        if upload:
            files = upload["files"]
            result = _result(upload["digest"], as_of_key, lambda: _load_upload(files))
            source = "uploaded bundle"
            where = None
        else:
            path = bundle_path()
            digest = open_bundle(path).digest()
            result = _result(digest, as_of_key, lambda: load_bundle(path))
            source = where = str(path)
        db = store()
        run_id = review.ensure_run(db, result, where)
    except _Unusable as exc:
        st.error("Nothing usable could be read from the bundle. Fix these problems and load it again.")
        show_problems(exc.bundle.problems)
        st.stop()
    except CheckerError as exc:
        st.error(str(exc))
        st.stop()
    return Active(result=result, store=db, run_id=run_id, source=source)


# --- identity ---------------------------------------------------------------------------------------------


def _identity() -> str | None:
    mode = os.environ.get(ENV_AUTH, "").strip().lower()
    if mode == "oidc":
        if not st.user.get("is_logged_in"):
            return None
        return str(st.user.get("name") or st.user.get("email") or "") or None
    if mode == "proxy":  # believed only with the proxy's shared secret (checker.review.signin)
        return proxy_identity(st.context.headers, os.environ)
    return None


def reviewer() -> str | None:
    """The reviewer's name for this session: the signed-in identity, else what they typed once (in this browser:
    see `_remembered`)."""
    return _identity() or st.session_state.get(_REVIEWER)


# Without sign-in, the typed name is remembered by the browser in a cookie (a year; this site only), read once per
# session from the request that opened it (st.context.cookies) and written or cleared by a line of script.
_COOKIE = "maca_reviewer"
_COOKIE_READ = "maca_reviewer_cookie_read"  # session key: the cookie was read for this session
_COOKIE_HOLDS = "maca_reviewer_cookie"  # session key: the name the browser's cookie holds, as far as we know
_NAME_LIMIT = 120


def _remembered() -> None:
    """Once per session: take the name this browser remembered, unless the session already has one."""
    if st.session_state.get(_COOKIE_READ):
        return
    st.session_state[_COOKIE_READ] = True
    raw = st.context.cookies.get(_COOKIE)
    name = unquote(raw).strip()[:_NAME_LIMIT] if isinstance(raw, str) else ""  # not a str: no browser (AppTest)
    if name:
        st.session_state.setdefault(_REVIEWER, name)
        st.session_state[_COOKIE_HOLDS] = name


def _write_cookie(name: str | None) -> None:
    """Set (or, for None, clear) the browser's cookie when it differs from the session's name."""
    if st.session_state.get(_COOKIE_HOLDS) == name:
        return
    st.session_state[_COOKIE_HOLDS] = name
    value, age = (quote(name, safe=""), 31_536_000) if name else ("", 0)  # quoted: no ; " < or newline reaches JS
    st.html(f'<script>document.cookie = "{_COOKIE}={value}; Max-Age={age}; Path=/; SameSite=Strict"'
            ' + (location.protocol === "https:" ? "; Secure" : "");</script>', unsafe_allow_javascript=True)


def _sign_in_gate() -> None:
    mode = os.environ.get(ENV_AUTH, "").strip().lower()
    if mode == "oidc" and not st.user.get("is_logged_in"):
        st.title("MACA checker")
        st.write("Sign in to review this audit.")
        st.button("Sign in", on_click=st.login, key="sign_in")
        st.stop()
    if mode == "proxy" and proxy_setup_problem(os.environ) is not None:
        st.error("This server is set up for sign-in through a reverse proxy but has no proxy secret, so it "
                 "shows nothing. Ask whoever runs it to set MACA_AUTH_PROXY_SECRET (docs/dashboard.md).")
        st.stop()
    if mode == "proxy" and _identity() is None:
        st.error("This server expects sign-in through its reverse proxy, and no identity arrived with the "
                 "proxy's secret. Open it through the partnership's sign-in address.")
        st.stop()


def _set_reviewer() -> None:
    name = (st.session_state.get("reviewer_input") or "").strip()
    if name:
        st.session_state[_REVIEWER] = name


def _change_reviewer() -> None:
    st.session_state.pop(_REVIEWER, None)


def sidebar() -> None:
    """Sign-in gate, then the audit and the reviewer in the sidebar (called by app.py on every page)."""
    _sign_in_gate()
    if _identity() is None:
        _remembered()
    with st.sidebar:
        name = reviewer()
        if name is None:
            st.text_input(
                "Your name (recorded on every decision)",
                key="reviewer_input",
                on_change=_set_reviewer,
                placeholder="e.g. J. Smith, QA officer",
            )
            st.caption("Press Enter to confirm. This browser remembers it until you change it.")
        else:
            st.markdown(f"Reviewing as **{md_escape(name)}**")
            if _identity() is None:
                st.button("Change name", key="change_reviewer", on_click=_change_reviewer)
        if _identity() is None:
            _write_cookie(name)
        if st.session_state.get(_UPLOAD) or st.session_state.get(_FOLDER):
            shown = "an uploaded bundle" if st.session_state.get(_UPLOAD) else f"the audit in {bundle_path().name}"
            st.caption(f"Showing {shown}.")
            st.button("Back to the configured bundle", key="use_configured", on_click=use_configured)


def header(current: Active, title: str) -> None:
    """Page title, one line saying which audit and as at when, and the run's details in an expander."""
    audit = current.result.manifest.audit
    st.title(title)
    source = "an uploaded bundle" if current.source == "uploaded bundle" else Path(current.source).name
    where = source if source == "an uploaded bundle" else f"the folder `{source}`"
    st.caption(f"{audit.title} · as at {current.result.as_of:%a} {current.result.as_of:%d/%m/%Y} · from {where}")
    with st.expander("About this run"):
        partnership = current.result.bundle.partnership
        own = {rule: {k: v for k, v in values.items() if k not in partnership.get(rule, {})}
               for rule, values in current.result.manifest.parameters.items()}
        overrides = _parameter_words(own) or "none (every rule at its default)"
        shared = f"; the partnership's, for every audit: {_parameter_words(partnership)}" if partnership else ""
        st.markdown(
            f"- **Run** {current.run_id}, stored in `{current.store.url}`\n"
            f"- **Rule set** `{current.result.ruleset}` — this audit's parameter changes: {overrides}{shared}\n"
            f"- **Bundle** `{current.result.bundle.digest}` ({current.source})\n"
            f"- **Judged as at** {current.result.as_of:%d/%m/%Y}"
        )


def _parameter_words(parameters: dict[str, dict[str, Any]]) -> str:
    return "; ".join(f"{rule}: " + ", ".join(f"{k} = {v}" for k, v in values.items())
                     for rule, values in sorted(parameters.items()) if values)


@st.cache_data(show_spinner=False, max_entries=64)
def example_message(rule_id: str) -> tuple[str, str] | None:
    """(example name, the rule's message as it read there) from running the rule's first flagging example."""
    from checker.examples import run_examples

    ran = run_examples(catalogue().get(rule_id), catalogue())
    return next(((ran.names[c], ran.messages[c]) for c in sorted(ran.messages)), None)


# --- drawing helpers --------------------------------------------------------------------------------------


def problems_table(problems: Sequence[Problem]) -> pd.DataFrame:
    rows = [
        {
            "Level": p.level.upper(),
            "File": (p.file or "(bundle)") + (f", {p.part}" if p.part else ""),  # sheet or table of a workbook/document
            "Row": "" if p.row is None else str(p.row),
            "Column": p.column or "",
            "Value": p.value or "",
            "Problem": p.message,
            "What to do": p.hint,
        }
        for p in problems
    ]
    return pd.DataFrame(rows, columns=["Level", "File", "Row", "Column", "Value", "Problem", "What to do"])


def problem_counts(problems: Sequence[Problem]) -> str:
    """'2 errors, 34 warnings and 5 notes': the same words wherever the problems are counted."""
    by = {level: sum(1 for p in problems if p.level == level) for level in ("error", "warning", "info")}
    text = f"{count(by['error'], 'error')}, {count(by['warning'], 'warning')}"
    return text + (f" and {count(by['info'], 'note')}" if by["info"] else "")


def show_problems(problems: Sequence[Problem], key: str = "problems") -> None:
    """Every problem, by file and row, errors first."""
    order = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(problems, key=lambda p: (order.get(p.level, 3), p.file, p.row or 0))
    st.markdown(f"**{problem_counts(problems)}**")
    if problems:
        st.dataframe(problems_table(ordered), hide_index=True, key=key, width="stretch")


def coverage(current: Active) -> None:
    """The agency coverage matrix: the quality module's when it is in the result, else what was received."""
    from dashboard import views

    matrix = views.coverage_matrix(current.result.quality.coverage if current.result.quality else None)
    if matrix is None:
        matrix = views.submissions_matrix(current.result)
        st.caption("What each agency sent for each case. 'EXPECTED — nothing received' marks an agency the case "
                   "expects that sent nothing.")
    st.dataframe(matrix, hide_index=True, key="coverage", width="stretch")


def chart_and_table(chart: Any, table: pd.DataFrame, *, key: str, ratio: tuple[int, int] = (3, 2)) -> None:
    """A chart with the same figures as a table beside it (charts never stand alone)."""
    left, right = st.columns(ratio)
    with left:
        st.altair_chart(chart, width="stretch")
    with right:
        st.dataframe(table, hide_index=True, key=key, width="stretch")
