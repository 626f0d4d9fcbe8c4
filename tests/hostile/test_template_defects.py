"""Returned templates as hostile input (issue 25): each defect in the exact shape it was reported, made in the
test, through `maca intake` and `maca validate`. Each ends in seconds with a located message or the right
reading: no traceback, no hang, nothing lost uncounted.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import template_craft as tc
import yaml
from click.testing import CliRunner

from checker.cli.guard import INTERNAL_ERROR_EXIT
from checker.cli.main import main
from checker.intake.package import MAX_PART_BYTES
from checker.intake.xlsxgrid import MAX_TEMPLATE_ROWS
from checker.model.audit import load_audit_tool

LIMIT_SECONDS = 45.0
"""Generous for a loaded 2-core CI machine; each of these took over 60 s (or ran out of memory) before."""


def _invoke(runner: CliRunner, args: list[str]) -> Any:
    started = time.perf_counter()
    result = runner.invoke(main, args)
    took = time.perf_counter() - started
    assert took < LIMIT_SECONDS, f"maca {args[0]} took {took:.1f} s"
    assert result.exit_code != INTERNAL_ERROR_EXIT and "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _intake(runner: CliRunner, folder: Path, tmp_path: Path, name: str, data: bytes) -> Any:
    tc.write_bundle(folder)
    path = tmp_path / name
    path.write_bytes(data)
    return _invoke(runner, ["intake", str(folder), str(path), "--received", "08/03/2019"])


def _validate(runner: CliRunner, folder: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "validate.json"
    _invoke(runner, ["validate", str(folder), "--json", str(out)])
    payload = json.loads(out.read_text(encoding="utf-8"))
    for counts in payload["files"]:
        assert counts["read"] == counts["loaded"] + counts["rejected"], counts
    return payload


def _listed_directly(folder: Path, name: str, data: bytes) -> None:
    """A bundle whose audit.yaml lists the file as hv's template for case-1 (as intake would have)."""
    tc.write_bundle(folder)
    (folder / "returns").mkdir()
    (folder / "returns" / name).write_bytes(data)
    doc = yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))
    doc["submissions"] = {
        "chronologies": [{"file": f"returns/{name}", "agency": "hv", "case": "case-1"}],
        "returns": [{"file": f"returns/{name}", "agency": "hv", "case": "case-1", "submitted": "2019-03-08"}],
    }
    (folder / "audit.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


def _answers(folder: Path) -> list[tuple[str, str | None]]:
    import datetime as dt

    from checker.intake.bundle import load_bundle

    loaded = load_bundle(folder, today=dt.date(2019, 3, 20))
    return [(a.question, a.answer) for r in loaded.returns for a in r.answers]


# --- 1. One far cell ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", ["Chronology", "case-1"])
def test_1_a_template_with_a_value_at_xfd1048576_is_read_with_the_cell_named(runner: CliRunner, tmp_path: Path,
                                                                             sheet: str):
    title = sheet if sheet == "Chronology" else tc.case_sheet_title("case-1")
    data = tc.add_rows(tc.filled_xlsx(), title, tc.far_cell())
    folder = tmp_path / "bundle"
    result = _intake(runner, folder, tmp_path, "hv return.xlsx", data)
    assert result.output.startswith("FILED"), result.output
    payload = _validate(runner, folder, tmp_path)
    chronology = [c for c in payload["files"] if c["kind"] == "chronology"]
    assert [(c["read"], c["loaded"]) for c in chronology] == [(2, 2)]  # the two entries, nothing else
    named = [p for p in payload["problems"] if "XFD1048576" in p["message"]]
    assert len(named) == 1 and f"sheet '{title}'" in named[0]["message"], payload["problems"]
    assert named[0]["file"].startswith("“hv return.xlsx” (filed as returns/hv-template-")
    assert _answers(folder) == [(load_audit_tool().questions[0].id, tc.ANSWER)]


# --- 2. A compressed bomb -------------------------------------------------------------------------------


def test_2_a_600_mb_bomb_is_refused_at_intake_naming_its_sheet_and_the_limit(runner: CliRunner, tmp_path: Path):
    filled = tc.filled_xlsx()
    data = tc.rezip(filled, bomb={tc.sheet_part(filled, "Chronology"): 600})
    assert len(data) < 1024 * 1024  # a few hundred KB packed
    folder = tmp_path / "bundle"
    result = _intake(runner, folder, tmp_path, "hv return.xlsx", data)
    assert result.exit_code == 1
    assert result.output.startswith("REFUSED: hv return.xlsx: sheet 'Chronology'"), result.output
    assert "600 MB" in result.output and f"{MAX_PART_BYTES // 2**20} MB" in result.output
    assert not (folder / "returns").exists()  # nothing filed
    assert yaml.safe_load((folder / "audit.yaml").read_text(encoding="utf-8"))["submissions"] == {
        "chronologies": [], "returns": []}


def test_2_a_bomb_listed_by_hand_is_a_located_error_in_validate(runner: CliRunner, tmp_path: Path):
    filled = tc.filled_xlsx()
    data = tc.rezip(filled, bomb={tc.sheet_part(filled, "Chronology"): 600})
    folder = tmp_path / "bundle"
    _listed_directly(folder, "hv.xlsx", data)
    payload = _validate(runner, folder, tmp_path)
    refused = [p for p in payload["problems"] if p["code"] == "file-too-big"]
    assert refused and all(p["file"] == "returns/hv.xlsx" and p["level"] == "error" for p in refused)
    assert "sheet 'Chronology'" in refused[0]["message"]


# --- 3. 300,000 rows ------------------------------------------------------------------------------------


def test_3_a_template_with_300000_chronology_rows_stops_at_the_stated_limit_and_counts_the_rest(
        runner: CliRunner, tmp_path: Path):
    data = tc.add_rows(tc.filled_xlsx(), "Chronology", tc.many_rows(4, 300_000))
    folder = tmp_path / "bundle"
    assert _intake(runner, folder, tmp_path, "hv.xlsx", data).output.startswith("FILED")
    payload = _validate(runner, folder, tmp_path)
    [chronology] = [c for c in payload["files"] if c["kind"] == "chronology"]
    assert chronology["read"] == 300_002  # every row holding a value: two entries and 300,000 more
    assert chronology["loaded"] == MAX_TEMPLATE_ROWS - 1  # the limit counts the header row
    [stop] = [p for p in payload["problems"] if p["code"] == "sheet-too-big"]
    assert stop["row"] == MAX_TEMPLATE_ROWS + 1 and "sheet 'Chronology'" in stop["message"]
    assert "its own .xlsx or CSV file" in stop["hint"]
    assert _answers(folder) == [(load_audit_tool().questions[0].id, tc.ANSWER)]


def test_3_an_audit_tool_sheet_with_300000_rows_is_read_to_its_limit_with_the_row_named(
        runner: CliRunner, tmp_path: Path):
    title = tc.case_sheet_title("case-1")
    data = tc.add_rows(tc.filled_xlsx(), title, tc.many_rows(2000, 300_000))
    folder = tmp_path / "bundle"
    assert _intake(runner, folder, tmp_path, "hv.xlsx", data).output.startswith("FILED")
    payload = _validate(runner, folder, tmp_path)
    [long] = [p for p in payload["problems"] if p["code"] == "sheet-too-long"]
    assert long["row"] == 2000 and "A2000" in long["message"] and f"sheet '{title}'" in long["message"]
    assert _answers(folder) == [(load_audit_tool().questions[0].id, tc.ANSWER)]


# --- 8. Macros ------------------------------------------------------------------------------------------


_XLSM = (b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
         b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
_DOCM = (b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
         b"application/vnd.ms-word.document.macroEnabled.main+xml")


@pytest.mark.parametrize("kind", ["xlsm-renamed", "xlsx-with-vba-part", "docm-renamed", "docx-with-vba-part"])
def test_8_a_macro_enabled_file_is_refused_at_intake_and_by_the_readers(runner: CliRunner, tmp_path: Path,
                                                                        kind: str):
    base = tc.filled_xlsx() if kind.startswith("xls") else tc.blank_docx()
    folder = "xl" if kind.startswith("xls") else "word"
    if kind.endswith("renamed"):
        data = tc.rezip(base, content_type=_XLSM if kind.startswith("xls") else _DOCM,
                        add={f"{folder}/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(508)})
    else:
        data = tc.rezip(base, add={f"{folder}/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(508)})
    suffix = ".xlsx" if kind.startswith("xls") else ".docx"
    result = _intake(runner, tmp_path / "bundle", tmp_path, "return" + suffix, data)
    assert result.exit_code == 1 and result.output.startswith("REFUSED"), result.output
    assert "macros" in result.output and f"plain {'Excel Workbook (.xlsx)' if suffix == '.xlsx' else 'Word Document (.docx)'}" in result.output
    assert not (tmp_path / "bundle" / "returns").exists()

    listed = tmp_path / "listed"
    _listed_directly(listed, "hv" + suffix, data)
    payload = _validate(runner, listed, tmp_path)
    macros = [p for p in payload["problems"] if p["code"] == "file-macros"]
    assert macros and {p["file"] for p in macros} == {f"returns/hv{suffix}"}
    assert all(p["level"] == "error" for p in macros)
    assert _answers(listed) == []  # nothing read from it


def test_8_a_content_type_alone_marks_a_macro_enabled_file(tmp_path: Path):
    from checker.intake.package import package_refusal

    assert package_refusal(tc.filled_xlsx()) is None
    refusal = package_refusal(tc.rezip(tc.filled_xlsx(), content_type=_XLSM))
    assert refusal is not None and refusal.code == "file-macros"
