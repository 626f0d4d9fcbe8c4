"""A real browser on a real server: `maca dashboard` on a free localhost port with a throw-away database,
driven by headless Chromium (Debian's `chromium`, through Playwright's `executable_path`; `.ci/browser.sh`
installs it). The Overview opens with the act-today box, whose new high flags open from their rows; on a
1366×768 laptop, selecting a row of the Flags table opens that flag in view without scrolling; the reviewer's
name survives a reload until they change it; the flags workbook downloads with every flag `maca check --json -` reports; no ScriptRunContext warning; a
decision made on the Flags page is still on its flag after a late return is filed on the Upload page; a
finding added on the Case page (its evidence picked in the chronology table) is on the Flags page after a reload.

Skips when Chromium or Playwright is missing, except under CI=true, where that fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.model.datafiles import SAMPLE_BUNDLE

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
_SCRIPT = Path(sys.executable).with_name("maca")
MACA = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "checker.cli.main"]  # the `maca` command
START_TIMEOUT = 90  # seconds for the server to answer
PAGE_TIMEOUT = 120_000  # ms for the Flags page to show the table (the first session checks the sample)

pytestmark = pytest.mark.browser


def _missing(what: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {what} (run .ci/browser.sh and install the test extras)")
    pytest.skip(what)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"maca dashboard exited early with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise AssertionError(f"maca dashboard did not answer on {url} within {START_TIMEOUT} s")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`maca dashboard` on a free localhost port and a fresh SQLite file; yields its URL."""
    tmp_path = tmp_path_factory.mktemp("dashboard")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MACA_", "STREAMLIT_"))}
    env["HOME"] = str(tmp_path / "home")  # no ~/.streamlit of the person running the tests
    command = [*MACA, "dashboard", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'maca.sqlite'}"]
    log_path = tmp_path / "dashboard.log"
    log = log_path.open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://localhost:{port}"
        _wait_until_up(url, server)
        yield url
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
    assert "ScriptRunContext" not in log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def browser(dashboard: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module's tests (skips, or fails under CI=true, when it is missing)."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        _missing("Chromium is not installed at /usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            headless=True, args=ARGS, viewport={"width": 1600, "height": 1200}, accept_downloads=True,
        )  # fmt: skip
        try:
            yield context
        finally:
            context.close()


def _flags() -> list[dict[str, Any]]:
    out = subprocess.run([*MACA, "check", str(SAMPLE_BUNDLE), "--json", "-"], capture_output=True, check=True)
    return list(json.loads(out.stdout)["flags"])


def _open(browser: Any, url: str, ready: str) -> Any:
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(url, timeout=PAGE_TIMEOUT)
    expect(page.locator(ready).first).to_be_visible(timeout=PAGE_TIMEOUT)
    return page


