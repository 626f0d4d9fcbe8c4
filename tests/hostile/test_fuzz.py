"""A fuzz suite of broken bundles: no traceback, no hang, and the row accounting, on whatever an agency sends.

Hypothesis builds a small valid bundle (audit.yaml, a CSV and an XLSX chronology, a YAML return) and breaks
it: bytes flipped, cut or padded; other encodings; quotes, delimiters, line ends and separators; dates and
times no clock or calendar has; huge, empty, formula and Markdown cells; manifests with missing, wrong or
hostile keys; and the whole thing zipped, with a zip that is cut short or names a path outside itself.
Each bundle goes through `maca validate` (and a share of them through `maca check`), in process.

The budget is fixed (`derandomize=True`: the same examples every run, so CI is reproducible): 300 bundles
validated and 40 checked, about a minute on one core. A failure prints the bundle that caused it.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hostile_craft import entries_sheet, xlsx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from checker.cli.guard import INTERNAL_ERROR_EXIT
from checker.cli.main import main

PER_BUNDLE_SECONDS = 20.0
"""No single bundle may take longer: a hang shows as a failure, not a stuck CI job."""

BAD_DATES = ["31/02/2019", "00/00/0000", "9999-12-31", "May 0000", "01/01/1899", "03/04/19", "?22/05/2016",
             "25:99", "03/03/2019 25:99", "", " ", "2019-13-01", "1e9", "44000", "-1", "NaN", "\u2028", "03/04/2O19"]
BAD_CELLS = ["=HYPERLINK(\"http://x\",\"y\")", "\u2003=1+1", "x;=cmd", "＝1", "**bold** [l](http://x) :red[x]",
             "a" * 25_000, "a " * 12_000, "\x00\x01\x02", "\"", "\"\"", "'", "\r", "\u2028", "\ufeff", "é£’…"]
BAD_MANIFEST_VALUES: list[Any] = [None, "", [], {}, 0, -1, True, "9999-12-31", "x" * 300, [None], {"a": None}]


def _csv_lines(n: int) -> list[list[str]]:
    rows = [["Case", "Date", "Event"]]
    rows += [["case-1", f"{1 + i % 28:02d}/03/2019", f"Home visit number {i}, family seen"] for i in range(n)]
    return rows


def _manifest() -> dict[str, Any]:
    return {
        "audit": {"id": "fuzz", "title": "Fuzz", "theme": "homelessness", "meeting_date": "2019-03-20"},
        "agencies": [{"id": "housing", "name": "Housing", "type": "housing"},
                     {"id": "gp", "name": "GP", "type": "gp"}],
        "cases": [{"id": "case-1"}],
        "submissions": {
            "chronologies": [{"file": "chronologies/housing.csv", "agency": "housing"},
                             {"file": "chronologies/gp.xlsx", "agency": "gp"}],
            "returns": [{"file": "returns/gp-case-1.yaml", "agency": "gp", "case": "case-1"}],
        },
    }


_RETURN = {"agency": "gp", "case": "case-1", "submitted": "2019-03-06", "completed_by": "GP lead",
           "answers": [{"question": "recognition-needs", "answer": "Yes, recorded.", "grade": "Good"}]}


@st.composite
def csv_file(draw: st.DrawFn, broken: bool) -> bytes:
    rows = _csv_lines(draw(st.integers(1, 12)))
    if not broken:
        return "\n".join(",".join(r) for r in rows).encode("utf-8") + b"\n"
    for _ in range(draw(st.integers(0, 4))):
        if len(rows) > 1:
            r = draw(st.integers(0, len(rows) - 1))
            c = draw(st.integers(0, 2))
            rows[r][c] = draw(st.sampled_from(BAD_DATES + BAD_CELLS) | st.text(max_size=12))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\u2028"]))
    quote = draw(st.sampled_from(["none", "all", "broken"]))
    lines = []
    for row in rows:
        cells = [f'"{c}"' for c in row] if quote == "all" else list(row)
        if quote == "broken" and draw(st.booleans()):
            cells[draw(st.integers(0, len(cells) - 1))] = '"' + cells[0]
        lines.append(delimiter.join(cells))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    return draw(_mangle(data))


@st.composite
def _mangle(draw: st.DrawFn, data: bytes) -> bytes:
    how = draw(st.sampled_from(["keep", "keep", "flip", "cut", "pad", "nul", "empty"]))
    if how == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    elif how == "cut" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "pad":
        data += draw(st.binary(max_size=64))
    elif how == "nul":
        data = data.replace(b",", b"\x00", 1)
    elif how == "empty":
        data = b""
    return data


@st.composite
def xlsx_file(draw: st.DrawFn, broken: bool) -> bytes:
    sheet = entries_sheet(rows=draw(st.integers(0, 6)))
    if not broken:
        return xlsx([sheet])
    for _ in range(draw(st.integers(0, 3))):
        where = (draw(st.integers(1, 20)), draw(st.integers(1, 4)))
        sheet.cells[where] = draw(st.sampled_from(BAD_DATES + BAD_CELLS[:6]) | st.integers(-10, 90_000))
    if draw(st.booleans()):
        sheet.cells[(draw(st.integers(1, 100_000)), draw(st.integers(1, 3_000)))] = "stray"
    if draw(st.booleans()):
        sheet.merges = [draw(st.sampled_from(["A1:C1", "A3:XFD3", "B4:B1048576", "A2:A9", "Z9:A1"]))]
    sheet.dimension = draw(st.sampled_from([None, "A1:XFD1048576", "nonsense"]))
    sheet.state = draw(st.sampled_from(["visible", "visible", "hidden", "veryHidden"]))
    sheets = draw(st.sampled_from([[sheet], [], [sheet, entries_sheet("Other")]]))
    return draw(_mangle(xlsx(sheets)))


@st.composite
def manifest_file(draw: st.DrawFn, broken: bool) -> bytes:
    doc = _manifest()
    if not broken:
        return yaml.safe_dump(doc).encode("utf-8")
    for _ in range(draw(st.integers(0, 2))):
        section = draw(st.sampled_from(["audit", "submissions", "agencies", "cases", "top"]))
        value = draw(st.sampled_from(BAD_MANIFEST_VALUES))
        if section == "top":
            key = draw(st.sampled_from(["audit", "agencies", "cases", "submissions", "columns", "extra"]))
            if draw(st.booleans()):
                doc.pop(key, None)
            else:
                doc[key] = value
        elif section == "audit" and isinstance(doc.get("audit"), dict):
            doc["audit"][draw(st.sampled_from(["id", "meeting_date", "period", "submission_deadline"]))] = value
        elif section == "submissions":
            doc["submissions"] = draw(st.sampled_from([{}, {"chronologies": value}, {"returns": [{"file": value}]}]))
        elif section in ("agencies", "cases"):
            doc[section] = [value]
    text = yaml.safe_dump(doc, allow_unicode=True)
    if draw(st.integers(0, 9)) == 0:
        text = "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    return draw(_mangle(text.encode("utf-8")))


BREAKS = ["csv"] * 5 + ["xlsx"] * 3 + ["return", "manifest", "manifest", "missing", "zip", "csv+xlsx", "none"]
"""What each bundle breaks: the CSV most often (where agencies' files go wrong most), one thing at a time, so
most bundles get as far as reading rows and the accounting is tested on real loads."""


@st.composite
def bundles(draw: st.DrawFn) -> tuple[str, dict[str, bytes]]:
    broken = draw(st.sampled_from(BREAKS))
    answer = yaml.safe_dump(_RETURN).encode("utf-8")
    files = {
        "audit.yaml": draw(manifest_file(broken == "manifest")),
        "chronologies/housing.csv": draw(csv_file(broken in ("csv", "csv+xlsx"))),
        "chronologies/gp.xlsx": draw(xlsx_file(broken in ("xlsx", "csv+xlsx"))),
        "returns/gp-case-1.yaml": draw(_mangle(answer)) if broken == "return" else answer,
    }
    if broken == "missing":
        files.pop(draw(st.sampled_from(sorted(files))))
    form = draw(st.sampled_from(["zip", "zip-cut", "zip-slip"])) if broken == "zip" else "folder"
    event(f"broken: {broken}")
    return form, files


def _write(root: Path, form: str, files: dict[str, bytes]) -> Path:
    if form == "folder":
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        return root
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        if form == "zip-slip":
            archive.writestr("../../outside.txt", b"x")
    data = buffer.getvalue()
    if form == "zip-cut":
        data = data[: len(data) // 2]
    path = root / "bundle.zip"
    path.write_bytes(data)
    return path


def _run(args: list[str]) -> Any:
    started = time.perf_counter()
    result = CliRunner().invoke(main, args)
    took = time.perf_counter() - started
    assert took < PER_BUNDLE_SECONDS, f"{args[0]} took {took:.1f} s"
    assert result.exit_code != INTERNAL_ERROR_EXIT and "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return result


def _accounting(payload: dict[str, Any]) -> None:
    for counts in payload.get("files", []):
        assert counts["read"] == counts["loaded"] + counts["rejected"], counts
        if counts.get("lines") is not None:
            assert counts["read"] <= counts["lines"], counts


FUZZ = settings(max_examples=300, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(bundles())
def test_validate_never_crashes_hangs_or_loses_rows(tmp_path_factory: Any, bundle: tuple[str, dict[str, bytes]]):
    form, files = bundle
    root = tmp_path_factory.mktemp("fuzz")
    path = _write(root, form, files)
    out = root / "validate.json"
    result = _run(["validate", str(path), "--json", str(out)])
    if out.exists():
        payload = json.loads(out.read_text(encoding="utf-8"))
        event(f"files read: {len(payload['files'])}, loaded rows: {sum(c['loaded'] for c in payload['files']) > 0}")
        _accounting(payload)
    else:
        assert result.exit_code == 1 and result.output.startswith("Error:"), result.output


@settings(FUZZ, max_examples=40)
@given(bundles())
def test_check_never_crashes_or_hangs(tmp_path_factory: Any, bundle: tuple[str, dict[str, bytes]]):
    form, files = bundle
    root = tmp_path_factory.mktemp("fuzz")
    path = _write(root, form, files)
    out = root / "check.json"
    result = _run(["check", str(path), "--json", str(out)])
    event(f"check exit {result.exit_code}")
    if result.exit_code == 0:  # the check ran: a broken input skips a rule, it never makes one error
        payload = json.loads(out.read_text(encoding="utf-8"))
        assert payload["summary"]["outcomes"]["errored"] == 0, [
            (o["rule"], o["case"], o["reason"]) for o in payload["rules"] if o["outcome"] == "errored"]
        assert "0 errored." in result.output, result.output
