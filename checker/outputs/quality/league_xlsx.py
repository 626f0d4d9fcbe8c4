"""The agency league table as a workbook (`maca quality --xlsx FILE`): a sheet laid out for A4 (rank, agency,
score, grade, points lost, the largest losses), the full table with the points lost per part of the score,
and every deduction with its case and what was found.

    write_league_xlsx("league.xlsx", report)
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from checker.model.wording import agency_name
from checker.outputs.exports import Cell, Table, write_xlsx
from checker.outputs.quality.packs import in_words
from checker.outputs.quality.score import Deduction, QualityReport

__all__ = ["league_tables", "write_league_xlsx", "LEAGUE_COLUMNS"]

_PARTS = ("completeness", "timeliness", "evidence", "consistency")
LEAGUE_COLUMNS = ("Rank", "Agency", "Score (out of 100)", "Grade", "Points lost", "Largest losses",
                  *(f"{p.capitalize()} points lost" for p in _PARTS), "Cases scored")
_PRINTED = LEAGUE_COLUMNS[:6]


def _largest(deductions: list[Deduction], titles: dict[str, str], top: int) -> str:
    """The `top` findings that cost the most, one a line: points, case, finding."""
    by_finding: dict[str, list[Deduction]] = {}
    for d in deductions:
        by_finding.setdefault(d.finding, []).append(d)
    ranked = sorted(by_finding.values(), key=lambda ds: -sum(d.points for d in ds))
    return "\n".join(f"−{sum(d.points for d in ds):.1f} {ds[0].case}: {titles.get(ds[0].finding) or in_words(ds[0].message)}"
                     for ds in ranked[:top])


def league_tables(report: QualityReport, top: int = 3) -> list[Table]:
    """The league table (best first), then every deduction."""
    if report.status == "skipped":
        return [Table("League table", LEAGUE_COLUMNS, [], empty=f"Audit quality not scored: {report.reason}.",
                      printed=_PRINTED)]
    titles = {f["id"]: str(f.get("title") or "") for f in report.findings}
    rows: list[list[Cell]] = []
    for rank, a in enumerate(report.agencies, start=1):
        parts = [round(a.components.get(p, 0.0), 1) for p in _PARTS]
        lost = ", ".join(f"{p} {v:.1f}" for p, v in zip(_PARTS, parts, strict=True))
        rows.append([rank, a.name, round(a.score, 1), a.grade, lost, _largest(a.deductions, titles, top), *parts,
                     len(a.cases)])
    names: dict[str, Any] = dict(report.audit.get("agency_names") or {})
    deductions: list[list[Cell]] = [[agency_name(names, d.agency), d.case, titles.get(d.finding) or "", d.component, round(d.points, 2),
                   in_words(d.message)] for a in report.agencies for d in a.deductions]
    return [
        Table("League table", LEAGUE_COLUMNS, rows, empty="No agency was scored.", printed=_PRINTED),
        Table("Deductions", ["Agency", "Case", "Finding", "Part of the score", "Points lost", "What was found"],
              deductions, empty="No deductions: every agency scored full marks."),
    ]


def write_league_xlsx(target: str | Path | IO[bytes], report: QualityReport) -> None:
    """Write the league table workbook (private, formula-safe: `checker.outputs.exports`)."""
    write_xlsx(target, league_tables(report), title=str(report.audit.get("title") or ""))