def test_the_overview_opens_with_what_to_do_today(dashboard: str, browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = _open(browser, dashboard, ".st-key-act_today")
    box = page.locator(".st-key-act_today")
    expect(box).to_contain_text("Act today", timeout=PAGE_TIMEOUT)
    expect(box).to_contain_text("Immediate concern — case-4")
    expect(box).to_contain_text("Confirm with Early Help — case-4")
    expect(box).to_contain_text("confirm Early Help has the eviction date")
    expect(box).to_contain_text("Who:")
    charts = page.get_by_role("heading", name="Flags by severity")
    expect(charts).to_be_visible(timeout=PAGE_TIMEOUT)
    assert box.bounding_box()["y"] < charts.bounding_box()["y"]  # before anything else on the page
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    _click_first_row(page, box.locator('[data-testid="stDataFrame"]').first)  # a new high flag opens where listed
    drawer = page.get_by_role("dialog")
    expect(drawer.get_by_role("heading", name=re.compile(r"^HIGH"))).to_be_visible(timeout=PAGE_TIMEOUT)
    expect(drawer.get_by_text("Review decision")).to_be_visible()
    page.close()


def _click_first_row(page: Any, grid: Any) -> None:
    """Click the first row of a dataframe's grid (drawn on a canvas once the grid appears)."""
    from playwright.sync_api import expect

    expect(grid).to_be_visible(timeout=PAGE_TIMEOUT)
    page.wait_for_timeout(1500)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's selection box, under the header


def _in_view(page: Any, locator: Any) -> bool:
    box, view = locator.bounding_box(), page.viewport_size
    return bool(box) and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= view["height"] and (
        box["x"] + box["width"] <= view["width"])


def test_on_a_laptop_a_selected_row_opens_its_flag_in_view_and_the_name_is_remembered(
    dashboard: str, browser: Any
) -> None:
    from playwright.sync_api import expect

    flags = _flags()
    page = browser.new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{dashboard}/flags", timeout=PAGE_TIMEOUT)
    expect(page.get_by_text(f"{len(flags)} of {len(flags)} flags")).to_be_visible(timeout=PAGE_TIMEOUT)
    expect(page.get_by_text("Select a flag's row in the table to open it")).to_be_attached()
    name = page.get_by_label("Your name (recorded on every decision)")
    name.fill("J. Smith")
    name.press("Enter")
    expect(page.get_by_text("Reviewing as J. Smith")).to_be_visible(timeout=PAGE_TIMEOUT)
    page.wait_for_timeout(500)
    page.reload(timeout=PAGE_TIMEOUT)  # a new session: the browser remembered the name
    expect(page.get_by_text("Reviewing as J. Smith")).to_be_visible(timeout=PAGE_TIMEOUT)

    _click_first_row(page, page.locator('[data-testid="stDataFrame"]').first)
    first = flags[0]  # the most urgent flag comes first in the table, as in `maca check`
    drawer = page.get_by_role("dialog")
    heading = drawer.get_by_role("heading", name=first["title"])
    expect(heading).to_be_visible(timeout=PAGE_TIMEOUT)
    page.wait_for_timeout(500)  # the drawer has slid in
    assert _in_view(page, heading), (heading.bounding_box(), page.viewport_size)  # no scrolling to find it
    expect(drawer.locator('[data-testid="stMarkdownContainer"] code', has_text=first["id"])).to_be_visible()
    expect(drawer.get_by_text("Review decision")).to_be_visible()
    expect(drawer.get_by_role("button", name="Save decision as J. Smith")).to_be_attached()

    page.keyboard.press("Escape")  # close the flag; "Change name" then forgets the name in this browser too
    expect(drawer).to_have_count(0, timeout=PAGE_TIMEOUT)
    page.get_by_role("button", name="Change name").click()
    expect(page.get_by_label("Your name (recorded on every decision)")).to_be_visible(timeout=PAGE_TIMEOUT)
    page.wait_for_timeout(500)
    page.reload(timeout=PAGE_TIMEOUT)
    expect(page.get_by_label("Your name (recorded on every decision)")).to_be_visible(timeout=PAGE_TIMEOUT)
    page.close()


def test_the_flags_workbook_downloads_with_every_flag(dashboard: str, browser: Any, tmp_path: Path) -> None:
    import openpyxl

    flags = _flags()
    page = _open(browser, f"{dashboard}/flags", '[data-testid="stDownloadButton"]')
    with page.expect_download(timeout=PAGE_TIMEOUT) as download:
        page.get_by_role("button", name=f"Download these {len(flags)} flags (Excel)").click()
    target = tmp_path / "flags.xlsx"
    download.value.save_as(target)
    page.close()
    sheet = openpyxl.load_workbook(target)["Flags"]
    heads = [c.value for c in sheet[1]]
    ids = [row[heads.index("Flag id")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(f["id"] for f in flags)
    assert sheet.auto_filter.ref and sheet.print_title_rows == "$1:$1"


LATE_RETURN = ("Case,Date,Event\n"
               "case-2,06/07/2018,DSL referral to children's social care: Mia says Alfie has missed hospital appointments\n")


@pytest.fixture
def copied_dashboard(tmp_path: Path) -> Iterator[str]:
    """`maca dashboard` on a copy of the sample (the Upload page files into it) and its own database."""
    bundle = tmp_path / "audit"
    shutil.copytree(SAMPLE_BUNDLE, bundle)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MACA_", "STREAMLIT_"))}
    env["HOME"] = str(tmp_path / "home")
    command = [*MACA, "dashboard", str(bundle), "--port", str(port), "--db", f"sqlite:///{tmp_path / 'maca.sqlite'}"]
    with (tmp_path / "dashboard.log").open("wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            url = f"http://localhost:{port}"
            _wait_until_up(url, server)
            yield url
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def _open_first_flag(page: Any, **filters: str) -> None:
    from playwright.sync_api import expect

    for key, value in filters.items():  # e.g. case="case-2": the Flags page's filter of that name
        page.locator(f".st-key-filter_{key}").get_by_role("combobox").first.click()
        page.keyboard.type(value[:20])  # the list shows a few options at a time: narrow it first
        page.get_by_role("option", name=value, exact=True).click()
        page.keyboard.press("Escape")
        page.wait_for_timeout(1000)
    _click_first_row(page, page.locator('[data-testid="stDataFrame"]').first)
    expect(page.get_by_role("dialog").get_by_text("Review decision")).to_be_visible(timeout=PAGE_TIMEOUT)


def test_a_decision_survives_a_late_return_filed_on_the_upload_page(copied_dashboard: str, browser: Any,
                                                                     tmp_path: Path) -> None:
    from playwright.sync_api import expect

    # Case 2's missed health appointments: the late return adds a record their flags cite (issue 20, Why 1)
    chosen = {"case": "case-2", "rule": "Missed health appointments not escalated"}
    browser.clear_cookies()  # no reviewer's name remembered from another test
    page = _open(browser, f"{copied_dashboard}/flags", '[data-testid="stDataFrame"]')
    name = page.get_by_label("Your name (recorded on every decision)")
    name.fill("J. Smith")
    name.press("Enter")
    page.wait_for_timeout(1000)
    _open_first_flag(page, **chosen)
    expect(page.get_by_role("heading", name=chosen["rule"])).to_be_visible(timeout=PAGE_TIMEOUT)
    decided = page.locator('[data-testid="stMarkdownContainer"] code',
                           has_text=re.compile(r"^f-[0-9a-f]{16}$")).first.inner_text()
    page.locator('[data-testid="stRadio"]').get_by_text("Confirmed", exact=True).click()
    page.get_by_role("button", name="Save decision as J. Smith").click()
    expect(page.get_by_text("Saved: Confirmed on flag").first).to_be_visible(timeout=PAGE_TIMEOUT)

    late = tmp_path / "brookfield-case-2.csv"
    late.write_text(LATE_RETURN, encoding="utf-8")
    page.goto(f"{copied_dashboard}/upload", timeout=PAGE_TIMEOUT)
    page.locator(".st-key-intake_files input[type=file]").set_input_files(str(late))
    page.get_by_role("button", name=re.compile(r"^File 1 file")).click()
    agency = page.locator(".st-key-intake_agency_0")
    expect(agency).to_be_visible(timeout=PAGE_TIMEOUT)
    for key, value in (("intake_agency_0", "brookfield"), ("intake_case_0", "case-2")):
        page.locator(f".st-key-{key}").get_by_role("combobox").first.click()
        page.get_by_role("option", name=value, exact=True).click()
        page.wait_for_timeout(800)
    bundle = tmp_path / "audit"
    before = {p.name for p in (bundle / "chronologies").iterdir()}  # the sample already has brookfield.csv
    page.get_by_role("button", name="File it").click()

    def filed() -> list[str]:  # the new file, once audit.yaml lists it (the filing writes the file first)
        manifest = (bundle / "audit.yaml").read_text(encoding="utf-8")
        return [p.name for p in (bundle / "chronologies").iterdir()
                if p.name not in before and f"chronologies/{p.name}" in manifest]

    deadline = time.monotonic() + PAGE_TIMEOUT / 1000
    while not filed() and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert filed(), "the Upload page did not file the late return into the bundle and audit.yaml"

    page.goto(f"{copied_dashboard}/flags", timeout=PAGE_TIMEOUT)  # reload: the bundle changed, checked again
    _open_first_flag(page, **chosen)
    expect(page.get_by_role("heading", name=chosen["rule"])).to_be_visible(timeout=PAGE_TIMEOUT)
    expect(page.locator('[data-testid="stMarkdownContainer"] code', has_text=decided)).to_be_visible()
    expect(page.get_by_text("Confirmed by J. Smith").first).to_be_visible(timeout=PAGE_TIMEOUT)
    expect(page.locator('[data-testid="stAlert"]', has_text="Evidence changed since the decision")).to_be_visible(
        timeout=PAGE_TIMEOUT)
    page.screenshot(path=str(tmp_path / "after-late-return.png"), full_page=True)
    page.close()


def test_a_finding_added_on_the_case_page_shows_on_the_flags_page_after_a_reload(dashboard: str, browser: Any) -> None:
    """Last in the module: the shared dashboard's store then holds a finding the panel added."""
    from playwright.sync_api import expect

    theme = "Missed opportunity to start care proceedings"
    browser.clear_cookies()  # no reviewer's name remembered from another test
    page = _open(browser, f"{dashboard}/case", '[data-testid="stDataFrame"]')
    name = page.get_by_label("Your name (recorded on every decision)")
    name.fill("A. Khan")
    name.press("Enter")
    form = page.locator('[data-testid="stForm"]')  # the Case page's one form, on the first case
    expect(form.get_by_role("button", name="Add finding as A. Khan")).to_be_visible(timeout=PAGE_TIMEOUT)
    grid = page.locator(".st-key-timeline_table_case-1 [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # the grid draws its rows on a canvas after it appears
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first entry's selection box: picked as evidence
    entries = page.locator(".st-key-finding_entries_case-1")
    expect(entries).to_contain_text("12/06/2017 · Riverside Medical Practice", timeout=PAGE_TIMEOUT)
    form.get_by_label("Theme, when no rule covers it").fill(theme)
    page.locator(".st-key-finding_agencies_case-1").get_by_role("combobox").first.click()
    page.keyboard.type("Northshire Children")
    page.get_by_role("option", name="Northshire Children's Trust — Children's Social Care").click()
    page.keyboard.press("Escape")
    form.get_by_label("Note: what the panel found").fill("Threshold for proceedings met by spring 2018")
    form.get_by_role("button", name="Add finding as A. Khan").click()
    expect(page.get_by_text(re.compile(r"Added finding p-[0-9a-f]{12} to case-1"))).to_be_visible(timeout=PAGE_TIMEOUT)

    page.goto(f"{dashboard}/flags", timeout=PAGE_TIMEOUT)  # a reload: from the store, not the session
    marked = page.get_by_text("Added by the panel: 1 finding")
    expect(marked).to_be_visible(timeout=PAGE_TIMEOUT)
    table = page.locator('[data-testid="stTable"]', has_text=theme)
    expect(table).to_contain_text("A. Khan")
    expect(table).to_contain_text("Northshire Children's Trust — Children's Social Care")
    page.close()
