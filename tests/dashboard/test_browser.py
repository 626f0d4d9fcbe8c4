"""A real browser on a real server: `maca dashboard` on a free localhost port with a throw-away database,
driven by headless Chromium (Debian's `chromium`, through Playwright's `executable_path`; `.ci/browser.sh`
installs it). The Overview opens with the act-today box; selecting a row of the Flags table opens that flag;
the flags workbook downloads with every flag `maca check --json -` reports; no ScriptRunContext warning.

Skips when Chromium or Playwright is missing, except under CI=true, where that fails the test.
"""

from __future__ import annotations

import json
import os
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
    page.close()


def test_selecting_a_row_opens_that_flag(dashboard: str, browser: Any) -> None:
    from playwright.sync_api import expect

    flags = _flags()
    page = _open(browser, f"{dashboard}/flags", '[data-testid="stDataFrame"]')
    expect(page.get_by_text(f"{len(flags)} of {len(flags)} flags")).to_be_visible(timeout=PAGE_TIMEOUT)
    expect(page.get_by_text("Select a flag's row in the table to open it")).to_be_visible()
    grid = page.locator('[data-testid="stDataFrame"]').first
    page.wait_for_timeout(1500)  # the grid draws its rows on a canvas after it appears
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's selection box, under the header
    first = flags[0]  # the most urgent flag comes first in the table, as in `maca check`
    heading = page.get_by_role("heading", name=first["title"])
    expect(heading).to_be_visible(timeout=PAGE_TIMEOUT)
    expect(page.locator('[data-testid="stMarkdownContainer"] code', has_text=first["id"])).to_be_visible()
    expect(page.get_by_text("Review decision").first).to_be_visible()
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
    sheet = openpyxl.load_workbook(target).worksheets[0]
    heads = [c.value for c in sheet[1]]
    ids = [row[heads.index("Flag id")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(f["id"] for f in flags)
    assert sheet.auto_filter.ref and sheet.print_title_rows == "$1:$1"
