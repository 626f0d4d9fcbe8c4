"""The sample's printable workbooks and Word documents, written once for the print tests, and what a PDF says
about its pages (read from the PDF's own objects: no PDF library needed)."""

from __future__ import annotations

import collections
import re
import zlib
from pathlib import Path

from checker.check import CheckResult, run_check
from checker.intake.bundle import load_bundle
from checker.outputs.briefing import gather
from checker.outputs.briefing.source import briefing_files
from checker.outputs.flags_xlsx import write_flags_xlsx
from checker.outputs.problems_xlsx import write_problems_xlsx
from checker.outputs.quality.league_xlsx import write_league_xlsx
from checker.outputs.registry import find, write_output
from checker.review import ensure_run
from checker.storage import Store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
A4_LANDSCAPE = (841.89, 595.28)  # points


def sample_check() -> CheckResult:
    return run_check(load_bundle(SAMPLE))


def sample_briefing(checked: CheckResult, folder: Path) -> dict[str, bytes]:
    """The briefing files of the sample's run, stored in a new SQLite store in `folder`."""
    with Store(f"sqlite:///{folder / 'maca.sqlite'}") as store:
        return briefing_files(gather(store, ensure_run(store, checked), checked))


def write_workbooks(checked: CheckResult, briefing: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Every workbook a person prints, as the checker writes it for the sample: name -> path."""
    paths = {name: folder / f"{name}.xlsx" for name in ("flags", "referrals", "action-plan", "league", "problems")}
    write_flags_xlsx(paths["flags"], checked)
    write_output(find("worklist-xlsx"), paths["referrals"], checked)
    paths["action-plan"].write_bytes(briefing["action-plan.xlsx"])
    assert checked.quality is not None
    write_league_xlsx(paths["league"], checked.quality)
    loaded = checked.bundle
    write_problems_xlsx(paths["problems"], loaded.problems, loaded.counts, checked.manifest.audit.title)
    return paths


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size (width, height) in points, from its MediaBox (inherited from the page tree)."""
    boxes = [tuple(float(v) for v in m.groups()) for m in
             re.finditer(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    sizes = {(round(b[2] - b[0], 2), round(b[3] - b[1], 2)) for b in boxes}
    assert len(sizes) == 1, sizes  # one page size in the whole document
    return [sizes.pop()] * pages


def text_size(pdf: bytes) -> float:
    """The font size most of the document's text is set in (the `Tf` operators of its content streams)."""
    sizes: collections.Counter[float] = collections.Counter()
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            content = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        sizes.update(float(s) for s in re.findall(rb"/F\d+\s+([\d.]+)\s+Tf", content))
    return sizes.most_common(1)[0][0]
