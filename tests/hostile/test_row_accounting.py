"""Rows read = loaded + rejected, held against the file's own physical line count, for every broken quoting.

Each file is what an agency meant as one entry per line: a header, then entries, some with blank lines
between. Whatever the quoting does to them, every entry line is either loaded or counted as rejected, so
`read` equals the entry lines that `wc -l` sees (physical lines less the header and blank lines).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hostile_craft import bundle

from checker.intake.bundle import load_bundle

HEADER = "Case,Date,Event"


def _entry(i: int) -> str:
    return f"case-1,{1 + i % 28:02d}/03/2019,Home visit number {i}"


def _file(*broken: tuple[int, str], n: int = 30, blanks: tuple[int, ...] = ()) -> list[str]:
    """Header and `n` entry lines; entry i replaced where `broken` says; blank lines after `blanks`."""
    replace = dict(broken)
    lines = [HEADER]
    for i in range(1, n + 1):
        lines.append(replace.get(i, _entry(i)))
        if i in blanks:
            lines.append("")
    return lines


CASES: dict[str, tuple[list[str], str]] = {
    "quote never closed, runs to the end": (_file((8, 'case-1,08/03/2019,"Visit, quote never closed')), "\n"),
    "quote closed by a later quoted cell": (
        _file((5, 'case-1,05/03/2019,"Visit, opened'), (12, 'case-1,12/03/2019,"quoted, properly"')), "\n"),
    "two stray opening quotes": (
        _file((3, 'case-1,03/03/2019,"first stray'), (20, 'case-1,20/03/2019,"second stray')), "\n"),
    "quote in the middle of a cell": (_file((4, 'case-1,04/03/2019,Mum said "no" at the door')), "\n"),
    "text after a closing quote": (_file((6, 'case-1,06/03/2019,"Visit" then more text')), "\n"),
    "doubled quotes left open": (_file((9, 'case-1,09/03/2019,"""Quoted"" and open')), "\n"),
    "last line open at end of file": (_file((30, 'case-1,30/03/2019,"Visit never closed')), "\n"),
    "quote open in the header": (['Case,"Date,Event', *_file()[1:]], "\n"),
    "line separator hiding an entry": (_file((7, "case-1,07/03/2019,Visit\u2028case-1,07/03/2019,Call")), "\n"),
    "paragraph separator hiding an entry": (_file((7, "case-1,07/03/2019,Visit\u2029case-1,07/03/2019,Call")), "\n"),
    "windows line ends, quote open": (_file((11, 'case-1,11/03/2019,"Visit, open')), "\r\n"),
    "old mac line ends, quote open": (_file((11, 'case-1,11/03/2019,"Visit, open')), "\r"),
    "blank lines and a quote open": (_file((15, 'case-1,15/03/2019,"open'), blanks=(3, 10, 20)), "\n"),
    "semicolons, quote open": (
        [line.replace(",", ";") for line in _file((5, 'case-1,05/03/2019,"Visit; open'))], "\n"),
    "oversized cell": (_file((10, "case-1,10/03/2019," + "x" * 140_000)), "\n"),
    "quote open and closed on the next line": (
        _file((13, 'case-1,13/03/2019,"Visit, open'), (14, 'case-1,14/03/2019,closes here",extra')), "\n"),
}


def wc_l(data: bytes) -> int:
    """Physical lines as `wc -l` counts them, plus a last line with no line break; a lone CR ends a line too."""
    text = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return text.count(b"\n") + (0 if text.endswith(b"\n") or not text else 1)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rows_read_match_the_physical_lines(tmp_path: Path, name: str):
    lines, newline = CASES[name]
    data = (newline.join(lines) + newline).encode("utf-8")
    folder = bundle(tmp_path / "b", {"chronologies/housing.csv": data})
    loaded = load_bundle(folder, today=dt.date(2019, 3, 31))
    counts = loaded.counts[0]
    blank = sum(1 for line in lines if not line)
    header = 0 if name == "quote open in the header" else 1  # a swallowed header is one more rejected line
    assert counts.lines == wc_l(data)
    assert counts.read == counts.loaded + counts.rejected
    assert counts.read == wc_l(data) - header - blank, [p.line()[:120] for p in loaded.problems]
    if counts.rejected:
        located = [p for p in loaded.problems if p.level == "error" and p.code == "csv-broken"]
        assert located and all(p.row is not None and "line" in p.message for p in located)
