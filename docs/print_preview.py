"""A picture of the flags workbook as it prints, for the docs: checks the sample, writes the flags workbook,
prints its first sheet (the one laid out for A4) to PDF with LibreOffice, and saves the first page as
docs/img/flags-printed.png.

    python docs/print_preview.py      # needs LibreOffice (bash .ci/libreoffice.sh), and one of: pdftoppm
                                      # (poppler-utils), pypdfium2 (pip install pypdfium2), or a LibreOffice
                                      # that exports PNG
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img" / "flags-printed.png"
DPI = 110


def _soffice(args: list[str], folder: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is not installed: run bash .ci/libreoffice.sh")
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    *args], check=True, capture_output=True, timeout=300)


def _first_page_png(pdf: Path, target: Path, folder: Path) -> None:
    """The PDF's first page as a PNG: pdftoppm, else pypdfium2, else LibreOffice's own PNG export."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(target.with_suffix(""))], check=True, timeout=120)
    elif importlib.util.find_spec("pypdfium2"):
        import pypdfium2

        page = pypdfium2.PdfDocument(str(pdf))[0]
        page.render(scale=DPI / 72).to_pil().save(target)
    else:
        _soffice(["--convert-to", "png", "--outdir", str(folder), str(pdf)], folder)
        shutil.move(folder / f"{pdf.stem}.png", target)


def main() -> None:
    import openpyxl

    from checker.check import run_check
    from checker.intake.bundle import load_bundle
    from checker.outputs.flags_xlsx import write_flags_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book_path = folder / "flags.xlsx"
        write_flags_xlsx(book_path, run_check(load_bundle(ROOT / "samples" / "homelessness")))
        book = openpyxl.load_workbook(book_path)
        for sheet in book.worksheets[1:]:
            book.remove(sheet)  # LibreOffice prints every sheet: keep the one laid out for paper
        book.save(book_path)
        _soffice(["--convert-to", "pdf", "--outdir", str(folder), str(book_path)], folder)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        _first_page_png(folder / "flags.pdf", OUT, folder)
    print(f"written {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
