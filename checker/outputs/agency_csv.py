"""Per agency, what it sent and what was found: one CSV row per agency in audit.yaml.

Columns: agency (by name), cases it sent chronology rows for, chronology rows, and its flags by severity
(a flag about several agencies is counted under none of them).

    maca check BUNDLE --agency-csv agencies.csv
"""

from __future__ import annotations

from checker.model.severity import SEVERITIES, SEVERITY_WORDS
from checker.outputs.exports import Cell, Table
from checker.outputs.result import CheckedAudit, Output, whole_chronology

__all__ = ["agency_table", "OUTPUT"]

COLUMNS = ("Agency", "Cases with records", "Chronology rows", *(f"{SEVERITY_WORDS[s]} flags" for s in SEVERITIES))


def agency_table(result: CheckedAudit) -> list[Table]:
    """One row per agency, in audit.yaml's order."""
    frame = whole_chronology(result)
    rows_by = frame.groupby("agency").size().to_dict() if len(frame) else {}
    cases_by = frame.groupby("agency")["case"].nunique().to_dict() if len(frame) else {}
    flags: dict[str, dict[str, int]] = {}
    for flag in result.findings.every_flag():
        if flag.get("agency"):
            mine = flags.setdefault(flag["agency"], dict.fromkeys(SEVERITIES, 0))
            mine[flag["severity"]] += 1
    rows: list[list[Cell]] = []
    for agency in result.manifest.agencies:
        by_sev = flags.get(agency.id, dict.fromkeys(SEVERITIES, 0))
        rows.append([agency.name, int(cases_by.get(agency.id, 0)), int(rows_by.get(agency.id, 0)),
                     *(by_sev[s] for s in SEVERITIES)])
    return [Table("Agencies", COLUMNS, rows, empty="No agencies in audit.yaml.")]


OUTPUT = Output(
    name="agency-csv", option="--agency-csv", format="csv", tables=agency_table, label="Per-agency CSV",
    reads=frozenset({"flags", "chronology"}),
    help="Write one CSV row per agency: cases and chronology rows it sent, its flags by severity ('-' for stdout).",
)
