"""The defects found probing the checker as an attacker and a careless agency would, each as it was reported.

Every case must end in seconds with a message naming where the problem is: no hang, no traceback, no
memory blow-up, nothing lost uncounted. Numbers follow the report (issue 12).
"""

from __future__ import annotations

import datetime as dt
import json
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hostile_craft import MANIFEST, Sheet, bundle, entries_sheet, xlsx

from checker.cli.main import main
from checker.intake.bundle import MAX_BUNDLE_BYTES, load_bundle, open_bundle
from checker.intake.tables import read_table
from checker.model.errors import BundleError
from checker.model.limits import MATCH_CHARS

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "samples" / "homelessness")
HEADER = b"Case,Date,Event\n"


def _entries(n: int, start: int = 1) -> bytes:
    return b"".join(b"case-1,%02d/03/2019,Home visit number %d\n" % (1 + i % 28, i) for i in range(start, start + n))


def _is_header(cell: object) -> bool:
    return str(cell) in {"Case", "Date", "Event"}


def _timed(fn, limit: float):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn()
    took = time.perf_counter() - started
    assert took < limit, f"took {took:.1f} s (limit {limit} s)"
    return out


# --- 1. A hang from one long word ---------------------------------------------------------------------


@pytest.mark.parametrize("length", [20_000, 70_000])
def test_1_one_long_word_in_a_chronology_cell_does_not_hang_check(runner: CliRunner, tmp_path: Path, length: int):
    word = b"a" * length
    csv = HEADER + _entries(5) + b"case-1,10/03/2019," + word + b" visited the family\n"
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": csv})
    result = _timed(lambda: runner.invoke(main, ["check", str(folder), "--json", "-"]), 60)
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    long = [p for p in problems if p["code"] == "cell-long"]
    assert [(p["file"], p["row"], p["column"]) for p in long] == [("chronologies/housing.csv", 7, "Event")]
    assert f"first {MATCH_CHARS:,}" in long[0]["message"]
    loaded = load_bundle(folder, today=dt.date(2019, 3, 20)).chronology
    assert loaded["event"].str.len().max() == length + len(" visited the family")  # kept whole


# --- 2. Memory exhaustion from a small workbook -------------------------------------------------------


def _read_bounded(data: bytes, limit_mb: float = 100):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        table = _timed(lambda: read_table(data, file_label="chronologies/gp.xlsx", is_header=_is_header), 10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit_mb * 2**20, f"peak {peak / 2**20:.0f} MB"
    return table


def test_2_a_far_away_cell_is_reported_with_its_sheet_and_range_not_allocated():
    sheet = entries_sheet()
    sheet.cells[(200_000, 2_000)] = "stray"
    table = _read_bounded(xlsx([sheet]))
    assert len(table.rows) == 3
    wide = [p for p in table.problems if p.code == "sheet-too-wide"]
    assert len(wide) == 1 and "'Entries'" in wide[0].message and "BXX200000:BXX200000" in wide[0].message


def test_2_merged_ranges_to_the_sheet_edge_are_clipped_to_the_cells_holding_values():
    sheet = entries_sheet()
    sheet.merges = ["A3:XFD3", "B4:B1048576"]
    sheet.dimension = "A1:XFD1048576"
    table = _read_bounded(xlsx([sheet]))
    assert table.header == ["Case", "Date", "Event"]
    assert table.row_numbers == [2, 3, 4]


def test_2_a_small_file_with_one_cell_at_row_20000_column_500_reads_in_a_moment():
    sheet = entries_sheet()
    sheet.cells[(20_000, 500)] = "stray"
    data = xlsx([sheet])
    assert len(data) < 8 * 1024
    table = _read_bounded(data, limit_mb=20)
    assert table.row_numbers[-1] == 20_000
    assert any(p.code == "row-too-long" and p.row == 20_000 for p in table.problems)


# --- 3. Tracebacks -----------------------------------------------------------------------------------


def test_3_a_workbook_listing_no_sheet_is_a_located_error():
    table = read_table(xlsx([]), file_label="chronologies/gp.xlsx", is_header=_is_header)
    assert not table.readable
    assert [(p.level, p.file, p.code) for p in table.problems] == [("error", "chronologies/gp.xlsx", "sheet-none")]


def test_3_chart_sheets_hidden_sheets_and_other_names_are_located_problems():
    def codes(data: bytes, sheet: str | None = None) -> list[str]:
        return [p.code for p in read_table(data, file_label="x.xlsx", is_header=_is_header, sheet=sheet).problems]

    hidden = entries_sheet("Old")
    hidden.state = "veryHidden"
    assert codes(xlsx([hidden])) == ["sheet-hidden"]
    assert codes(xlsx([Sheet("Secret", entries_sheet().cells, state="hidden"), entries_sheet("Now")])) == [
        "sheet-chosen"
    ]
    assert codes(xlsx([entries_sheet("Chronology")]), sheet="Entries") == ["sheet-missing"]
    chart_only = codes(xlsx([Sheet("Chart1", chart=True)]))
    assert chart_only in (["sheet-none"], ["file-format"])


def test_3_as_of_far_in_the_future_is_a_usage_error(runner: CliRunner):
    for command in ("check", "referrals", "quality"):
        result = _timed(lambda c=command: runner.invoke(main, [c, SAMPLE, "--as-of", "9999-12-31"]), 10)
        assert result.exit_code == 2, (command, result.output)
        assert "between 1900 and 2100" in result.output


@pytest.mark.parametrize("meeting", ["9999-12-31", "9999-12-30"])
def test_3_a_meeting_date_out_of_range_is_a_located_problem(runner: CliRunner, tmp_path: Path, meeting: str):
    manifest = json.loads(json.dumps(MANIFEST))
    manifest["audit"]["meeting_date"] = meeting
    manifest["submissions"] = {"chronologies": [{"file": "chronologies/housing.csv", "agency": "housing"}]}
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": HEADER + _entries(3)}, manifest)
    for command in ("check", "referrals"):
        result = _timed(lambda c=command: runner.invoke(main, [c, str(folder)]), 20)
        assert result.exit_code == 1, result.output
        assert "internal error" not in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["validate", str(folder)])
    assert "audit.meeting_date" in result.output and "between 1900 and 2100" in result.output


