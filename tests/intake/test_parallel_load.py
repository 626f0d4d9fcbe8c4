"""Chronology files read in worker processes load exactly as in one process: the same frame, the same problems in
the same order, the same counts — on hostile files (encodings, ragged rows, broken quotes, varied headers,
unknown cases and agencies, bad dates) and on a generated sweep; the size threshold decides which path runs; a
worker that dies leaves a warning and the file read in this process, never a hang or a traceback.

One pool of two workers is shared by the module (starting one costs about a second of CPU).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.generate import generate_bundle
from checker.intake import parallel
from checker.intake.bundle import LoadedBundle, load_bundle
from checker.intake.chronology import ChronologyLoad, Lookups, load_chronology
from checker.intake.parallel import PARALLEL_BYTES, Job, Pool, load_chronologies, parallel_workers, warm_pool
from checker.model.audit import Manifest

TODAY = dt.date(2019, 3, 20)

HEADERS = [  # varied headers, all known synonyms; the last has a column no synonym names
    ["Case", "Date", "Agency", "Event", "Action"],
    ["Case ref", "Date of event", "Organisation", "Details", "Outcome"],
    ["Child ref", "Event date", "Source agency", "Narrative", "Action taken", "Notes"],
]
CASES = ["case-1", "case-2", "HO/2018/0001", "case-9", ""]  # a reference, an unknown case, a blank
AGENCIES = ["housing", "HV", "health visitor", "Testshire surgery", "police", ""]  # aliases, an unknown one
DATES = ["03/04/2018", "3 Apr 2018", "?22/05/2018", "May 2018", "31/02/2018", "01/01/1899", "2020-01-01",
         "14/10/2018 25:99", "12/12/2018 14:30", "", "not a date", "2018"]
EVENTS = ["Home visit, family seen", "Called £ rent arrears, café", "Strategy meeting: Present: housing, HV",
          "Home visit, family seen", "", "=SUM(A1)", "Visit\u2028case-1,07/03/2018,Call,x,y", "x" * 10_500]
BREAKS = ['case-1,05/03/2018,housing,"Visit, opened', '"', 'case-1,06/03/2018,housing,"Visit" then more,x',
          "case-1", "case-1,07/03/2018,housing,a,b,c,d,e,f"]


def _manifest(files: int) -> Manifest:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "intake" / "audit.yaml"
    doc = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    doc["submissions"] = {"chronologies": [
        {"file": f"chronologies/f{i}.csv", "agency": ["housing", "hv", "gp"][i % 3], "submitted": "2019-03-10"}
        for i in range(files)]}
    return Manifest.model_validate(doc)


@st.composite
def chronology_file(draw: st.DrawFn) -> bytes:
    """A CSV an agency might send: a header of its own, rows drawn from good and bad cells, some lines broken,
    in UTF-8, UTF-8 with BOM or Windows-1252, with its own line ends."""
    header = draw(st.sampled_from(HEADERS))
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.integers(0, 6)) == 0:
            lines.append(draw(st.sampled_from(BREAKS)))
            continue
        cells = [draw(st.sampled_from(CASES)), draw(st.sampled_from(DATES)), draw(st.sampled_from(AGENCIES)),
                 draw(st.sampled_from(EVENTS)), draw(st.sampled_from(["", "Referred", "NFA; closed"]))]
        cells = cells[: draw(st.integers(2, len(header)))]  # ragged: a short row
        lines.append(",".join(f'"{c}"' if "," in c else c for c in cells))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines) + draw(st.sampled_from(["", "\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace")


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    shared = Pool(2)
    yield shared
    shared.close()


def _jobs(manifest: Manifest, contents: list[bytes]) -> list[Job]:
    return [Job(s.file, s, data) for s, data in zip(manifest.submissions.chronologies, contents, strict=True)]


def _serial(manifest: Manifest, jobs: list[Job]) -> list[ChronologyLoad]:
    lookups = Lookups(manifest)
    return [load_chronology(j.data, j.source, manifest, file_label=j.name, today=TODAY, lookups=lookups)
            for j in jobs]


def _same(a: ChronologyLoad, b: ChronologyLoad) -> None:
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert a.problems == b.problems
    assert a.counts == b.counts


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(contents=st.lists(chronology_file(), min_size=2, max_size=5))
def test_files_loaded_in_workers_equal_the_files_loaded_here(pool: Pool, contents: list[bytes]) -> None:
    manifest = _manifest(len(contents))
    jobs = _jobs(manifest, contents)
    finished: list[int] = []
    loads = load_chronologies(list(jobs), manifest, Lookups(manifest), today=TODAY, workers=2, pool=pool,
                              done=lambda i, _load: finished.append(i))
    assert sorted(finished) == list(range(len(jobs)))  # each file once, whatever order the workers finish in
    for got, want in zip(loads, _serial(manifest, jobs), strict=True):
        _same(got, want)
        assert got.counts.read == got.counts.loaded + got.counts.rejected


def _die(job: Job, context: bytes, key: int) -> ChronologyLoad:
    os._exit(3)  # a worker killed while reading (out of memory, say)


def test_a_worker_that_dies_leaves_a_warning_and_the_file_read_here(pool: Pool, monkeypatch: pytest.MonkeyPatch,
                                                                   ) -> None:
    contents = [b"Case,Date,Event\ncase-1,03/04/2018,Visit\n", b"Case,Date,Event\ncase-2,04/04/2018,Call\n"]
    manifest = _manifest(2)
    jobs = _jobs(manifest, contents)
    monkeypatch.setattr(parallel, "_LOAD", _die)
    own = Pool(2)  # its workers die: not the shared one
    try:
        loads = load_chronologies(list(jobs), manifest, Lookups(manifest), today=TODAY, workers=2, pool=own)
    finally:
        own.close()
    for job, got, want in zip(jobs, loads, _serial(manifest, jobs), strict=True):
        stopped = [p for p in got.problems if p.code == "load-worker-stopped"]
        assert [(p.level, p.file) for p in stopped] == [("warning", job.name)]
        assert "read again in the main process" in stopped[0].message
        _same(dataclasses.replace(got, problems=[p for p in got.problems if p not in stopped]), want)


def test_the_threshold_decides_the_path() -> None:
    assert parallel_workers(PARALLEL_BYTES - 1, 2, files=12) == 1  # a small bundle: this process
    assert parallel_workers(PARALLEL_BYTES, 2, files=12) == 2
    assert parallel_workers(PARALLEL_BYTES, 1, files=12) == 1  # --workers 1
    assert parallel_workers(10 * PARALLEL_BYTES, 2, files=1) == 1  # one file: nothing to share out
    assert parallel_workers(10 * PARALLEL_BYTES, 8, files=3) == 3  # never more workers than files
    assert 8 * 2**20 <= PARALLEL_BYTES <= 64 * 2**20  # the usual audit (a few MB) stays in one process
    assert warm_pool([10 * PARALLEL_BYTES], 2) is None  # one big file: no worker is started early for nothing
    assert warm_pool([PARALLEL_BYTES // 2, PARALLEL_BYTES // 2 - 1], 2) is None


def _bundle(folder: Path, contents: list[bytes]) -> Path:
    doc = yaml.safe_load((Path(__file__).resolve().parents[1] / "fixtures" / "intake" / "audit.yaml").read_text())
    doc["submissions"] = {"chronologies": [
        {"file": f"chronologies/f{i}.csv", "agency": ["housing", "hv", "gp"][i % 3], "submitted": "2019-03-10"}
        for i in range(len(contents))] + [{"file": "chronologies/missing.csv", "agency": "gp"},
                                          {"file": "chronologies/f0.csv", "agency": "housing"}]}
    (folder / "chronologies").mkdir(parents=True)
    (folder / "audit.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    for i, data in enumerate(contents):
        (folder / "chronologies" / f"f{i}.csv").write_bytes(data)
    return folder


def _loaded(folder: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadedBundle, list[int]]:
    used: list[int] = []
    real = parallel.load_chronologies

    def spy(*args: object, **kwargs: object) -> list[ChronologyLoad]:
        used.append(int(kwargs["workers"]))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("checker.intake.bundle.load_chronologies", spy)
    progress: list[tuple[int, int]] = []
    bundle = load_bundle(folder, today=TODAY, workers=workers, progress=lambda d, t: progress.append((d, t)))
    assert progress == [(i, len(progress)) for i in range(1, len(progress) + 1)]  # every listed file, counted up
    return bundle, used


def test_a_bundle_loads_the_same_in_workers_as_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above the threshold (lowered here) the files go to workers, and the whole LoadedBundle is the same."""
    rows = [",".join([case, date, agency, f'"{event}"' if "," in event else event, ""])
            for case, date, agency, event in zip(CASES * 3, DATES * 2, AGENCIES * 3, EVENTS * 2, strict=False)]
    contents = [("\n".join([",".join(HEADERS[i % 3]), *rows[i::2], *BREAKS[i:]]) + "\n").encode(encoding, "replace")
                for i, encoding in enumerate(["utf-8", "cp1252", "utf-8-sig", "cp1252", "utf-8"])]
    contents.append("Case,Date,Event\ncase-1,03/04/2018,Visit\ncase-1,03/04/2018,Visit\n".encode("cp1252"))
    contents.append(b"\xef\xbb\xbfDate;Case;Event\r\n04/04/2018;case-2;\"Call, \xc2\xa3\"\r\n")
    folder = _bundle(tmp_path / "b", contents)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1)
    here, used_here = _loaded(folder, 1, monkeypatch)
    there, used_there = _loaded(folder, 2, monkeypatch)
    assert (used_here, used_there) == ([1], [2])
    pd.testing.assert_frame_equal(here.chronology, there.chronology)
    assert here.problems == there.problems
    assert here.counts == there.counts
    assert [p.code for p in there.problems if p.code in ("file-missing", "file-listed-twice")] == [
        "file-missing", "file-listed-twice"]
    assert not any(p.code == "load-worker-stopped" for p in there.problems)


def test_a_small_bundle_stays_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _bundle(tmp_path / "b", [b"Case,Date,Event\ncase-1,03/04/2018,Visit\n"] * 3)
    monkeypatch.setattr(parallel, "Pool", None)  # starting a worker would fail the test
    bundle, used = _loaded(folder, 2, monkeypatch)
    assert used == [1] and len(bundle.chronology) == 3


def test_a_generated_sweep_loads_the_same_in_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate_bundle(tmp_path / "sweep", cases=40, seed=26)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1)
    here, used_here = _loaded(tmp_path / "sweep", 1, monkeypatch)
    there, used_there = _loaded(tmp_path / "sweep", 2, monkeypatch)
    assert (used_here, used_there) == ([1], [2]) and len(there.counts) >= 10 and len(there.chronology) > 1000
    pd.testing.assert_frame_equal(here.chronology, there.chronology)
    assert (here.problems, here.counts) == (there.problems, there.counts)
