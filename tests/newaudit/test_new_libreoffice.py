"""The set-up workbook opens in LibreOffice (headless): blank and filled it converts to PDF, and filled in,
saved again by LibreOffice, it reads back to exactly the same audit.

LibreOffice missing is a skip on a workstation (`bash .ci/libreoffice.sh` installs it) and a failure under
CI=true, as for the templates (tests/templates/test_libreoffice.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from libreoffice import soffice

from checker.intake.setup_read import read_setup


def _convert(source: Path, to: str, out: Path) -> Path:
    result = subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation={(out.parent / 'profile').as_uri()}",
         "--convert-to", to, "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr
    made = out / f"{source.stem}.{to}"
    assert made.is_file(), result.stdout + result.stderr
    return made


def test_setup_workbook_converts_to_pdf_and_survives_a_libreoffice_save(blank: bytes, filled: bytes,
                                                                        tmp_path: Path) -> None:
    for name, data in (("blank", blank), ("filled", filled)):
        source = tmp_path / f"{name}.xlsx"
        source.write_bytes(data)
        pdf = _convert(source, "pdf", tmp_path / f"pdf-{name}")
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
    resaved = _convert(tmp_path / "filled.xlsx", "xlsx", tmp_path / "resaved")
    again = read_setup(resaved.read_bytes())
    assert not again.errors, [p.line() for p in again.errors]
    assert again.document == read_setup(filled).document
