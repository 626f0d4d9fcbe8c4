"""The generated templates open in LibreOffice (headless) without error: one XLSX and one DOCX become PDFs.

LibreOffice missing is a failure, not a skip: `.ci/run` installs it (.ci/libreoffice.sh); on a workstation,
`apt-get install --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is not installed (no soffice on the PATH): run bash .ci/libreoffice.sh")
    return found


def test_templates_convert_to_pdf(templates: dict[str, bytes], tmp_path: Path) -> None:
    soffice = _soffice()
    names = ["hv-maca-test-templates.xlsx", "hv-maca-test-templates.docx"]
    for name in names:
        source = tmp_path / name
        source.write_bytes(templates[name])
        out = tmp_path / f"pdf-{source.suffix[1:]}"
        result = subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
             "--convert-to", "pdf", "--outdir", str(out), str(source)],
            capture_output=True, text=True, timeout=240, check=False,
        )
        assert result.returncode == 0, result.stderr
        pdf = out / f"{source.stem}.pdf"
        assert pdf.is_file(), result.stdout + result.stderr
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
