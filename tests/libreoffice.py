"""LibreOffice for the tests that open the checker's files in it: where `soffice` is, or a skip on a
workstation (saying what to run) and a failure under CI=true, as for PostgreSQL and Chromium."""

from __future__ import annotations

import os
import shutil

import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        what = "LibreOffice is not installed (no soffice on the PATH): run bash .ci/libreoffice.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {what}")
        pytest.skip(what)
    return found
