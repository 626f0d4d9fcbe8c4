"""The generated templates open in LibreOffice (headless) without error: one XLSX and one DOCX become PDFs;
filled in and saved again by LibreOffice, they still read exactly the same.

LibreOffice missing is a skip on a workstation (`bash .ci/libreoffice.sh`, or `apt-get install
--no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui`, installs it) and a failure under
CI=true, which `.ci/run` sets after installing it, as for PostgreSQL and Chromium.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from libreoffice import soffice
from template_fill import AUDIT_YAML, HV_CASES, HV_CHRONOLOGY, fill_docx, fill_xlsx

from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns


def test_templates_convert_to_pdf(templates: dict[str, bytes], tmp_path: Path) -> None:
    program = soffice()
    names = ["hv-maca-test-templates.xlsx", "hv-maca-test-templates.docx"]
    for name in names:
        source = tmp_path / name
        source.write_bytes(templates[name])
        out = tmp_path / f"pdf-{source.suffix[1:]}"
        result = subprocess.run(
            [program, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
             "--convert-to", "pdf", "--outdir", str(out), str(source)],
            capture_output=True, text=True, timeout=240, check=False,
        )
        assert result.returncode == 0, result.stderr
        pdf = out / f"{source.stem}.pdf"
        assert pdf.is_file(), result.stdout + result.stderr
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000


def _resave(program: str, source: Path, out: Path, profile: Path) -> bytes:
    result = subprocess.run(
        [program, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", source.suffix[1:], "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr
    return (out / source.name).read_bytes()


def test_filled_templates_saved_by_libreoffice_read_the_same(templates: dict[str, bytes], tmp_path: Path) -> None:
    """An agency that fills the template in LibreOffice and saves it: the stamp survives, the answers and
    chronology read exactly as from the file it was given."""
    program = soffice()
    filled = {
        "xlsx": fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, HV_CHRONOLOGY),
        "docx": fill_docx(templates["hv-maca-test-templates.docx"], HV_CASES, HV_CHRONOLOGY),
    }
    for kind, data in filled.items():
        results = []
        for label, payload in (("as given", data), ("resaved", None)):
            if payload is None:
                source = tmp_path / f"filled.{kind}"
                source.write_bytes(data)
                payload = _resave(program, source, tmp_path / f"resaved-{kind}", tmp_path / "profile")
            folder = tmp_path / f"{kind}-{label}"
            folder.mkdir()
            (folder / "audit.yaml").write_text(AUDIT_YAML, encoding="utf-8")
            report = file_returns(folder, [(f"x.{kind}", payload)], received=dt.date(2019, 3, 8))
            assert report.outcomes[0].status == "filed", report.outcomes[0].line()
            loaded = load_bundle(folder, today=dt.date(2019, 3, 20))
            answers = sorted((r.case, a.question, a.answer, a.grade, a.evidence) for r in loaded.returns
                             for a in r.answers)
            rows = loaded.chronology[["case", "date_text", "event", "impact", "action"]].values.tolist()
            results.append((answers, rows))
        assert results[1] == results[0], kind
