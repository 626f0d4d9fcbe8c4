"""The `maca` command line: exit codes, JSON on stdout, clear one-line problems, help for every command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "samples" / "homelessness")
GOOD = str(ROOT / "samples" / "good-practice")


@pytest.fixture
def runner():
    return CliRunner()


def test_check_json_to_stdout_carries_only_json(runner):
    result = runner.invoke(main, ["check", SAMPLE, "--json", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"audit", "flags", "rules", "problems", "referrals"} <= set(data)
    assert data["summary"]["outcomes"]["errored"] == 0, [o for o in data["rules"] if o["outcome"] == "errored"]
    assert data["as_of"] == "2019-03-26"  # the meeting date in audit.yaml
    assert "flags:" in result.stderr


def test_check_as_of_and_fail_on(runner):
    result = runner.invoke(main, ["check", SAMPLE, "--as-of", "2019-01-09", "--json", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["as_of"] == "2019-01-09"
    assert runner.invoke(main, ["check", SAMPLE, "--fail-on", "high"]).exit_code == 1
    good = runner.invoke(main, ["check", GOOD, "--fail-on", "high"])
    assert good.exit_code == 0, good.output
    assert ", 0 errored." in good.output  # no high flag because every rule ran and passed, not because one failed


def test_bad_as_of_is_a_usage_error(runner):
    result = runner.invoke(main, ["check", SAMPLE, "--as-of", "31/02/2019"])
    assert result.exit_code == 2
    assert "26/03/2019" in result.output  # the error shows the day-first form to use


@pytest.mark.parametrize("written", ["26/03/2019", "26 Mar 2019"])
def test_as_of_day_first_equals_iso(runner, written):
    iso = runner.invoke(main, ["check", SAMPLE, "--as-of", "2019-03-26", "--json", "-"])
    uk = runner.invoke(main, ["check", SAMPLE, "--as-of", written, "--json", "-"])
    assert uk.exit_code == iso.exit_code == 0
    assert json.loads(uk.stdout) == json.loads(iso.stdout)
    assert uk.stderr == iso.stderr


def test_validate_reports_counts_and_problems(runner, tmp_path):
    result = runner.invoke(main, ["validate", SAMPLE, "--json", str(tmp_path / "v.json")])
    assert result.exit_code == 0
    assert re.search(r"[\d,]+ rows read = [\d,]+ loaded \+ [\d,]+ rejected", result.output)
    data = json.loads((tmp_path / "v.json").read_text())
    for counts in data["files"]:
        assert counts["read"] == counts["loaded"] + counts["rejected"]


def test_nothing_readable_exits_1_without_a_traceback(runner, tmp_path):
    (tmp_path / "audit.yaml").write_text("audit: [this is not a manifest\n", encoding="utf-8")
    for command in ("validate", "check"):
        result = runner.invoke(main, [command, str(tmp_path)])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert "audit.yaml" in result.output


def test_a_folder_that_is_not_a_bundle(runner, tmp_path):
    result = runner.invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_rules_list_and_explain(runner):
    listed = runner.invoke(main, ["rules"])
    assert listed.exit_code == 0 and "antenatal-hv-missing" in listed.output
    explained = runner.invoke(main, ["rules", "explain", "antenatal-hv-missing"])
    assert explained.exit_code == 0
    assert "weeks = 30" in explained.output and "source:" in explained.output
    assert "high_risk (yes / no): High risk: at least one of the risk markers" in explained.output
    assert "hv_antenatal: A health visitor ante-natal contact that took place" in explained.output
    assert runner.invoke(main, ["rules", "explain", "no-such-rule"]).exit_code == 2


def test_schema_is_json_schema_of_the_models(runner):
    result = runner.invoke(main, ["schema"])
    data = json.loads(result.output)
    assert data["manifest"]["title"] == "Manifest" and data["return"]["title"] == "AuditReturn"


def _commands(group, prefix=""):
    for name, command in sorted(group.commands.items()):
        yield prefix + name, command
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + name + " ")


@pytest.mark.parametrize("name,command", list(_commands(main)), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_and_is_in_the_docs(runner, name, command):
    assert (command.help or "").strip(), name
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")
    )
    assert f"maca {name}" in docs, f"`maca {name}` is not shown in README.md or docs/"
    result = runner.invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0


def test_parameter_overrides_in_the_manifest_are_checked(runner, tmp_path):
    import shutil

    import yaml

    bundle = tmp_path / "bundle"
    shutil.copytree(SAMPLE, bundle)
    manifest = yaml.safe_load((bundle / "audit.yaml").read_text(encoding="utf-8"))
    manifest["parameters"] = {"antenatal-hv-missing": {"weeks": 40}}
    (bundle / "audit.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    tuned = json.loads(runner.invoke(main, ["check", str(bundle), "--json", "-"]).stdout)
    assert not any(f["rule"] == "antenatal-hv-missing" for f in tuned["flags"])  # 36+3 weeks < 40

    manifest["parameters"] = {"antenatal-hv-missing": {"wekes": 40}, "no-such-rule": {"days": 1}}
    (bundle / "audit.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    result = runner.invoke(main, ["check", str(bundle)])
    assert result.exit_code == 1
    assert "parameters.no-such-rule" in result.output and "Traceback" not in result.output
    manifest["parameters"] = {"antenatal-hv-missing": {"wekes": 40}}
    (bundle / "audit.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    result = runner.invoke(main, ["check", str(bundle)])
    assert result.exit_code == 1 and "parameters.antenatal-hv-missing.wekes" in result.output


NORTHFIELD = Path(__file__).resolve().parents[1] / "data" / "eval" / "northfield"


def test_evaluate_prints_per_rule_scores_and_each_miss(runner, tmp_path):
    out = tmp_path / "scores.json"
    result = runner.invoke(main, ["evaluate", str(NORTHFIELD), str(NORTHFIELD / "labels.yaml"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "unseen-adult-male" in result.output and "all rules" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["as_of"] == "2024-05-01" and len(data["recall"]) == 2


def test_explain_text_shows_kind_status_and_deciding_words(runner):
    result = runner.invoke(main, ["explain-text", "Ante-natal home visit booked for 28/03 - letter sent"])
    assert result.exit_code == 0, result.output
    assert "hv_antenatal" in result.output and "planned" in result.output and "booked for" in result.output
