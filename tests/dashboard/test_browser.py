"""A real browser on a real server: `maca dashboard` on a free localhost port with a throw-away database,
driven by headless Chromium (Debian's `chromium`, through Playwright's `executable_path`; `.ci/browser.sh`
installs it). Every high-severity flag `maca check --json -` reports for the sample must be visible on the
Flags page. A screenshot is saved in the test's tmp_path (its path is printed).

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


@pytest.fixture
def dashboard(tmp_path: Path) -> Iterator[str]:
    """`maca dashboard` on a free localhost port and a fresh SQLite file; yields its URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MACA_", "STREAMLIT_"))}
    env["HOME"] = str(tmp_path / "home")  # no ~/.streamlit of the person running the tests
    command = [*MACA, "dashboard", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'maca.sqlite'}"]
    log = (tmp_path / "dashboard.log").open("wb")
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


def _high_flag_ids() -> list[str]:
    out = subprocess.run([*MACA, "check", str(SAMPLE_BUNDLE), "--json", "-"], capture_output=True, check=True)
    result = json.loads(out.stdout)
    return [f["id"] for f in result["flags"] if f["severity"] == "high"]


def test_every_high_flag_is_visible_on_the_flags_page(dashboard: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        _missing("Chromium is not installed at /usr/bin/chromium")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")

    high = _high_flag_ids()
    assert high, "the sample should raise high-severity flags"
    screenshot = tmp_path / "flags-page.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            headless=True,
            args=ARGS,
            viewport={"width": 1600, "height": 1200},
        )
        try:
            page = browser.new_page()
            page.goto(f"{dashboard}/flags", timeout=PAGE_TIMEOUT)
            table = page.locator('[data-testid="stTable"]').first
            expect(table).to_contain_text(high[0], timeout=PAGE_TIMEOUT)
            page.screenshot(path=str(screenshot), full_page=True)
            missing = []
            for fid in high:  # each cell, scrolled to, must be on screen (not merely in the DOM)
                cell = table.get_by_text(fid, exact=True).first
                if cell.count() == 0 or not cell.is_visible():
                    missing.append(fid)
                    continue
                cell.scroll_into_view_if_needed()
                expect(cell).to_be_in_viewport()
        finally:
            browser.close()
    print(f"screenshot: {screenshot}")
    assert screenshot.stat().st_size > 0
    assert not missing, f"high-severity flags not visible on the Flags page: {missing}"
