#!/usr/bin/env bash
# CI: make sure Debian's chromium is present for the real-browser dashboard test (tests/dashboard/test_browser.py).
# Quiet and idempotent: does nothing when /usr/bin/chromium already exists. Playwright drives this binary via
# executable_path, so `playwright install` (which downloads its own browsers) is never run.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# apt's chatter (debconf notices) only shows if the install fails.
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "CI: installing chromium failed" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "CI: chromium did not install to /usr/bin/chromium" >&2
  exit 1
fi
