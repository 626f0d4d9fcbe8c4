"""Findings the panel added, shown beside the checker's flags: each as a flag-like row the Flags page, the
flags workbook, the briefing and the action plan read as they read a confirmed flag, marked "added by the
panel".

    rows = finding_flags(store.findings(audit_id), catalogue, result.frame)
    rows[0]["added_by_panel"], rows[0]["status"], rows[0]["title"]     # True, 'confirmed', the rule's title or
                                                                       # the theme in the panel's words
    agencies_of(rows[0])                                               # ['csc', 'hv']

A finding's note stays out of the briefing and the action plan (as a decision's note does unless ticked); the
flags workbook carries it in the Note column, where the panel typed it. Withdrawn findings are not shown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from checker.engine.catalogue import Catalogue
from checker.model.wording import fmt_date

__all__ = ["PANEL_MARK", "PANEL_SEVERITY", "finding_flags", "agencies_of", "finding_key", "entry_evidence",
           "panel_cell", "read_panel_cell"]

PANEL_MARK = "Added by the panel"
"""How a finding the panel added is marked wherever it stands beside the checker's flags."""
PANEL_SEVERITY = "medium"
"""The severity a finding under a theme (no rule) is sorted and prioritised by."""
_EXCERPT = 200
_KEY_WORDS = 100  # with 'theme:' and a digest, within the store's 128-character keys


def agencies_of(flag: Mapping[str, Any]) -> list[str]:
    """The agency ids a flag or an added finding names (a finding may name several)."""
    named = flag.get("agencies")
    if named:
        return [str(a) for a in named]
    return [str(flag["agency"])] if flag.get("agency") else []


def finding_key(flag: Mapping[str, Any]) -> str:
    """What groups findings into one briefing line and one action: the rule, or 'theme:' and the theme's words."""
    if flag.get("rule"):
        return str(flag["rule"])
    words = " ".join(str(flag.get("theme") or "").casefold().split())
    if len(words) > _KEY_WORDS:  # the key is stored (action plan edits): long themes keep a digest of the rest
        words = words[:_KEY_WORDS] + "~" + hashlib.sha256(words.encode()).hexdigest()[:10]
    return "theme:" + words


def entry_evidence(entry_ids: Sequence[str], frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """The chronology entries a finding cites, as evidence records (file, row, date, agency, excerpt, entry
    id); an entry no longer in the chronology (a return replaced since) is kept by its id alone."""
    rows: dict[str, dict[str, Any]] = {}
    if frame is not None and not frame.empty and entry_ids:
        wanted = frame[frame["entry_id"].isin(list(entry_ids))]
        for entry, file, row, date, agency, event in zip(wanted["entry_id"], wanted["file"], wanted["row"],
                                                         wanted["date"], wanted["agency"], wanted["event"],
                                                         strict=True):
            text = " ".join(str(event).split())
            rows[str(entry)] = {
                "entry_id": str(entry), "file": str(file), "row": int(row), "agency": str(agency),
                "date": pd.Timestamp(date).date().isoformat() if not pd.isna(date) else None,
                "excerpt": text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…",
            }
    return [rows.get(e) or {"entry_id": e, "file": f"entry {e}", "row": None,
                            "excerpt": "no longer in the chronology"} for e in entry_ids]


def finding_flags(
    findings: Iterable[Mapping[str, Any]], catalogue: Catalogue, frame: pd.DataFrame | None = None
) -> list[dict[str, Any]]:
    """The panel's current (not withdrawn) findings as flag-like rows, oldest first."""
    out = []
    for f in findings:
        if f.get("withdrawn"):
            continue
        rule = None
        if f.get("rule"):
            try:
                rule = catalogue.get(str(f["rule"]))
            except KeyError:
                rule = None
        title = rule.title if rule is not None else str(f.get("theme") or f.get("rule"))
        agencies = list(f.get("agencies") or [])
        out.append({
            "id": f["id"], "rule": f.get("rule"), "theme": f.get("theme"), "title": title,
            "category": rule.category if rule is not None else "practice",
            "case": f["case"], "agency": agencies[0] if len(agencies) == 1 else None, "agencies": agencies,
            "severity": str(rule.severity) if rule is not None else PANEL_SEVERITY,
            "message": f"{PANEL_MARK} ({f.get('reviewer')}, {fmt_date(f.get('created_at'))}): {title}",
            "recommended_action": " ".join(rule.recommended_action.split()) if rule is not None else "",
            "evidence": entry_evidence(list(f.get("entries") or []), frame),
            "status": "confirmed", "change": "added", "added_by_panel": True,
            # a confirmed flag's decision, with the note kept out of the briefing (as an unticked decision note)
            "decision": {"decision": "confirmed", "reviewer": f.get("saved_by") or f.get("reviewer"),
                         "decided_at": f.get("saved_at") or f.get("created_at"), "version": f.get("version"),
                         "reason": None, "note": None, "for_briefing": False},
            "decision_version": f.get("version"),
            "finding": dict(f),
        })
    return out


def panel_cell(flag: Mapping[str, Any]) -> str | None:
    """The hidden workbook cell that carries an added finding's content back through `maca decisions import`."""
    finding = flag.get("finding")
    if not flag.get("added_by_panel") or not isinstance(finding, Mapping):
        return None
    return json.dumps({k: finding.get(k) for k in ("case", "rule", "theme", "agencies", "entries")},
                      ensure_ascii=False, separators=(",", ":"))


def read_panel_cell(value: Any) -> dict[str, Any] | None:
    """`panel_cell`'s content read back, or None when the cell is empty or not one `panel_cell` wrote."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("case"), str):
        return None
    lists = {k: [str(v) for v in data.get(k) or [] if isinstance(v, str | int)] for k in ("agencies", "entries")}
    text = {k: (str(data[k]) if isinstance(data.get(k), str) and data[k].strip() else None) for k in ("rule", "theme")}
    return {"case": data["case"], **text, **lists}
