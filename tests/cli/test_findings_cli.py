"""`maca findings`: a finding the checker did not raise, added from the command line (and withdrawn against the
version seen), reaches the briefing, the action plan and the flags workbook, and comes back through
`maca decisions import`; an unknown case, rule, agency
or entry is refused (exit 2) naming it and what is allowed. The database comes from $MACA_DB_URL as for
`maca dashboard` (no --db given), and the note never reaches the log.

The sample is loaded and checked once for the module (the commands' own `load_bundle` and `run_check` return
that result): every command still stores the run and does its own work.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

import checker.check
import checker.intake.bundle
from checker.check import CheckResult, run_check
from checker.cli.main import main
from checker.intake.bundle import load_bundle
from checker.storage import Store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
AUDIT = "maca-2019-homelessness"
THEME = "Rush to get medical consent"
NOTE = "Consent sought the day after birth; mother not told why"
POLICE_ROW = "chronologies/police.csv:3"  # case-1's entry c89c320965aa37c6


@pytest.fixture(scope="module")
def checked() -> CheckResult:
    return run_check(load_bundle(SAMPLE))


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: CheckResult) -> Iterator[str]:
    """$MACA_DB_URL (and the log file) in the test's folder; `load_bundle` and `run_check` give the module's."""
    url = f"sqlite:///{tmp_path / 'maca.sqlite'}"
    monkeypatch.setenv("MACA_DB_URL", url)
    monkeypatch.setenv("MACA_LOG_FILE", str(tmp_path / "maca.log"))
    monkeypatch.setattr(checker.intake.bundle, "load_bundle", lambda path, **_: checked.bundle)
    monkeypatch.setattr(checker.check, "run_check", lambda loaded, as_of=None: checked)
    yield url


def maca(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def add(*extra: str) -> Result:
    return maca("findings", "add", str(SAMPLE), "--reviewer", "A. Khan", *extra)


def test_a_finding_added_from_the_cli_is_stored_and_listed(db: str, tmp_path: Path) -> None:
    done = add("--case", "case-1", "--theme", THEME, "--agency", "csc", "--agency", "hv", "--entry", POLICE_ROW,
               "--entry", "7e034fe4d4192596", "--note", NOTE)
    assert done.exit_code == 0, done.output
    with Store(db) as store:  # from $MACA_DB_URL, with the check's run stored first
        assert len(store.runs(AUDIT)) == 1
        (finding,) = store.findings(AUDIT)
    assert f"Finding {finding['id']} added" in done.output
    assert (finding["case"], finding["rule"], finding["theme"], finding["agencies"], finding["entries"]) == (
        "case-1", None, THEME, ["csc", "hv"], ["c89c320965aa37c6", "7e034fe4d4192596"])
    listed = maca("findings", "list", str(SAMPLE))
    assert listed.exit_code == 0 and finding["id"] in listed.output and THEME in listed.output
    assert NOTE in listed.output  # the person asked for it on their terminal
    with Store(db) as store:  # someone sharpens the finding meanwhile: a withdrawal at version 1 is stale
        store.edit_finding(AUDIT, finding["id"], expected_version=1, reviewer="J. Smith", note=NOTE + " (sharper)")
    stale = maca("findings", "withdraw", str(SAMPLE), finding["id"], "--version", "1", "--reviewer", "A. Khan")
    assert stale.exit_code == 1 and "J. Smith changed it" in stale.output and "version 2" in stale.output
    done = maca("findings", "withdraw", str(SAMPLE), finding["id"], "--version", "2", "--reviewer", "A. Khan")
    assert done.exit_code == 0 and "withdrawn (version 3)" in done.output
    assert finding["id"] not in maca("findings", "list", str(SAMPLE)).output
    assert f"{finding['id']} WITHDRAWN" in maca("findings", "list", str(SAMPLE), "--withdrawn").output
    log = (tmp_path / "maca.log").read_text(encoding="utf-8")
    assert finding["id"] in log and "Consent sought" not in log and THEME not in log


def test_unknown_values_are_refused_naming_what_is_allowed(db: str) -> None:
    done = add("--case", "case-9", "--rule", "no-such-rule", "--agency", "nhs-x", "--note", "n")
    assert done.exit_code == 2
    assert "case 'case-9' is not in audit maca-2019-homelessness: one of case-1, case-2" in done.output
    assert "rule 'no-such-rule' is not a rule of the checker: one of antenatal-hv-due" in done.output
    assert "agency 'nhs-x' is not in audit maca-2019-homelessness: one of csc, mash" in done.output
    done = add("--case", "case-1", "--rule", "drift-and-delay", "--agency", "csc", "--entry", "chronologies/police.csv:99",
               "--note", "n")
    assert done.exit_code == 2
    assert "entry 'chronologies/police.csv:99' is not in the chronology of case-1" in done.output
    assert "chronologies/police.csv row 3 (c89c320965aa37c6)" in done.output  # what is allowed
    done = add("--case", "case-1", "--rule", "drift-and-delay", "--theme", "both", "--agency", "csc", "--note", "n")
    assert done.exit_code == 2 and "one of the two" in done.output
    assert "Traceback" not in done.output
    with Store(db) as store:
        assert store.findings(AUDIT) == []


def _rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[sheet]
    heads = [c.value for c in ws[1]]
    return [dict(zip(heads, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_the_finding_reaches_the_briefing_the_plan_and_the_workbook_and_comes_back(db: str, tmp_path: Path) -> None:
    assert add("--case", "case-1", "--theme", THEME, "--agency", "midwifery", "--note", NOTE).exit_code == 0
    assert add("--case", "case-3", "--rule", "unseen-adult-male", "--agency", "hv", "--note", "Partner never seen",
               "--entry", "chronologies/police.csv:3").exit_code == 2  # case-1's entry, not case-3's
    assert add("--case", "case-3", "--rule", "unseen-adult-male", "--agency", "hv", "--note", "Partner never seen"
               ).exit_code == 0
    with Store(db) as store:
        theme_id, rule_id = (f["id"] for f in store.findings(AUDIT))

    out = tmp_path / "out"
    assert maca("briefing", str(SAMPLE), "--out", str(out), "--final", "--reviewer", "chair").exit_code == 0
    text = (out / "briefing.md").read_text(encoding="utf-8")
    findings = text.split("## Findings identified per case")[1].split("\n## ")[0]
    case_1 = findings.split("### Case 1")[1].split("###")[0]
    assert f"- {THEME} (Northshire Community Midwifery Team (Northshire General Hospital))." in case_1, case_1
    assert "- A father, partner or other man around the child with no checks" in findings.split("### Case 3")[1].split("###")[0]
    assert "Consent sought" not in text and "Partner never seen" not in text  # the notes stay with the review
    plan = _rows(out / "action-plan.xlsx", "Action plan")
    theme_action = next(a for a in plan if a["Finding"] == THEME)
    assert theme_action["Action key"] == "theme:" + THEME.lower() and theme_action["Linked findings"] == "1 finding (sheet Linked findings)"
    assert "Agree and record the action" in theme_action["Action"] and theme_action["Cases"] == "Case 1"
    male = next(a for a in plan if a["Action key"] == "rule:unseen-adult-male")
    # nothing else: no flag was confirmed before the review was complete
    assert male["Linked findings"] == "1 finding (sheet Linked findings)"
    linked_rows = _rows(out / "action-plan.xlsx", "Linked findings")
    linked = {r["Finding id"]: r for r in linked_rows}
    assert linked[theme_id]["Decision"] == linked[rule_id]["Decision"] == "added by the panel"
    assert linked[theme_id]["Action no."] == theme_action["No."] and linked[rule_id]["Action no."] == male["No."]
    assert [r["Finding id"] for r in linked_rows if r["Action no."] in (theme_action["No."], male["No."])] in (
        [theme_id, rule_id], [rule_id, theme_id])

    book = tmp_path / "flags.xlsx"
    assert maca("decisions", "export", str(SAMPLE), str(book)).exit_code == 0
    rows = {r["Flag id"]: r for r in _rows(book, "Flags")}
    assert rows[theme_id]["Decision"] == rows[rule_id]["Decision"] == "Added by the panel"
    assert (rows[theme_id]["Case"], rows[theme_id]["Rule"], rows[theme_id]["Note"]) == ("case-1", THEME, NOTE)
    assert len(rows) == len([r for r in rows if r.startswith("f-")]) + 2

    wb = openpyxl.load_workbook(book)  # the secretary sharpens one note in the meeting
    ws = wb["Flags"]
    heads = [c.value for c in ws[1]]
    line = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, heads.index("Flag id") + 1).value == rule_id)
    ws.cell(line, heads.index("Note") + 1).value = "Partner never seen by any agency"
    wb.save(book)
    done = maca("decisions", "import", str(SAMPLE), str(book), "--reviewer", "Panel secretary")
    assert done.exit_code == 0, done.output
    assert f"row {line}: finding {rule_id} note changed" in done.output and "1 already recorded" in done.output
    with Store(db) as store:
        changed = store.finding(AUDIT, rule_id)
        assert changed is not None and (changed["note"], changed["version"], changed["saved_by"]) == (
            "Partner never seen by any agency", 2, "Panel secretary")
    elsewhere = f"sqlite:///{tmp_path / 'other.sqlite'}"  # another store: both come back under their own ids
    done = maca("decisions", "import", str(SAMPLE), str(book), "--reviewer", "Panel secretary", "--db", elsewhere)
    assert done.exit_code == 0 and "2 finding(s) added by the panel saved" in done.output, done.output
    with Store(elsewhere) as store:
        copied = {f["id"]: f for f in store.findings(AUDIT)}
    assert set(copied) == {theme_id, rule_id} and copied[theme_id]["theme"] == THEME
    assert copied[rule_id]["note"] == "Partner never seen by any agency"
