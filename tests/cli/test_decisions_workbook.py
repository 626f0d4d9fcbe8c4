"""`maca decisions export` and `import`: the panel's decisions typed into the flags workbook in the meeting
come back onto their flags, as a panel secretary would fill it (some rows decided, most left blank, one
dismissal without a reason, one mistyped decision word) — on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli.main import main
from checker.storage import Store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "homelessness"
AUDIT = "maca-2019-homelessness"


def _export(path: Path, db_url: str) -> None:
    done = CliRunner().invoke(main, ["decisions", "export", str(SAMPLE), str(path), "--db", db_url])
    assert done.exit_code == 0, done.output
    assert "written to" in done.output


def _import(path: Path, db_url: str, *extra: str) -> Any:
    return CliRunner().invoke(main, ["decisions", "import", str(SAMPLE), str(path), "--reviewer", "Panel secretary",
                                     "--db", db_url, *extra])


def _decisions(db_url: str) -> dict[str, dict[str, Any]]:
    with Store(db_url) as store:
        run = store.latest_run(AUDIT)
        assert run is not None
        return {f["id"]: f for f in store.flags(run["id"])}


def test_filled_rows_are_saved_and_bad_rows_are_listed_by_row(tmp_path: Path, db_url: str) -> None:
    book_path = tmp_path / "flags.xlsx"
    _export(book_path, db_url)  # the store had no run: the export stored the check's run first
    book = openpyxl.load_workbook(book_path)
    sheet = book["Flags"]
    heads = [c.value for c in sheet[1]]
    col = {h: heads.index(h) + 1 for h in ("Decision", "Reason", "Note", "Flag id", "Reviewer")}
    id_letter = sheet.cell(row=1, column=col["Flag id"]).column_letter
    assert sheet.column_dimensions[id_letter].hidden  # nobody types over the flag id
    validations = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert validations and "Action taken" in validations[0].formula1
    ids = {r: sheet.cell(row=r, column=col["Flag id"]).value for r in range(2, sheet.max_row + 1)}
    assert len(ids) == len(_decisions(db_url)) and all(v for v in ids.values())
    assert all(sheet.cell(row=r, column=col["Decision"]).value is None for r in ids)  # nothing decided yet

    def fill(row: int, decision: str | None, reason: str | None = None, note: str | None = None) -> None:
        sheet.cell(row=row, column=col["Decision"]).value = decision
        sheet.cell(row=row, column=col["Reason"]).value = reason
        sheet.cell(row=row, column=col["Note"]).value = note

    fill(2, "Confirmed", note="Chair: share with the GP")
    fill(3, "Action needed")
    fill(5, " dismissed ", reason="Seen by the school nurse 02/03")  # as typed: spaces, lower case
    fill(7, "Action taken", reason="Referral made to MASH by the DSL, 27/03")
    fill(9, "Dismissed")  # no reason
    fill(10, "Confirmd")  # mistyped
    book.save(book_path)

    done = _import(book_path, db_url)
    assert done.exit_code == 1
    assert "4 decision(s) saved" in done.output
    assert f"row 9 (flag {ids[9]}): a dismissal needs a reason" in done.output
    assert f"row 10 (flag {ids[10]}): 'Confirmd' is not a decision" in done.output
    assert "row 4" not in done.output and "row 6" not in done.output  # blank rows are not decisions

    flags = _decisions(db_url)
    expected = {2: ("confirmed", None, "Chair: share with the GP"), 3: ("action_needed", None, None),
                5: ("dismissed", "Seen by the school nurse 02/03", None),
                7: ("action_taken", "Referral made to MASH by the DSL, 27/03", None)}
    for row, (decision, reason, note) in expected.items():
        got = flags[ids[row]]["decision"]
        assert (got["decision"], got["reason"], got["note"], got["reviewer"]) == (decision, reason, note, "Panel secretary")
    decided = {fid for fid, f in flags.items() if f["decision"]}
    assert decided == {ids[r] for r in expected}  # nothing from rows 9 and 10, nor from a blank row

    # export -> import changes nothing: no new version, exit 0
    again = tmp_path / "again.xlsx"
    _export(again, db_url)
    reread = openpyxl.load_workbook(again)["Flags"]
    assert reread.cell(row=2, column=col["Decision"]).value == "Confirmed"
    assert reread.cell(row=2, column=col["Reviewer"]).value == "Panel secretary"
    same = _import(again, db_url)
    assert same.exit_code == 0, same.output
    assert "0 decision(s) saved, 4 already recorded as they are" in same.output
    assert {fid: f["decision_version"] for fid, f in _decisions(db_url).items() if f["decision"]} == \
        {ids[r]: 1 for r in expected}


def test_a_row_decided_on_the_dashboard_since_the_export_is_a_conflict_not_an_overwrite(
    tmp_path: Path, db_url: str
) -> None:
    book_path = tmp_path / "flags.xlsx"
    _export(book_path, db_url)
    book = openpyxl.load_workbook(book_path)
    sheet = book["Flags"]
    heads = [c.value for c in sheet[1]]
    flag = sheet.cell(row=2, column=heads.index("Flag id") + 1).value
    sheet.cell(row=2, column=heads.index("Decision") + 1).value = "Confirmed"
    book.save(book_path)
    with Store(db_url) as store:
        store.save_decision(AUDIT, flag, "amina.khan", "dismissed", reason="known to CSC")
    done = _import(book_path, db_url)
    assert done.exit_code == 1
    assert "row 2" in done.output and "amina.khan recorded 'Dismissed'" in done.output
    assert _decisions(db_url)[flag]["decision"]["decision"] == "dismissed"


def test_an_unknown_flag_id_and_a_file_that_is_not_a_flags_workbook(tmp_path: Path, db_url: str) -> None:
    book_path = tmp_path / "flags.xlsx"
    _export(book_path, db_url)
    book = openpyxl.load_workbook(book_path)
    sheet = book["Flags"]
    heads = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=heads.index("Flag id") + 1).value = "f-0000000000000000"
    sheet.cell(row=3, column=heads.index("Decision") + 1).value = "Confirmed"
    book.save(book_path)
    done = _import(book_path, db_url)
    assert done.exit_code == 1
    assert "row 3 (flag f-0000000000000000): this flag is not in the latest check" in done.output

    other = tmp_path / "other.xlsx"
    plain = openpyxl.Workbook()
    plain.active.append(["Case", "Decision"])
    plain.save(other)
    refused = _import(other, db_url)
    assert refused.exit_code == 1
    assert "not a flags workbook" in refused.output and "Traceback" not in refused.output


@pytest.mark.parametrize("command", ["import", "export"])
def test_the_store_defaults_to_maca_db_url_as_the_dashboard(command: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.setenv("MACA_DB_URL", url)
    book_path = tmp_path / "flags.xlsx"
    done = CliRunner().invoke(main, ["decisions", "export", str(SAMPLE), str(book_path)])
    assert done.exit_code == 0, done.output
    if command == "import":
        done = CliRunner().invoke(main, ["decisions", "import", str(SAMPLE), str(book_path), "--reviewer", "x"])
        assert done.exit_code == 0, done.output
    with Store(url) as store:
        assert store.latest_run(AUDIT) is not None
