"""Setting up audits from the dashboard: where new audits go, creating one from a set-up workbook, and editing
an audit's details later through the same workbook and the same checks (`checker.intake.setup_apply`).

    folder = audits_dir()                                  # $MACA_AUDITS, else <data dir>/audits (private)
    outcome = create_audit(data, folder, dry_run=True)     # problems and what would be created
    outcome = create_audit(data, folder)                   # audits/<audit id>/audit.yaml, chronologies/, returns/
    outcome = update_details(outcome.folder, edited, allow_removals=False)
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import openpyxl
import pandas as pd

from checker.intake.bundle import MANIFEST, BundleFiles, load_manifest
from checker.intake.setup_apply import Change, SetupOutcome, apply_setup
from checker.intake.setup_read import read_setup
from checker.model.audit import Manifest
from checker.model.private import private_dir
from checker.model.problems import Problem
from checker.model.setup import (
    AGENCIES_SHEET,
    AGENCY_COLUMNS,
    CASE_COLUMNS,
    CASES_SHEET,
    FIRST_ROW,
    PEOPLE_COLUMNS,
    PEOPLE_SHEET,
    PLAN_COLUMNS,
    PLANS_SHEET,
)
from checker.model.wording import agency_type_words, fmt_date, plan_words
from checker.outputs.setup_workbook import setup_workbook
from checker.outputs.templates import write_templates
from checker.storage import data_dir

__all__ = [
    "ENV_AUDITS",
    "audits_dir",
    "blank_workbook",
    "details_workbook",
    "read_audit",
    "create_audit",
    "update_details",
    "add_detail",
    "changes_table",
    "cases_table",
    "agencies_table",
    "audit_folders",
    "has_submissions",
    "templates_zip",
]

ENV_AUDITS = "MACA_AUDITS"


def audits_dir() -> Path:
    """Where the dashboard creates audits: $MACA_AUDITS (`maca dashboard --audits DIR`), else a private
    folder `audits` under the user's data folder; created (0700) if need be."""
    value = os.environ.get(ENV_AUDITS)
    return private_dir(Path(value).expanduser() if value else data_dir() / "audits")


def blank_workbook() -> bytes:
    return setup_workbook()


