"""The agency templates: for each expected agency, an Excel workbook and a Word audit tool, pre-filled from
audit.yaml and stamped so a returned file identifies itself (`checker.intake.template_stamp`).

    written = write_templates(manifest, "out/")     # [Path, ...]: <agency>-<audit>.xlsx and .docx each

The layout is declared in `checker.model.templates`, which the readers use to find their way back.
May import `checker.model` and `checker.intake`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checker.model.audit import AuditTool, Manifest, load_audit_tool
from checker.model.private import private_dir, write_private
from checker.model.templates import agencies_expected
from checker.outputs.templates.docx import docx_template
from checker.outputs.templates.xlsx import xlsx_template

__all__ = ["write_templates", "template_names", "xlsx_template", "docx_template"]


def template_names(manifest: Manifest, agency: str) -> tuple[str, str]:
    """The file names of an agency's two templates: `<agency>-<audit>.xlsx` and `.docx`."""
    base = f"{agency}-{manifest.audit.id}"
    return f"{base}.xlsx", f"{base}.docx"


def write_templates(
    manifest: Manifest,
    folder: str | Path,
    *,
    tool: AuditTool | None = None,
    now: dt.datetime | None = None,
) -> list[Path]:
    """Write the XLSX and DOCX template of every expected agency into `folder` (created if need be)."""
    tool = tool or load_audit_tool()
    now = now or dt.datetime.now().replace(microsecond=0)
    target = private_dir(folder, export=True)
    written: list[Path] = []
    for agency in agencies_expected(manifest):
        xlsx_name, docx_name = template_names(manifest, agency)
        write_private(target / xlsx_name, xlsx_template(manifest, agency, tool, now=now))
        write_private(target / docx_name, docx_template(manifest, agency, tool, now=now))
        written += [target / xlsx_name, target / docx_name]
    return written
