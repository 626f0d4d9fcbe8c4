"""Screenshots of every dashboard page for the docs: starts `maca dashboard` on the sample with a throw-away
database, drives Debian's Chromium through Playwright (as tests/dashboard/test_browser.py does) and saves one
PNG per page in docs/img/, at the width of a 1366×768 laptop (the Flags page at exactly that size, with the most
urgent flag opened from its row).

    python docs/screenshots.py            # needs the test extras and /usr/bin/chromium (bash .ci/browser.sh)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PAGES = {  # file name -> (path, what must show before the shot)
    "overview": ("", '[data-testid="stVegaLiteChart"]'),
    "flags": ("flags", '[data-testid="stDataFrame"]'),
    "case": ("case", '[data-testid="stVegaLiteChart"]'),
    "quality": ("quality", '[data-testid="stDataFrame"]'),
    "referrals": ("referrals", '[data-testid="stDownloadButton"]'),
    "rules": ("rules", '[data-testid="stDataFrame"]'),
    "upload": ("upload", '[data-testid="stFileUploader"]'),
}
TIMEOUT = 120_000  # ms
WIDTH = 1366
HEIGHTS = {"overview": 1500, "flags": 768, "case": 1300, "quality": 1300, "referrals": 1200, "rules": 1100}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"maca dashboard exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"maca dashboard did not answer on {url}")


def _shoot(url: str) -> list[Path]:
    from playwright.sync_api import expect, sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": 1000})
            for name, (path, ready) in PAGES.items():
                page.set_viewport_size({"width": WIDTH, "height": HEIGHTS.get(name, 1000)})
                page.goto(f"{url}/{path}", timeout=TIMEOUT)
                expect(page.locator(ready).first).to_be_visible(timeout=TIMEOUT)
                page.wait_for_timeout(4000)  # charts and grids finish drawing
                if name == "flags":  # open the most urgent flag, as a reviewer would
                    box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
                    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)
                    drawer = page.get_by_role("dialog")
                    expect(drawer.get_by_text("Confirmed", exact=True)).to_be_visible(timeout=TIMEOUT)
                    expect(drawer.locator('[data-testid="stTable"]').first).to_be_visible(timeout=TIMEOUT)
                    page.wait_for_timeout(2500)
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
        finally:
            browser.close()
    return written


def main() -> None:
    maca = Path(sys.executable).with_name("maca")
    with tempfile.TemporaryDirectory(prefix="maca-shots-") as tmp:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MACA_", "STREAMLIT_"))}
        env["HOME"] = tmp
        server = subprocess.Popen(
            [str(maca), "dashboard", "--port", str(port), "--db", f"sqlite:///{tmp}/maca.sqlite"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            url = f"http://localhost:{port}"
            _wait(url, server)
            for path in _shoot(url):
                print(path.relative_to(ROOT))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