def read_audit(folder: Path) -> Manifest | None:
    """The audit in `folder` (its audit.yaml), or None if there is none or it cannot be read."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None
    manifest, _ = load_manifest(BundleFiles(str(folder), {MANIFEST: path.read_bytes()}))
    return manifest


def details_workbook(folder: Path) -> bytes:
    """The set-up workbook filled with the details of the audit in `folder`, to edit and upload again."""
    return setup_workbook(read_audit(folder))


def create_audit(data: bytes, audits: Path, *, source: str = "setup.xlsx", dry_run: bool = False) -> SetupOutcome:
    """A new audit in `audits/<audit id>` from a set-up workbook; refused if that folder already holds one."""
    read = read_setup(data, file_label=source)
    if read.document is None:
        return SetupOutcome(audits, problems=read.problems)
    audit_id = read.document["audit"]["id"]
    folder = audits / audit_id
    if (folder / MANIFEST).exists():
        problem = Problem("error", source, f"there is already an audit '{audit_id}' in {folder}", hint="Open it and "
                          "change it under Audit details on the Overview, or give this audit another Audit id "
                          "on the Audit sheet.", code="setup", part="sheet 'Audit'")
        return SetupOutcome(folder, problems=[*read.problems, problem])
    return apply_setup(folder, data, source=source, dry_run=dry_run)


def update_details(folder: Path, data: bytes, *, source: str = "setup.xlsx", allow_removals: bool = False,
                   dry_run: bool = False) -> SetupOutcome:
    """The audit in `folder` updated from an edited set-up workbook (as `maca new FOLDER --from`)."""
    return apply_setup(folder, data, source=source, allow_removals=allow_removals, dry_run=dry_run)


_COLUMNS = {AGENCIES_SHEET: AGENCY_COLUMNS, CASES_SHEET: CASE_COLUMNS, PEOPLE_SHEET: PEOPLE_COLUMNS,
            PLANS_SHEET: PLAN_COLUMNS}


def add_detail(folder: Path, sheet: str, values: Mapping[str, object], *, dry_run: bool = False) -> SetupOutcome:
    """Add one case, agency, person or plan (`values` by the column keys of `checker.model.setup`) to the audit
    in `folder`: a row added to its details workbook, read and applied exactly as an uploaded one."""
    columns = _COLUMNS[sheet]
    book = openpyxl.load_workbook(io.BytesIO(details_workbook(folder)))
    ws = book[sheet]
    row = FIRST_ROW
    while any(ws.cell(row=row, column=c).value not in (None, "") for c in range(1, len(columns) + 1)):
        row += 1
    for col, key in enumerate(columns, start=1):
        ws.cell(row=row, column=col).value = values.get(key)  # type: ignore[assignment]
    out = io.BytesIO()
    book.save(out)
    return update_details(folder, out.getvalue(), source="Audit details", dry_run=dry_run)


def changes_table(changes: list[Change]) -> pd.DataFrame:
    words = {"add": "added", "change": "changed", "remove": "removed",
             "keep": "kept: not in the workbook (tick 'Allow removals' to remove it)"}
    return pd.DataFrame([{"What": c.what, "Id": c.id, "Change": words[c.action]} for c in changes],
                        columns=["What", "Id", "Change"])


def cases_table(manifest: Manifest) -> pd.DataFrame:
    """One row per case: its reference, summary, children, adults, plans and the agencies expected."""
    names = {a.id: a.name for a in manifest.agencies}
    rows = []
    for case in manifest.cases:
        edd = case.pregnancy.expected_delivery if case.pregnancy else None
        children = [("unborn, due " + fmt_date(edd)) if c.unborn else (c.name or c.id) for c in case.children]
        plans = [f"{plan_words(p.type.value)} from {fmt_date(p.start)}" + (f" to {fmt_date(p.end)}" if p.end else "")
                 for p in case.plans]
        expected = case.expected_agencies if case.expected_agencies is not None else list(names)
        rows.append({"Case": case.id, "Reference": case.reference or "", "Summary": case.summary or "",
                     "Children": "; ".join(children), "Adults": "; ".join(a.role for a in case.adults),
                     "Plans": "; ".join(plans), "Agencies expected": "; ".join(names.get(a, a) for a in expected)})
    return pd.DataFrame(rows, columns=["Case", "Reference", "Summary", "Children", "Adults", "Plans",
                                       "Agencies expected"])


def agencies_table(manifest: Manifest) -> pd.DataFrame:
    rows = [{"Id": a.id, "Agency": a.name, "Type": agency_type_words(a.type.value),
             "Safeguarding lead": a.lead_role or "", "Other names": "; ".join(a.aliases)} for a in manifest.agencies]
    return pd.DataFrame(rows, columns=["Id", "Agency", "Type", "Safeguarding lead", "Other names"])


def audit_folders(audits: Path) -> list[tuple[Path, str]]:
    """(folder, title) of every audit under `audits`, newest first."""
    found = []
    for folder in sorted(audits.iterdir() if audits.is_dir() else [], key=lambda p: -p.stat().st_mtime):
        manifest = read_audit(folder) if folder.is_dir() else None
        if manifest is not None:
            found.append((folder, manifest.audit.title))
    return found


def has_submissions(folder: Path) -> bool:
    """Whether the audit in `folder` lists any chronology or return yet (a new audit lists none)."""
    manifest = read_audit(folder)
    return manifest is not None and bool(manifest.submissions.chronologies or manifest.submissions.returns)


def templates_zip(folder: Path) -> bytes:
    """Every expected agency's templates for the audit in `folder` (as `maca templates`), in one .zip."""
    manifest = read_audit(folder)
    if manifest is None:
        return b""
    out = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="maca-templates-") as tmp, zipfile.ZipFile(out, "w") as archive:
        for path in write_templates(manifest, tmp):
            archive.write(path, path.name)
    return out.getvalue()
