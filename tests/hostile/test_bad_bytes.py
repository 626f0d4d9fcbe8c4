"""One stray byte costs one row, not a submission (issue 25, defect 12): an undefined Windows-1252 byte (0x81)
or a NUL byte rejects only the row it is in, named with its file, row and byte position; rows read = loaded +
rejected still holds against the file's physical lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_craft import bundle

from checker.cli.main import main


def _housing(bad_row: int, bad: bytes, rows: int = 55, pound: bool = False) -> tuple[bytes, int]:
    lines = [b"Case,Date,Event"]
    lines += [b"case-1,%02d/03/2019,Home visit number %d%s" % (1 + i % 28, i, b" \xa3" if pound else b"")
              for i in range(rows)]
    lines[bad_row - 1] = lines[bad_row - 1][:-2] + bad + lines[bad_row - 1][-2:]
    data = b"\r\n".join(lines) + b"\r\n"
    return data, data.index(bad)


def _validate(runner: CliRunner, tmp_path: Path, data: bytes) -> dict:  # type: ignore[type-arg]
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": data})
    out = tmp_path / "v.json"
    result = runner.invoke(main, ["validate", str(folder), "--json", str(out)])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("bad", "pound"), [(b"\x81", False), (b"\x81", True), (b"\x00", False),
                                            (b"\x90", True)])
def test_one_bad_byte_rejects_only_its_row_and_names_its_position(runner: CliRunner, tmp_path: Path, bad: bytes,
                                                                   pound: bool):
    data, position = _housing(12, bad, pound=pound)
    payload = _validate(runner, tmp_path, data)
    [counts] = payload["files"]
    physical = data.count(b"\r\n")
    assert counts["lines"] == physical == 56
    assert (counts["read"], counts["loaded"], counts["rejected"]) == (55, 54, 1)  # 54 good rows kept
    assert counts["read"] == counts["loaded"] + counts["rejected"] == physical - 1  # every line but the header
    [problem] = [p for p in payload["problems"] if p["code"] == "csv-bad-byte"]
    assert (problem["file"], problem["row"], problem["level"]) == ("chronologies/housing.csv", 12, "error")
    assert f"byte 0x{bad[0]:02X} at byte position {position:,}" in problem["message"]


def test_a_bad_byte_in_the_header_is_a_warning_and_every_row_loads(runner: CliRunner, tmp_path: Path):
    data = b"Case,Date,Event,Not\x81es\r\n" + b"".join(b"case-1,%02d/03/2019,Visit %d,x\r\n" % (i + 1, i)
                                                       for i in range(5))
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": data})
    out = tmp_path / "v.json"
    result = runner.invoke(main, ["validate", str(folder), "--json", str(out)])
    assert "Traceback" not in result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    [problem] = [p for p in payload["problems"] if p["code"] == "csv-bad-byte"]
    assert problem["level"] == "warning" and problem["row"] == 1 and "byte position 19" in problem["message"]
    assert payload["files"][0]["rejected"] == 0 and payload["files"][0]["read"] == 5


def test_a_binary_file_is_still_refused_whole(runner: CliRunner, tmp_path: Path):
    data = bytes(range(256)) * 40
    payload = _validate_any(runner, tmp_path, data)
    assert any(p["code"] == "file-format" and "binary" in p["message"] for p in payload["problems"])


def _validate_any(runner: CliRunner, tmp_path: Path, data: bytes) -> dict:  # type: ignore[type-arg]
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": data})
    out = tmp_path / "v.json"
    result = runner.invoke(main, ["validate", str(folder), "--json", str(out)])
    assert "Traceback" not in result.output, result.output
    return json.loads(out.read_text(encoding="utf-8"))
