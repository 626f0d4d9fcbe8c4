"""`maca validate` on arbitrary input: never an unhandled exception, and rows read = loaded + rejected."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli.main import main

MANIFEST = {
    "audit": {"id": "prop", "title": "Property audit", "theme": "homelessness", "meeting_date": "2019-03-26",
              "period": {"start": "2018-03-01", "end": "2019-02-28"}},
    "agencies": [{"id": "housing", "name": "Housing Options", "type": "housing", "aliases": ["HO"]},
                 {"id": "hv", "name": "Health visiting", "type": "health_visiting", "aliases": ["HV"]}],
    "cases": [{"id": "case-1"}, {"id": "case-2"}],
    "submissions": {"chronologies": [{"file": "chronologies/housing.csv", "agency": "housing"}]},
}

_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["03/04/2019", "31/02/2019", "?22 May 2016", "May 2016", "case-1", "case-9", "HO", "Date",
                     "Event", "Case", '"', "=HYPERLINK(1)", "0000"]),
)


def _validate(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        result = CliRunner().invoke(main, ["validate", str(root), "--json", str(root / "out.json")])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output
        report = json.loads((root / "out.json").read_text(encoding="utf-8"))
        for counts in report["files"]:
            assert counts["read"] == counts["loaded"] + counts["rejected"], counts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_chronology(data: bytes) -> None:
    _validate({"audit.yaml": yaml.safe_dump(MANIFEST).encode(), "chronologies/housing.csv": data})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(_cells, max_size=5), max_size=8), header=st.booleans())
def test_arbitrary_csv_text_as_a_chronology(rows: list[list[str]], header: bool) -> None:
    lines = [",".join(r) for r in rows]
    if header:
        lines.insert(0, "Date,Case,Event")
    text = "\n".join(lines)
    _validate({"audit.yaml": yaml.safe_dump(MANIFEST).encode(), "chronologies/housing.csv": text.encode()})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_as_the_manifest(data: bytes) -> None:
    _validate({"audit.yaml": data, "chronologies/housing.csv": b"Date,Case,Event\n03/04/2018,case-1,Visit\n"})
