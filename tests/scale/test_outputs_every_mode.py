"""Every registered output gives the same tables however the check ran: in this process, in partitions on
one and on two worker processes, on a Dask LocalCluster; a streamed check keeps what its type says and an
output needing more is refused (NotKept), never given an empty list or frame. The generated bundle has no
audit returns, the case in which a partitioned check used to keep no chronology at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from checker.check import CheckResult, run_check
from checker.check.executors import DaskExecutor, LocalExecutor
from checker.check.partition import run_partitioned
from checker.generate import generate_bundle
from checker.intake.bundle import LoadedBundle, load_bundle
from checker.outputs.exports import Table
from checker.outputs.registry import OUTPUTS
from checker.outputs.result import NotKept, Output

CASES, SEED = 40, 20261207


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> LoadedBundle:
    folder = tmp_path_factory.mktemp("every-mode") / "bundle"
    generate_bundle(folder, cases=CASES, seed=SEED)
    loaded = load_bundle(folder)
    assert not loaded.returns and len(loaded.chronology) > 1000  # a sweep: no returns, many rows
    return loaded


def _dask(bundle: LoadedBundle) -> CheckResult:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client, DaskExecutor(client) as ex:
        return run_partitioned(bundle, executor=ex, parts=3)


@pytest.fixture(scope="module")
def results(bundle: LoadedBundle) -> dict[str, CheckResult]:
    with LocalExecutor(1) as one, LocalExecutor(2) as two:
        return {
            "in process": run_check(bundle),
            "partitioned": run_partitioned(bundle, executor=one, parts=4),
            "two workers": run_partitioned(bundle, executor=two, parts=3),
            "dask": _dask(bundle),
        }


def _cells(tables: Iterator[Table] | list[Table]) -> list[tuple[str, list[str], list[list[object]]]]:
    return [(t.title, list(t.columns), [list(row) for row in t.rows]) for t in tables]


def test_registry_has_an_output_that_reads_the_chronology() -> None:
    assert any("chronology" in o.reads for o in OUTPUTS)


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: o.name)
def test_every_output_is_the_same_in_every_mode(output: Output, results: dict[str, CheckResult]) -> None:
    reference = _cells(output.tables(results["in process"]))
    assert reference and any(rows for _, _, rows in reference)  # something to compare
    for mode, result in results.items():
        assert _cells(output.tables(result)) == reference, f"{output.name} differs {mode}"


def test_the_chronology_is_whole_in_every_mode(bundle: LoadedBundle, results: dict[str, CheckResult]) -> None:
    reference = results["in process"].chronology
    assert reference is not None and len(reference) == len(bundle.chronology)
    for mode, result in results.items():
        assert result.chronology is not None, mode
        pd.testing.assert_frame_equal(result.chronology, reference, obj=mode)
        assert result.dumps() == results["in process"].dumps(), mode


def test_a_streamed_check_keeps_counts_and_refuses_what_it_did_not_keep(
    bundle: LoadedBundle, results: dict[str, CheckResult]
) -> None:
    streamed = run_partitioned(bundle, executor=LocalExecutor(1), parts=3, keep=False)
    whole = results["in process"]
    assert streamed.partial and streamed.chronology is None and streamed.findings.flags is None
    assert streamed.summary() == whole.summary()
    assert streamed.findings.skipped == whole.findings.skipped
    high = sorted(f["id"] for f in whole.flags if f["severity"] == "high")
    assert high == sorted(f["id"] for f in streamed.findings.for_today if f["severity"] == "high")
    for output in OUTPUTS:
        if output.reads:  # needs what a streamed check does not keep: refused, never empty
            with pytest.raises(NotKept):
                output.tables(streamed)
        else:  # reads only what every check keeps whole
            assert _cells(output.tables(streamed)) == _cells(output.tables(whole))
    with pytest.raises(NotKept):
        _ = streamed.frame
    with pytest.raises(NotKept):
        _ = streamed.flags


def test_cli_writes_every_output_in_a_sweep_sized_run(tmp_path: Path, bundle: LoadedBundle) -> None:
    """Asking for an output keeps what it reads, even where the check would otherwise stream."""
    from click.testing import CliRunner

    from checker.cli.main import main
    from checker.cli.outputs import param_name

    folder = tmp_path / "b"
    generate_bundle(folder, cases=12, seed=SEED)
    args = ["check", str(folder), "--workers", "2", "--jsonl", str(tmp_path / "r.jsonl")]
    for output in OUTPUTS:
        args += [output.option, str(tmp_path / (param_name(output) + output.suffix))]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    for output in OUTPUTS:
        assert f"{output.label} written to" in ran.output
        assert (tmp_path / (param_name(output) + output.suffix)).stat().st_size > 0


def test_a_check_told_not_to_keep_the_chronology_says_so_by_type(bundle: LoadedBundle) -> None:
    """`maca check` without an output that reads the rows does not ship them back: None, never empty."""
    lean = run_partitioned(bundle, executor=LocalExecutor(1), parts=2, chronology=False)
    assert lean.chronology is None and lean.findings.flags is not None
    for output in OUTPUTS:
        if "chronology" in output.reads:
            with pytest.raises(NotKept):
                output.tables(lean)
