"""Gather one audit's `BriefingData` from a store and a check result, and write the briefing files.

    data = gather(store, run_id, result)
    paths = write_briefing(data, "out/")         # briefing.md, briefing.docx, action-plan.xlsx

The store and the result are used through the few methods and attributes named below (`StoreLike`,
`ResultLike`), so this layer does not import the storage or check layers above it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from checker.engine.catalogue import Catalogue
from checker.model.errors import CheckerError
from checker.model.private import private_dir, write_private
from checker.outputs.briefing.action_plan import Action, write_action_plan
from checker.outputs.briefing.content import Briefing, build_briefing
from checker.outputs.briefing.data import BriefingData
from checker.outputs.briefing.privacy import leaks
from checker.outputs.briefing.writer_docx import write_briefing_docx
from checker.outputs.briefing.writer_md import briefing_markdown
from checker.outputs.panel_findings import finding_flags

__all__ = ["StoreLike", "ResultLike", "gather", "write_briefing", "briefing_file", "briefing_files", "render",
           "action_changes",
           "attendee_rows", "FILE_NAMES"]

FILE_NAMES = {"markdown": "briefing.md", "docx": "briefing.docx", "plan": "action-plan.xlsx"}


class StoreLike(Protocol):
    def run(self, run_id: int) -> dict[str, Any]: ...
    def changes(self, run_id: int) -> dict[str, list[dict[str, Any]]]: ...
    def meeting(self, audit_id: str) -> dict[str, Any] | None: ...
    def panel_notes(self, audit_id: str) -> dict[str, dict[str, Any]]: ...
    def strengths(self, audit_id: str) -> list[dict[str, Any]]: ...
    def action_edits(self, audit_id: str) -> dict[str, dict[str, Any]]: ...
    def runs(self, audit_id: str | None = None) -> list[dict[str, Any]]: ...
    def review_complete(self, audit_id: str) -> dict[str, Any] | None: ...
    def findings(self, audit_id: str | None = None) -> list[dict[str, Any]]: ...


class ResultLike(Protocol):
    bundle: Any
    catalogue: Catalogue
    quality: Any  # the quality report: `.agencies`, each with `to_dict()`; None when not scored

    @property
    def frame(self) -> Any: ...
    @property
    def outcomes(self) -> list[Any]: ...


def _quality(result: ResultLike) -> list[dict[str, Any]]:
    report = result.quality
    return [a.to_dict() for a in report.agencies] if report is not None else []


def gather(store: StoreLike, run_id: int, result: ResultLike, today: dt.date | None = None) -> BriefingData:
    """Everything the briefing needs about one stored run of an audit (with decisions, meeting and edits, and
    the findings the panel added, drafted as confirmed flags)."""
    manifest = result.bundle.manifest
    if manifest is None:
        raise CheckerError("the bundle has no readable audit.yaml, so there is nothing to brief on")
    audit_id = manifest.audit.id
    run = store.run(run_id)
    changes = store.changes(run_id)
    earlier = [r for r in store.runs(audit_id) if r["id"] < run["id"]]
    return BriefingData(
        manifest=manifest,
        catalogue=result.catalogue,
        flags=changes["new"] + changes["persisting"] + changes["resolved"]
        + finding_flags(store.findings(audit_id), result.catalogue, result.frame),
        outcomes=[o.to_dict() if hasattr(o, "to_dict") else dict(o) for o in result.outcomes],
        frame=result.frame,
        returns=tuple(result.bundle.returns),
        quality=_quality(result),
        meeting=store.meeting(audit_id),
        panel_notes=store.panel_notes(audit_id),
        panel_strengths=store.strengths(audit_id),
        action_edits=store.action_edits(audit_id),
        has_previous_run=bool(earlier),
        today=today or getattr(result, "as_of", None) or dt.date.today(),  # OVERDUE as at the audit's date
        complete=store.review_complete(audit_id) is not None,
    )


def _checked(data: BriefingData) -> tuple[Briefing, str]:
    briefing = build_briefing(data)
    text = briefing_markdown(briefing)
    found = leaks(text, data.manifest)
    if found:
        raise CheckerError(
            f"the briefing was not written: {len(found)} identifier(s) from audit.yaml would appear in it. "
            "Check the panel notes and strengths for names, dates of birth or case references."
        )
    return briefing, text


def briefing_file(data: BriefingData, name: str) -> bytes:
    """One of FILE_NAMES' files as bytes (the dashboard makes each only when it is downloaded)."""
    briefing, text = _checked(data)
    if name == FILE_NAMES["markdown"]:
        return text.encode("utf-8")
    buffer = io.BytesIO()
    if name == FILE_NAMES["docx"]:
        write_briefing_docx(buffer, briefing)
    elif name == FILE_NAMES["plan"]:
        write_action_plan(buffer, briefing.actions, data)
    else:
        raise ValueError(f"unknown briefing file {name!r}: one of {', '.join(FILE_NAMES.values())}")
    return buffer.getvalue()


def briefing_files(data: BriefingData) -> dict[str, bytes]:
    """{file name: content} of briefing.md, briefing.docx and action-plan.xlsx.

    Refuses (CheckerError) if any name, date of birth or agency reference from audit.yaml is left in the
    briefing text: a last check behind the pseudonymiser."""
    briefing, text = _checked(data)
    docx, xlsx = io.BytesIO(), io.BytesIO()
    write_briefing_docx(docx, briefing)
    write_action_plan(xlsx, briefing.actions, data)
    return {FILE_NAMES["markdown"]: text.encode("utf-8"), FILE_NAMES["docx"]: docx.getvalue(),
            FILE_NAMES["plan"]: xlsx.getvalue()}


def write_briefing(data: BriefingData, folder: str | Path) -> dict[str, Path]:
    """Write briefing.md, briefing.docx and action-plan.xlsx into `folder` (nothing if the briefing would
    name anyone); returns their paths by kind ("markdown", "docx", "plan")."""
    files = briefing_files(data)
    out = private_dir(folder, export=True)
    paths = {key: out / name for key, name in FILE_NAMES.items()}
    for key, path in paths.items():
        write_private(path, files[FILE_NAMES[key]])
    return paths


def render(data: BriefingData) -> tuple[Briefing, str, list[str]]:
    """The briefing, its Markdown and any identifiers from audit.yaml left in it (empty: safe), for a preview."""
    briefing = build_briefing(data)
    text = briefing_markdown(briefing)
    return briefing, text, leaks(text, data.manifest)


def action_changes(before: Action, /, **fields: object) -> dict[str, object]:
    """The fields a person changed on an action's form (unchanged ones left out, so the trail says what moved)."""
    changed: dict[str, object] = {}
    for name, value in fields.items():
        current = getattr(before, name)
        if isinstance(value, str):
            value = value.strip()
        if (value or None) != (current or None):
            changed[name] = value.isoformat() if isinstance(value, dt.date) else value
    return changed


def attendee_rows(rows: Sequence[Mapping[str, object]]) -> list[dict[str, str]]:
    """Attendees from an edited table: blank rows dropped, agency and role only."""
    out = []
    for row in rows:
        agency, role = str(row.get("agency") or "").strip(), str(row.get("role") or "").strip()
        if agency and agency.lower() != "none" or role:
            out.append({"agency": agency, "role": role})
    return out
