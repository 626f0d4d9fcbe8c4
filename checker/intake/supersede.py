"""Which filed file supplies each agency's chronology and each case's audit return: the newest one does.

    use = in_use(manifest.intake)
    use.chronology["returns/hv-template-1a2b3c4d5e.xlsx"]   # True: its chronology is read
    use.returns["returns/hv-template-1a2b3c4d5e.xlsx"]      # the cases whose return is read from it
    superseded_lines(manifest.intake)                        # what is kept but no longer read, and why

*Newer* means received later (`--received`, the date on the register); of two received the same day, the
one filed later. A file's audit return for a case is replaced by a newer file from the same agency that
holds a return for that case; its chronology by a newer chronology from the same agency that covers all its
cases (one for every case, from a Case column, covers all). A file none of whose parts is still read is
*superseded*: it stays in the folder and the register, and is not read. A part's date submitted stays the
day its first version came in (`Use.first`): an agency that sent its return on time and an improved one
after the deadline is not late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from checker.model.audit import IntakeRecord

__all__ = ["Use", "in_use", "superseded_lines", "newest_first", "register_rows"]


@dataclass(slots=True)
class Use:
    """Per filed file: whether its chronology is read, the cases whose return is read, and what replaced the
    rest (part -> the file that replaced it; the part is "chronology" or a case id); and per part in use, the
    day the first version of it came in (`first[file, part]`)."""

    chronology: dict[str, bool] = field(default_factory=dict)
    returns: dict[str, list[str]] = field(default_factory=dict)
    replaced: dict[str, dict[str, str]] = field(default_factory=dict)
    first: dict[tuple[str, str], dt.date] = field(default_factory=dict)

    def _took(self, by: str, older: IntakeRecord, part: str) -> None:
        self.replaced[older.file][part] = by
        self.first[by, part] = min(self.first[by, part], older.received)

    def superseded(self, file: str) -> bool:
        """No part of `file` is read any more."""
        return not self.chronology.get(file) and not self.returns.get(file) and bool(self.replaced.get(file))


def _has_chronology(record: IntakeRecord) -> bool:
    return record.kind in ("template", "chronology") and (record.rows is None or record.rows > 0)


def _return_cases(record: IntakeRecord) -> list[str]:
    if record.kind not in ("template", "return"):
        return []
    return list(record.cases) if record.answered is None else [c for c in record.cases if c in record.answered]


def _covers(newer: IntakeRecord, older: IntakeRecord) -> bool:
    """`newer`'s chronology holds every case `older`'s does (no cases: every case, from its Case column)."""
    return not newer.cases or bool(older.cases) and set(older.cases) <= set(newer.cases)


def newest_first(records: Sequence[IntakeRecord]) -> list[IntakeRecord]:
    """The register newest first: by date received, then by filing order (the register's order)."""
    order = sorted(range(len(records)), key=lambda i: (records[i].received, i), reverse=True)
    return [records[i] for i in order]


def in_use(records: Sequence[IntakeRecord]) -> Use:
    """What each filed file supplies once every newer file has taken its part."""
    use = Use()
    taken: dict[tuple[str, str], str] = {}  # (agency, case) -> the file whose return is read
    chronologies: list[IntakeRecord] = []  # chronologies read so far, newest first
    for record in newest_first(records):
        use.replaced.setdefault(record.file, {})
        if _has_chronology(record):
            newer = next((c for c in chronologies if c.agency == record.agency and _covers(c, record)), None)
            use.chronology[record.file] = newer is None
            if newer is None:
                chronologies.append(record)
                use.first[record.file, "chronology"] = record.received
            else:
                use._took(newer.file, record, "chronology")
        kept = []
        for case in _return_cases(record):
            if (record.agency, case) in taken:
                use._took(taken[record.agency, case], record, case)
            else:
                taken[record.agency, case] = record.file
                use.first[record.file, case] = record.received
                kept.append(case)
        use.returns[record.file] = kept
    return use


def superseded_lines(records: Sequence[IntakeRecord]) -> list[str]:
    """One line per filed file that is kept but wholly or partly no longer read, saying what replaced it."""
    use = in_use(records)
    received = {r.file: r.received for r in records}
    lines = []
    for record in records:
        replaced = use.replaced.get(record.file) or {}
        if not replaced:
            continue
        by_file: dict[str, list[str]] = {}
        for part, by in replaced.items():
            by_file.setdefault(by, []).append("its chronology" if part == "chronology" else f"its audit return for {part}")
        reasons = "; ".join(f"{', '.join(parts)} by {by} (received {received[by]:%d/%m/%Y})"
                            for by, parts in by_file.items())
        head = "SUPERSEDED" if use.superseded(record.file) else "PARTLY SUPERSEDED"
        tail = "kept, not read" if use.superseded(record.file) else "kept; the rest of it is still read"
        lines.append(f"{head}: {record.file} ({record.agency}, received {record.received:%d/%m/%Y}): replaced — "
                     f"{reasons}; {tail}")
    return lines


def register_rows(records: Sequence[IntakeRecord]) -> list[dict[str, str]]:
    """One plain row per filed file, for a table on screen: what it is, when it came, and what of it is read."""
    use = in_use(records)
    rows = []
    for r in records:
        replaced = use.replaced.get(r.file) or {}
        if use.superseded(r.file):
            status = f"superseded by {', '.join(dict.fromkeys(replaced.values()))} (kept, not read)"
        elif replaced:
            parts = ", ".join("chronology" if p == "chronology" else f"{p} return" for p in replaced)
            status = f"in use; its {parts} superseded by {', '.join(dict.fromkeys(replaced.values()))}"
        else:
            status = "in use"
        rows.append({"Filed as": r.file, "Agency": r.agency, "Kind": r.kind, "Cases": ", ".join(r.cases),
                     "Received": f"{r.received:%d/%m/%Y}", "Status": status})
    return rows
