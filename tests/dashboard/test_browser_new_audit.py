"""A real browser on `maca dashboard --audits DIR`: on the New audit page, upload a filled set-up workbook,
create the audit, open it, and see its cases on the Overview (as tests/dashboard/test_browser.py, whose
Chromium fixture this uses; skips without Chromium or Playwright, fails under CI=true)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_browser import MACA, PAGE_TIMEOUT, _free_port, _open, _wait_until_up, browser  # noqa: F401

from checker.outputs.setup_workbook import setup_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "newaudit"))
from new_fill import fill  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def audits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("audits")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory, audits: Path) -> Iterator[str]:
    """`maca dashboard --audits DIR` on a free localhost port and a fresh SQLite file; yields its URL."""
    tmp_path = tmp_path_factory.mktemp("dashboard-new")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MACA_", "STREAMLIT_"))}
    env["HOME"] = str(tmp_path / "home")
    command = [*MACA, "dashboard", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'maca.sqlite'}",
               "--audits", str(audits)]
    log_path = tmp_path / "dashboard.log"
    with log_path.open("wb") as log:
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
    assert "Traceback" not in log_path.read_text(encoding="utf-8", errors="replace")


def test_create_an_audit_from_an_uploaded_workbook_and_open_it(
        dashboard: str, browser: Any, audits: Path, tmp_path: Path) -> None:  # noqa: F811 - the shared fixture
    from playwright.sync_api import expect

    workbook = tmp_path / "neglect setup.xlsx"
    workbook.write_bytes(fill(setup_workbook()))
    page = _open(browser, f"{dashboard}/new_audit", ".st-key-setup_file")
    page.locator(".st-key-setup_file input[type=file]").set_input_files(str(workbook))
    expect(page.get_by_text("The workbook reads cleanly")).to_be_visible(timeout=PAGE_TIMEOUT)
    page.get_by_role("button", name="Create the audit").click()
    expect(page.get_by_text("Audit created in")).to_be_visible(timeout=PAGE_TIMEOUT)
    manifest = yaml.safe_load((audits / "maca-2026-neglect" / "audit.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["cases"]] == ["case-1", "case-2"]
    with page.expect_download(timeout=PAGE_TIMEOUT) as download:
        page.get_by_role("button", name="Download every agency's templates (.zip)").click()
    target = tmp_path / "templates.zip"
    download.value.save_as(target)
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == sorted(f"{agency}-maca-2026-neglect.{ext}" for agency in (
            "childrens-social-care", "health-visiting", "police") for ext in ("docx", "xlsx"))
    page.get_by_role("button", name="Open this audit").click()
    expect(page.get_by_role("heading", name="Audit details")).to_be_visible(timeout=PAGE_TIMEOUT)
    expect(page.get_by_text("Cases: case-1, case-2")).to_be_visible()
    expect(page.get_by_text("3 agencies, 2 cases")).to_be_visible()
    page.screenshot(path=str(tmp_path / "new-audit-overview.png"), full_page=True)
    page.close()
