"""Every Word document the checker writes is A4 (python-docx's blank document is US Letter): the briefing,
each agency's feedback pack and chase letter, and each agency's Word template — every section of each."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from checker.check import CheckResult
from checker.outputs.quality import write_feedback
from checker.outputs.templates import write_templates

A4_MM = (210.0, 297.0)
CHECKER = Path(__file__).resolve().parents[2] / "checker"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, sample_checked: CheckResult,
              briefing_bytes: dict[str, bytes]) -> dict[str, bytes]:
    """Every DOCX the checker writes for the sample: file name -> bytes."""
    folder = tmp_path_factory.mktemp("docx")
    checked = sample_checked
    out = {"briefing.docx": briefing_bytes["briefing.docx"]}
    assert checked.quality is not None
    written = write_feedback(checked.quality, folder / "feedback") + write_templates(checked.manifest, folder / "templates")
    out.update({p.name: p.read_bytes() for p in written if p.suffix == ".docx"})
    return out


def test_every_docx_writer_is_represented(documents: dict[str, bytes]) -> None:
    kinds = {"briefing": r"^briefing\.docx$", "feedback pack": r"-feedback\.docx$", "chase letter": r"-chase\.docx$",
             "Word template": r"^[a-z-]+-maca-[\w-]+\.docx$"}
    for kind, pattern in kinds.items():
        assert any(re.search(pattern, name) for name in documents), f"no {kind} among {sorted(documents)}"


def test_every_section_of_every_docx_is_a4_with_margins(documents: dict[str, bytes]) -> None:
    for name, data in documents.items():
        for section in Document(io.BytesIO(data)).sections:
            size = sorted((section.page_width.mm, section.page_height.mm))
            assert size == pytest.approx(A4_MM, abs=0.5), name
            for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
                assert 15 <= margin.mm <= 25, name


def test_no_writer_starts_a_word_document_but_the_a4_helper() -> None:
    """A new Word writer starts from `a4_document`, not python-docx's US Letter `Document()`."""
    starts = [str(p.relative_to(CHECKER)) for p in CHECKER.rglob("*.py")
              if re.search(r"(?<![\w.])Document\(\)", p.read_text(encoding="utf-8"))]
    assert starts == ["outputs/docx_writer.py"]
