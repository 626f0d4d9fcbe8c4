"""Streamed output: the JSON written piece by piece from spilled partitions is byte for byte `dumps()`;
a streamed check keeps only what the act-today block reads, and its counts are the whole's."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.check.executors import LocalExecutor
from checker.check.jsonout import dumps_at, write_document
from checker.check.partition import run_partitioned
from checker.check.stream import JsonLines, JsonSpill, check_bundle, write_result
from checker.cli.main import main

_scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=8)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=5), inner, max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(value=_values, level=st.integers(0, 3))
def test_dumps_at_is_json_dumps_nested(value, level) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False, default=str).replace("\n", "\n" + "  " * level)
    assert dumps_at(value, level) == expected


def test_dumps_at_other_values_as_json_dumps_default_str() -> None:
    import datetime as dt

    value = {"day": dt.date(2019, 4, 3), "pair": (1, "a"), 3: [dt.date(2020, 1, 1)], True: None, 1.5: "x"}
    assert dumps_at(value, 1) == json.dumps(value, indent=2, ensure_ascii=False, default=str).replace("\n", "\n  ")


def test_write_document_is_dumps_with_streamed_lists() -> None:
    doc = {"a": {"b": [1, {"c": []}]}, "flags": [{"x": 1}, {"y": [2, 3]}], "rules": [], "z": "é"}
    out = io.StringIO()
    write_document(out, [(k, (lambda v=v: [dumps_at(i, 2) for i in v]) if k in ("flags", "rules") else v)
                         for k, v in doc.items()])
    assert out.getvalue() == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def test_spilled_partitions_write_the_same_json_as_one_process(small_sweep) -> None:
    spill = JsonSpill()
    try:
        result = run_partitioned(small_sweep.bundle, executor=LocalExecutor(1), parts=5, keep=False,
                                 on_part=spill, render=frozenset({"json"}))
        out = io.StringIO()
        write_result(out, result, spill)
    finally:
        spill.close()
    assert result.partial
    assert out.getvalue() == small_sweep.json
    reference = json.loads(small_sweep.json)
    assert result.summary() == reference["summary"]
    high = sorted(f["id"] for f in reference["flags"] if f["severity"] == "high")
    kept = result.findings.for_today
    assert high and high == sorted(f["id"] for f in kept if f["severity"] == "high")
    assert all("evidence" not in f for f in kept)
    skipped = sum(n for rules in result.findings.skipped.values() for n in rules.values())
    assert skipped == reference["summary"]["outcomes"]["skipped"]


def test_kept_result_writes_the_same_json(small_sweep) -> None:
    out = io.StringIO()
    write_result(out, small_sweep.result)
    assert out.getvalue() == small_sweep.json


def test_jsonl_rendered_in_workers_is_the_lines_of_every_flag_and_outcome(small_sweep) -> None:
    plain, rendered = io.StringIO(), io.StringIO()
    run_partitioned(small_sweep.bundle, executor=LocalExecutor(1), parts=3, keep=False, on_part=JsonLines(plain))
    run_partitioned(small_sweep.bundle, executor=LocalExecutor(1), parts=3, keep=False,
                    on_part=JsonLines(rendered), render=frozenset({"jsonl"}))
    assert rendered.getvalue() == plain.getvalue() and plain.getvalue().count("\n") > 100


def test_check_bundle_streams_json_and_jsonl_files(small_sweep, tmp_path: Path) -> None:
    json_file, lines_file = tmp_path / "result.json", tmp_path / "result.jsonl"
    result = check_bundle(small_sweep.bundle, workers=1, jsonl=lines_file, json_path=json_file, keep=False)
    assert result.partial
    assert json_file.read_text(encoding="utf-8") == small_sweep.json
    assert json_file.stat().st_mode & 0o077 == 0 and lines_file.stat().st_mode & 0o077 == 0  # private
    last = json.loads(lines_file.read_text(encoding="utf-8").splitlines()[-1])
    assert last["type"] == "summary" and last["flags"] == result.summary()["flags"]


def test_cli_jsonl_alone_lists_act_today_and_says_where_the_flags_are(small_sweep, tmp_path: Path) -> None:
    out = tmp_path / "flags.jsonl"
    ran = CliRunner().invoke(main, ["check", str(small_sweep.folder), "--workers", "1", "--jsonl", str(out)])
    assert ran.exit_code == 0, ran.output
    assert "ACT TODAY" in ran.output and "and every rule outcome is in the --jsonl file." in ran.output
    assert "Skipped (the rule had nothing to check), by reason:" in ran.output
