#!/usr/bin/env bash
# CI: make sure Debian's chromium is present for the real-browser dashboard test (tests/dashboard/test_browser.py).
# Quiet and idempotent: does nothing when /usr/bin/chromium already exists. Playwright drives this binary via
# executable_path, so `playwright install` (which downloads its own browsers) is never run.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

bash "$(dirname "$0")/apt-install.sh" chromium chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "CI: chromium did not install to /usr/bin/chromium" >&2
  exit 1
fi
