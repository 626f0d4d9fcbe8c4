#!/usr/bin/env bash
# CI: make sure Debian's LibreOffice (no-GUI Calc and Writer) is present for the test that opens the generated
# templates headless and converts them to PDF (tests/templates/test_libreoffice.py).
# Quiet and idempotent: does nothing when `soffice` is already on the PATH.
set -euo pipefail

if command -v soffice >/dev/null 2>&1; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui libreoffice-writer-nogui; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "CI: installing LibreOffice failed" >&2
  exit 1
fi

if ! command -v soffice >/dev/null 2>&1; then
  echo "CI: LibreOffice installed but soffice is not on the PATH" >&2
  exit 1
fi
