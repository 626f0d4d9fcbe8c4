"""The review workflow behind the dashboard: check a bundle, store the run once, list and filter its flags,
save review decisions safely. No Streamlit here: the pages call these and only draw what comes back.

    checked = check_bundle(load_bundle("samples/homelessness"))
    run_id = ensure_run(store, checked)            # reuses the latest run when nothing changed
    rows = review_flags(store, run_id, checked.result.catalogue, include_resolved=True)
    outcome = save_review(store, checked.audit_id, rows[0], "a.reviewer", "confirmed", expected_version=0)
    outcome.saved                                   # False on a conflict: outcome.current says who won
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import posixpath
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from checker.check import CheckResult, run_check
from checker.engine.catalogue import SEVERITY_ORDER, Catalogue
from checker.facts import Context
from checker.intake.bundle import BundleFiles, LoadedBundle, load_bundle, load_manifest
from checker.model.datafiles import SAMPLE_BUNDLE
from checker.model.errors import BundleError, ConflictError, StorageError
from checker.storage import FLAG_KEYS, Store

__all__ = [
    "SAMPLE_BUNDLE",
    "ENV_BUNDLE",
    "ENV_AS_OF",
    "DECISION_LABELS",
    "Checked",
    "SaveOutcome",
    "check_bundle",
    "configured_bundle",
    "configured_as_of",
    "usable",
    "MAX_UPLOAD_MB",
    "load_upload",
    "ensure_run",
    "stored_flag",
    "review_flags",
    "filter_options",
    "filter_flags",
    "flags_table",
    "evidence_table",
    "save_review",
    "decision_text",
    "filter_label",
    "flag_label",
    "FILTERS",
    "severity_label",
]

ENV_BUNDLE = "MACA_BUNDLE"
ENV_AS_OF = "MACA_AS_OF"

DECISION_LABELS = {
    "confirmed": "Confirmed",
    "dismissed": "Dismissed",
    "action_needed": "Action needed",
    "open": "Open",
}
_SEVERITY_TEXT = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW", "info": "INFO"}
_SEVERITY_MARK = {"high": "▲▲▲", "medium": "▲▲", "low": "▲", "info": "ℹ"}

_record_lock = threading.Lock()


def severity_label(severity: str) -> str:
    """Severity as text with a shape, so colour is never the only signal: 'HIGH ▲▲▲'."""
    return f"{_SEVERITY_TEXT.get(severity, severity.upper())} {_SEVERITY_MARK.get(severity, '')}".strip()


# --- checking ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Checked:
    """One bundle checked as at one date, with whatever quality and referral results this version computes."""

    result: CheckResult
    quality: list[dict[str, Any]] | None = None
    coverage: Any = None
    quality_status: dict[str, Any] = field(default_factory=dict)  # {"status": "assessed"|"skipped", "reason"}
    referrals: list[dict[str, Any]] | None = None
    worklist: Any = None  # the referrals module's own object (its `tables()` feed the downloads)
    notes: list[str] = field(default_factory=list)

    @property
    def audit_id(self) -> str:
        manifest = self.result.bundle.manifest
        assert manifest is not None  # run_check refuses a bundle without one
        return manifest.audit.id

    @property
    def digest(self) -> str:
        return self.result.bundle.digest


def usable(bundle: LoadedBundle) -> bool:
    """The same test as `maca check`: a readable manifest and some chronology or returns."""
    return bundle.manifest is not None and (not bundle.chronology.empty or bool(bundle.returns))


def configured_bundle() -> Path:
    """The bundle the dashboard opens on: $MACA_BUNDLE (set by `maca dashboard BUNDLE`), else the sample."""
    value = os.environ.get(ENV_BUNDLE)
    return Path(value) if value else SAMPLE_BUNDLE


def configured_as_of() -> dt.date | None:
    """$MACA_AS_OF (set by `maca dashboard --as-of`), else None (the manifest's meeting date)."""
    value = os.environ.get(ENV_AS_OF)
    return dt.date.fromisoformat(value) if value else None


def _extras(result: CheckResult) -> tuple[Any, Any, dict[str, Any], Any, Any, list[str]]:
    """Quality, coverage and referrals from the modules that compute them, when this version has them."""
    quality = coverage = referrals = worklist = None
    status: dict[str, Any] = {}
    notes: list[str] = []
    assess = _entry_point("checker.outputs.quality", "assess_quality")
    if "quality" in result.extra:  # run_check already scored quality
        quality, coverage = _as_dicts(result.extra["quality"]), result.extra.get("coverage")
        status = result.extra.get("quality_status") or {}
    elif assess is None:
        notes.append("quality")
    else:
        manifest = result.bundle.manifest
        assert manifest is not None
        ctx = Context(manifest=manifest, frame=result.frame, returns=tuple(result.bundle.returns), as_of=result.as_of)
        quality, coverage, status = _split_quality(assess(ctx, result.catalogue, result.flags))
    build = _entry_point("checker.outputs.referrals", "build_referrals")
    if build is None:
        notes.append("referrals")
    else:
        worklist = build(result)
        referrals = _as_dicts(worklist)
    return quality, coverage, status, referrals, worklist, notes


def _entry_point(module: str, name: str) -> Callable[..., Any] | None:
    """`module.name` if this installation has it (quality and referrals are optional stages)."""
    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    entry = getattr(found, name, None)
    return entry if callable(entry) else None


def _as_dicts(value: Any) -> list[dict[str, Any]]:
    """A list of records from whatever shape a module returns (list of dicts/objects, or to_json())."""
    if value is None:
        return []
    if hasattr(value, "to_json") and not isinstance(value, list | tuple):
        value = value.to_json()
    if isinstance(value, Mapping):
        for key in ("entries", "items", "agencies", "rows"):
            if isinstance(value.get(key), list):
                return _as_dicts(value[key])
        return [dict(value)]
    out = []
    for item in value:
        if isinstance(item, Mapping):
            out.append(dict(item))
        elif hasattr(item, "to_dict"):
            out.append(item.to_dict())
        elif hasattr(item, "model_dump"):
            out.append(item.model_dump(mode="json"))
        else:
            out.append(dict(vars(item)))
    return out


def _split_quality(assessed: Any) -> tuple[list[dict[str, Any]], Any, dict[str, Any]]:
    """(per-agency results, coverage, status) from the quality report's JSON form."""
    if hasattr(assessed, "to_json"):
        assessed = assessed.to_json()
    if isinstance(assessed, Mapping):
        body = assessed.get("quality", assessed.get("agencies", []))
        return _as_dicts(body), assessed.get("coverage"), dict(assessed.get("quality_status") or {})
    return _as_dicts(assessed), None, {}


def check_bundle(bundle: LoadedBundle, as_of: dt.date | None = None) -> Checked:
    """Run the checker on a loaded, usable bundle: risk flags, then quality and referrals where available."""
    result = run_check(bundle, as_of=as_of)
    quality, coverage, status, referrals, worklist, notes = _extras(result)
    return Checked(
        result, quality=quality, coverage=coverage, quality_status=status, referrals=referrals, worklist=worklist,
        notes=notes,
    )


MAX_UPLOAD_MB = 50
"""Largest upload the dashboard accepts (also `server.maxUploadSize` in .streamlit/config.toml)."""


def load_upload(files: Sequence[tuple[str, bytes]], workdir: Path) -> LoadedBundle:
    """Load an uploaded bundle: one .zip, or loose files placed where audit.yaml says they belong.

    Raises BundleError (too big, unsafe zip entry, nothing uploaded); everything else is a Problem."""
    total = sum(len(data) for _, data in files)
    if not files:
        raise BundleError("nothing was uploaded: choose a .zip, or audit.yaml and the agencies' files")
    if total > MAX_UPLOAD_MB * 2**20:
        raise BundleError(f"the upload is {total / 2**20:.1f} MB, more than the {MAX_UPLOAD_MB} MB limit")
    zips = [(n, d) for n, d in files if n.lower().endswith(".zip")]
    if zips:
        if len(files) > 1:
            raise BundleError("upload either one .zip or the loose files, not both")
        target = workdir / "upload.zip"
        target.write_bytes(zips[0][1])
        return load_bundle(target)
    loose: dict[str, bytes] = {}
    for name, data in files:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base in ("", ".", "..") or base.startswith("."):
            raise BundleError(f"'{name}' is not a file name the checker will accept")
        loose[base] = data
    placed = _place(loose)
    for name, data in placed.items():
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return load_bundle(workdir)


def _place(loose: Mapping[str, bytes]) -> dict[str, bytes]:
    """Put loose uploaded files at the paths audit.yaml gives them (matched by file name)."""
    manifest_name = next((n for n in ("audit.yaml", "audit.yml") if n in loose), None)
    if manifest_name is None:
        return dict(loose)
    manifest, _ = load_manifest(BundleFiles("upload", {"audit.yaml": loose[manifest_name]}))
    if manifest is None:
        return dict(loose)
    sources = manifest.submissions
    wanted = [c.file for c in sources.chronologies] + [r.file for r in sources.returns]
    by_base = {PurePosixPath(w.replace("\\", "/")).name.casefold(): w for w in wanted}
    placed: dict[str, bytes] = {}
    for name, data in loose.items():
        path = by_base.get(name.casefold(), name)
        path = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
        if path.startswith("../") or path == "..":
            path = name
        placed[path] = data
    return placed


# --- runs -------------------------------------------------------------------------------------------------


def _storable(flag: Mapping[str, Any]) -> dict[str, Any]:
    """A flag with only the keys the store keeps (title and recommended action come from the catalogue)."""
    return {k: flag[k] for k in FLAG_KEYS if k in flag}


def ensure_run(store: Store, checked: Checked) -> int:
    """The stored run for this bundle digest, rule set and as-of date: the audit's latest run if it matches,
    else a new run (so a re-submission becomes a new run and the changes since the previous one show)."""
    result = checked.result
    with _record_lock:
        latest = store.latest_run(checked.audit_id)
        if (
            latest is not None
            and latest["bundle_digest"] == result.bundle.digest
            and latest["ruleset_hash"] == result.ruleset
            and latest["as_of"] == result.as_of
        ):
            return int(latest["id"])
        return store.record_run(
            checked.audit_id,
            result.bundle.digest,
            result.ruleset,
            result.as_of,
            [_storable(f) for f in result.flags],
            checked.quality or [],
            checked.referrals or [],
        )


# --- flags ------------------------------------------------------------------------------------------------


def _title(catalogue: Catalogue, rule_id: str) -> str:
    try:
        return catalogue.get(rule_id).title
    except KeyError:
        return rule_id


def review_flags(
    store: Store, run_id: int, catalogue: Catalogue, *, include_resolved: bool = True
) -> list[dict[str, Any]]:
    """The run's flags with decision, status and change (new/persisting), plus (optionally) the flags
    resolved since the previous run; each gains `title`."""
    changes = store.changes(run_id)
    flags = changes["new"] + changes["persisting"]
    if include_resolved:
        flags += changes["resolved"]
    for flag in flags:
        flag["title"] = _title(catalogue, flag["rule"])
    # Immediate concerns first (they cannot wait for the meeting), then by severity; resolved flags last.
    flags.sort(key=lambda f: (f["change"] == "resolved", f["rule"] != "immediate-concern",
                              SEVERITY_ORDER.get(f["severity"], 9), f["case"], f["rule"], f["id"]))
    return flags


def stored_flag(flags: Iterable[Mapping[str, Any]], flag_id: str) -> dict[str, Any] | None:
    return next((dict(f) for f in flags if f["id"] == flag_id), None)


FILTERS = ("case", "agency", "rule", "severity", "status", "change")


def _value(flag: Mapping[str, Any], key: str) -> str:
    value = flag.get(key)
    return "—" if value in (None, "") else str(value)


def filter_options(flags: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The values each filter can take, in a sensible order (severity by rank, status as the workflow)."""
    options: dict[str, list[str]] = {}
    for key in FILTERS:
        values = {_value(f, key) for f in flags}
        if key == "severity":
            options[key] = sorted(values, key=lambda s: SEVERITY_ORDER.get(s, 9))
        elif key == "status":
            options[key] = [s for s in DECISION_LABELS if s in values]
        else:
            options[key] = sorted(values)
    return options


def filter_flags(flags: Sequence[Mapping[str, Any]], **chosen: Sequence[str] | None) -> list[dict[str, Any]]:
    """Keep the flags matching every non-empty filter (`case=["case-1"], severity=["high"]`, …)."""
    unknown = set(chosen) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filter(s) {sorted(unknown)}; use {', '.join(FILTERS)}")
    out = []
    for flag in flags:
        if all(not values or _value(flag, key) in values for key, values in chosen.items()):
            out.append(dict(flag))
    return out


def filter_label(key: str) -> Callable[[str], str]:
    """How a filter shows its values: severity with its marks, status in words, the rest as they are."""
    if key == "severity":
        return severity_label
    if key == "status":
        return lambda value: DECISION_LABELS.get(value, value)
    return str


def flag_label(flag: Mapping[str, Any]) -> str:
    """One line naming a flag in a picker: 'HIGH ▲▲▲ · case-4 · housing · Immediate concern … · f-76b7…'."""
    agency = flag.get("agency") or "multi-agency"
    status = DECISION_LABELS.get(flag.get("status", "open"), "")
    return f"{severity_label(flag['severity'])} · {flag['case']} · {agency} · {flag.get('title') or flag['rule']} · {status} · {flag['id']}"


def decision_text(decision: Mapping[str, Any] | None) -> str:
    """'Dismissed by a.reviewer, 26/03/2019 10:04 UTC: seen at home visit' (or 'Open')."""
    if not decision:
        return "Open: no decision yet"
    when = decision.get("decided_at")
    when_text = when.strftime("%d/%m/%Y %H:%M UTC") if isinstance(when, dt.datetime) else str(when or "")
    text = f"{DECISION_LABELS.get(decision['decision'], decision['decision'])} by {decision['reviewer']}, {when_text}"
    if decision.get("reason"):
        text += f" — reason: {decision['reason']}"
    if decision.get("note"):
        text += f" — note: {decision['note']}"
    return text


def flags_table(flags: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per flag for the Flags table: severity as text, status and change in words."""
    rows = [
        {
            "Severity": severity_label(f["severity"]),
            "Case": f["case"],
            "Agency": f.get("agency") or "multi-agency",
            "Rule": f.get("title") or f["rule"],
            "Status": DECISION_LABELS.get(f["status"], f["status"]),
            "Change": f.get("change") or "",
            "Flag id": f["id"],
        }
        for f in flags
    ]
    columns = ["Severity", "Case", "Agency", "Rule", "Status", "Change", "Flag id"]
    return pd.DataFrame(rows, columns=columns)


def evidence_table(flag: Mapping[str, Any]) -> pd.DataFrame:
    """The flag's evidence rows: file, row, date, agency and the excerpt, in the order the rule gave them."""
    rows = [
        {
            "File": e.get("file") or "",
            "Row": "" if e.get("row") is None else str(e["row"]),
            "Date": e.get("date") or "",
            "Agency": e.get("agency") or "",
            "Excerpt": e.get("excerpt") or e.get("question") or "",
        }
        for e in flag.get("evidence") or []
    ]
    return pd.DataFrame(rows, columns=["File", "Row", "Date", "Agency", "Excerpt"])


# --- decisions --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """What happened to a decision: saved (with its version), a conflict (who saved what), or refused."""

    saved: bool
    message: str
    version: int | None = None
    conflict: bool = False
    current: dict[str, Any] | None = None
    attempted: dict[str, Any] | None = None


def save_review(
    store: Store,
    audit_id: str,
    flag: Mapping[str, Any],
    reviewer: str | None,
    decision: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    expected_version: int,
    save: Callable[..., int] | None = None,
) -> SaveOutcome:
    """Save a decision on `flag` as `reviewer`; never raises for a person's mistake or a conflict."""
    attempted = {"decision": decision, "reason": reason or None, "note": note or None, "reviewer": reviewer}
    if not reviewer or not reviewer.strip():
        return SaveOutcome(False, "Enter your name (in the sidebar) before recording a decision.", attempted=attempted)
    try:
        version = (save or store.save_decision)(
            audit_id,
            flag["id"],
            reviewer,
            decision,
            reason=reason or None,
            note=note or None,
            expected_version=expected_version,
        )
    except ConflictError as exc:
        return SaveOutcome(
            False, str(exc), conflict=True, current=exc.current, attempted=exc.attempted or attempted
        )
    except StorageError as exc:
        return SaveOutcome(False, str(exc), attempted=attempted)
    label = DECISION_LABELS.get(decision, decision)
    return SaveOutcome(True, f"Saved: {label} on flag {flag['id']} (version {version}).", version=version)
