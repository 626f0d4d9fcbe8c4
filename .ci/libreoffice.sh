#!/usr/bin/env bash
# CI: make sure Debian's LibreOffice (no-GUI Calc and Writer) is present for the test that opens the generated
# templates headless and converts them to PDF (tests/templates/test_libreoffice.py).
# Quiet and idempotent: does nothing when `soffice` is already on the PATH.
set -euo pipefail

if command -v soffice >/dev/null 2>&1; then
  exit 0
fi

bash "$(dirname "$0")/apt-install.sh" LibreOffice libreoffice-calc-nogui libreoffice-writer-nogui

if ! command -v soffice >/dev/null 2>&1; then
  echo "CI: LibreOffice installed but soffice is not on the PATH" >&2
  exit 1
fi
