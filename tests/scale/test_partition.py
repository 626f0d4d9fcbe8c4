"""The check in partitions gives the same JSON, byte for byte, in this process, on two worker processes and
on a Dask LocalCluster; `--jsonl` streams every flag and outcome; `maca check --workers 2` on 1,000 cases."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from checker.check import run_check
from checker.check.executors import DaskExecutor, LocalExecutor
from checker.check.partition import check_partition, run_partitioned, split
from checker.cli.main import main
from checker.engine.catalogue import Example, load_catalogue
from checker.examples import write_example_bundle
from checker.generate import generate_bundle
from checker.intake.bundle import load_bundle
from checker.intake.packed import _Coded

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_one_worker_many_partitions_same_json(small_sweep) -> None:
    with LocalExecutor(1) as ex:
        assert run_partitioned(small_sweep.bundle, executor=ex, parts=3).dumps() == small_sweep.json


def test_two_worker_processes_same_json(small_sweep) -> None:
    with LocalExecutor(2) as ex:
        result = run_partitioned(small_sweep.bundle, executor=ex, parts=4)
    assert result.dumps() == small_sweep.json
    stages = result.stage_seconds
    cpu_parts = {"cpu_classify", "cpu_derive", "cpu_engine", "cpu_report", "cpu_referrals", "cpu_render"}
    assert set(stages) == {"classify", "rules", "cpu", "main_partitions", "main_reduce"} | cpu_parts
    assert abs(sum(stages[k] for k in cpu_parts) - stages["cpu"]) < 0.01 * stages["cpu"] + 0.01  # they add up


def test_dask_local_cluster_same_json(small_sweep) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client, DaskExecutor(client) as ex:
        assert ex.workers == 2
        assert run_partitioned(small_sweep.bundle, executor=ex, parts=3).dumps() == small_sweep.json


@pytest.mark.parametrize("name", ["homelessness", "good-practice"])
def test_audit_with_returns_same_json_in_partitions(name: str) -> None:
    """Quality scores an agency across its cases: it is reduced once, on the whole, after the partitions."""
    bundle = load_bundle(SAMPLES / name)
    with LocalExecutor(1) as ex:
        assert run_partitioned(bundle, executor=ex, parts=3).dumps() == run_check(bundle).dumps()


def test_partitions_hold_whole_cases_and_every_row(small_sweep) -> None:
    bundle = small_sweep.bundle
    parts = list(split(bundle, small_sweep.truth.as_of, load_catalogue(), parts=5))
    assert len(parts) == 5
    seen = [c.id for p in parts for c in p.manifest.cases]
    assert seen == sorted(c.id for c in bundle.manifest.cases)
    assert sum(len(p.chronology) for p in parts) == len(bundle.chronology)
    for part in parts:
        assert set(part.chronology["case"]) <= {c.id for c in part.manifest.cases}


def test_a_partition_and_its_result_cross_to_a_worker_exactly(small_sweep) -> None:
    """Sent to a worker, a partition's rows travel packed (Arrow columns) and are rebuilt into the same frame;
    a result's classified rows (with their tuples of kinds) come back the same way."""
    part = next(split(small_sweep.bundle, small_sweep.truth.as_of, load_catalogue(), parts=3, keep_frame=True))
    sent = pickle.loads(pickle.dumps(part))
    pd.testing.assert_frame_equal(sent.chronology, part.chronology, check_exact=True)
    assert sent.manifest == part.manifest and sent.returns == part.returns and sent.keep_frame
    packed = part.__reduce__()[1][3]
    event = packed.columns[list(packed.labels).index("event")]
    assert isinstance(event, _Coded) and len(event.uniques) == part.chronology["event"].nunique()  # each text once
    result = check_partition(part)
    assert result.frame is not None and result.frame["kinds"].map(len).sum() > 0
    back = pickle.loads(pickle.dumps(result))
    pd.testing.assert_frame_equal(back.frame, result.frame, check_exact=True)
    assert back.flags == result.flags and back.counts == result.counts
    assert all(type(k) is tuple for k in back.frame["kinds"])


def test_jsonl_streams_every_flag_and_outcome(small_sweep, tmp_path: Path) -> None:
    out = tmp_path / "flags.jsonl"
    result = CliRunner().invoke(main, ["check", str(small_sweep.folder), "--workers", "1", "--jsonl", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    reference = json.loads(small_sweep.json)
    flags = [{k: v for k, v in line.items() if k != "type"} for line in lines if line["type"] == "flag"]
    outcomes = [line for line in lines if line["type"] == "outcome"]
    assert sorted(f["id"] for f in flags) == sorted(f["id"] for f in reference["flags"])
    assert len(outcomes) == len(reference["rules"])
    assert lines[-1]["type"] == "summary" and lines[-1]["flags"] == reference["summary"]["flags"]
    assert lines[-1]["outcomes"] == reference["summary"]["outcomes"]
    assert "and every rule outcome is in the --jsonl file." in result.output


def test_cli_check_workers_2_on_1000_cases(tmp_path: Path) -> None:
    """CI smoke test: a generated 1,000-case sweep checked on two worker processes, JSON written."""
    folder = tmp_path / "sweep"
    truth = generate_bundle(folder, cases=1000, seed=99)
    out = tmp_path / "result.json"
    result = CliRunner().invoke(main, ["check", str(folder), "--workers", "2", "--json", str(out)])
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert len({o["case"] for o in payload["rules"]}) == 1000
    assert payload["summary"]["outcomes"]["errored"] == 0
    fired = {f["case"] for f in payload["flags"] if f["rule"] == "antenatal-hv-missing"}
    assert set(truth.must_fire["antenatal-hv-missing"]) <= fired


def test_refer_today_in_eviction_date_order_when_partitions_hold_the_cases_the_other_way(tmp_path: Path) -> None:
    """Partitions follow case ids (a, m, z); the refer-today list follows the eviction date (z, m, a), in one
    process and after the partitions are reduced."""
    rows = {
        "case-a": "N54 notice of eviction received: bailiffs booked for 14/03.",
        "case-m": "N54 notice of eviction received: bailiffs booked for 06/03.",
        "case-z": "N54 notice of eviction received: bailiffs booked for 03/03.",
    }
    examples = [(case, Example(name=case, expect="flag", rows=[{"agency": "housing", "date": "01/03/2019", "event": event}]))
                for case, event in rows.items()]
    write_example_bundle(load_catalogue().get("imminent-eviction"), examples, tmp_path, dt.date(2019, 3, 4))
    bundle = load_bundle(tmp_path, today=dt.date(2019, 3, 4))
    whole = run_check(bundle, as_of=dt.date(2019, 3, 4))
    with LocalExecutor(1) as ex:
        parted = run_partitioned(bundle, as_of=dt.date(2019, 3, 4), executor=ex, parts=3)
    for result in (whole, parted):
        assert [r.case for r in result.worklist.refer_today] == ["case-z", "case-m", "case-a"]
    assert parted.dumps() == whole.dumps()