def _no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the check ran before the output path was checked")

    monkeypatch.setattr("checker.intake.bundle.load_bundle", refuse)
    monkeypatch.setattr("checker.check.run_check", refuse)


@pytest.mark.parametrize(
    "args",
    [
        ["check", SAMPLE, "--json", "{missing}/out.json"],
        ["check", SAMPLE, "--json", "{folder}"],
        ["validate", SAMPLE, "--json", "{missing}/out.json"],
        ["referrals", SAMPLE, "--csv", "{missing}/w.csv"],
        ["referrals", SAMPLE, "--csv", "{folder}"],
        ["referrals", SAMPLE, "--xlsx", "{missing}/w.xlsx"],
        ["referrals", SAMPLE, "--json", "{folder}"],
        ["quality", SAMPLE, "--feedback", "{file}"],
        ["quality", SAMPLE, "--json", "{missing}/q.json"],
    ],
)
def test_3_an_output_path_that_cannot_be_written_is_said_before_any_work(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    where = {"missing": str(tmp_path / "no-such-folder"), "folder": str(tmp_path), "file": str(tmp_path / "a-file")}
    _no_work(monkeypatch)
    result = _timed(lambda: runner.invoke(main, [a.format(**where) for a in args]), 10)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error:") or "\nError:" in result.output
    assert "Traceback" not in result.output


def test_3_purge_on_an_unwritable_database_path_is_a_message(runner: CliRunner, tmp_path: Path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["purge", "--older-than", "1", "--yes", "--db", f"sqlite:///{tmp_path}/a-file/x.sqlite"])
    assert result.exit_code == 1 and result.output.startswith("Error: cannot create the results database")


def test_3_an_unexpected_exception_is_an_error_id_not_a_traceback(
    runner: CliRunner, data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    def boom(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("child's name in the message")

    monkeypatch.setattr("checker.check.stream.run_partitioned", boom)  # what `maca check` runs
    result = runner.invoke(main, ["check", SAMPLE])
    assert result.exit_code == 3
    assert "Error: internal error, please report it with error id" in result.output
    reports = list((data_dir / "errors").glob("*.txt"))
    assert len(reports) == 1 and (reports[0].stat().st_mode & 0o777) == 0o600
    report = reports[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError" in report and "child's name" not in report


# --- 4. Entries lost while the counts balance ---------------------------------------------------------


def _counts(tmp_path: Path, csv: bytes) -> tuple[dict, list]:  # type: ignore[type-arg]
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": csv})
    loaded = _timed(lambda: load_bundle(folder, today=dt.date(2019, 3, 20)), 10)
    return loaded.counts[0].to_dict(), [p for p in loaded.problems if p.level == "error"]


def test_4_an_unclosed_quote_is_counted_and_named_with_its_lines(tmp_path: Path):
    lines = HEADER + _entries(20) + b'case-1,21/03/2019,"Visit, quote never closed\n' + _entries(35, start=22)
    counts, errors = _counts(tmp_path, lines)
    assert counts["lines"] == 57
    assert (counts["read"], counts["loaded"], counts["rejected"]) == (56, 20, 36)
    assert [(e.code, e.row) for e in errors] == [("csv-broken", 22)]
    assert "lines 22 to 57 of the file were not loaded (counted as 36 rejected rows)" in errors[0].message


def test_4_a_file_separated_by_unicode_line_separators_is_read(tmp_path: Path):
    csv = (HEADER + _entries(5)).replace(b"\n", "\u2028".encode())
    counts, errors = _counts(tmp_path, csv)
    assert not errors and (counts["read"], counts["loaded"], counts["rejected"]) == (5, 5, 0)


def test_4_a_line_separator_inside_a_row_that_hides_an_entry_is_an_error(tmp_path: Path):
    csv = HEADER + _entries(3) + "case-1,09/03/2019,Visit\u2028case-1,10/03/2019,Call\n".encode() + _entries(2, 9)
    counts, errors = _counts(tmp_path, csv)
    assert (counts["read"], counts["loaded"], counts["rejected"]) == (6, 5, 1)
    assert [(e.code, e.row) for e in errors] == [("csv-broken", 5)]


def test_4_an_oversized_cell_does_not_stop_the_reader(tmp_path: Path):
    csv = HEADER + _entries(3) + b"case-1,09/03/2019," + b"x" * 140_000 + b"\n" + _entries(10, 10)
    counts, errors = _counts(tmp_path, csv)
    assert (counts["read"], counts["loaded"], counts["rejected"]) == (14, 13, 1)
    assert [(e.code, e.row) for e in errors] == [("csv-broken", 5)] and "140,000 characters" in errors[0].message


# --- 6. Folder bundles read into memory before the size limit -----------------------------------------


def test_6_a_huge_file_in_a_folder_is_refused_before_it_is_read(tmp_path: Path):
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": HEADER + _entries(2)})
    with (folder / "chronologies" / "huge.csv").open("wb") as handle:
        handle.truncate(3 * 2**30)  # sparse: 3 GB on paper, nothing on disk
    tracemalloc.start()
    try:
        with pytest.raises(BundleError, match=f"bigger than {MAX_BUNDLE_BYTES // 2**20} MB"):
            _timed(lambda: open_bundle(folder), 5)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 2**20


# --- 9. Smaller ----------------------------------------------------------------------------------------


def test_9_a_manifest_with_no_submissions_says_why(runner: CliRunner, tmp_path: Path):
    manifest = {k: v for k, v in MANIFEST.items() if k != "submissions"}
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "audit.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "ERROR: audit.yaml, column submissions: audit.yaml lists no files under `submissions:`" in result.output


def test_9_may_0000_is_not_may_2000(tmp_path: Path):
    counts, errors = _counts(tmp_path, HEADER + _entries(2) + b"case-1,May 0000,Visit\n")
    assert (counts["loaded"], counts["rejected"]) == (2, 1)
    assert [(e.code, e.row, e.value) for e in errors] == [("date-implausible", 4, "May 0000")]


def test_9_an_impossible_time_is_said(tmp_path: Path):
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": HEADER + b"case-1,03/03/2019 25:99,Visit\n"})
    loaded = load_bundle(folder, today=dt.date(2019, 3, 20))
    assert loaded.counts[0].loaded == 1
    times = [p for p in loaded.problems if p.code == "time-impossible"]
    assert [(p.level, p.row, p.column) for p in times] == [("warning", 2, "Date")]
    assert "25:99" in times[0].message
