"""The feedback pack as the agency reads it: each finding quotes the agency's own record, and a partnership
that shares exports (`--share`) gets a feedback folder its team can open, while by default it is private."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

from checker.model.private import sharing
from checker.outputs.quality import write_feedback
from checker.outputs.quality.packs import feedback_pack


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_finding_quotes_the_excerpt_of_the_agencys_own_record(sample):
    quoted = 0
    for agency in sample.report.agencies:
        pack = feedback_pack(sample.report, agency)
        for flag, finding in zip(agency.findings, pack.findings, strict=True):
            own = [e for e in flag.get("evidence") or [] if e.get("agency") == agency.agency and e.get("file")]
            for e, line in zip(own, finding.evidence, strict=True):
                # the record as the agency knows it: its chronology by name and row, or its audit return;
                # never the bundle's path
                if str(e["file"]).startswith("chronologies/"):
                    assert f"“{Path(str(e['file'])).name}”, row {e['row']}" in line, line
                else:  # its audit return, or the audit's set-up
                    assert line.startswith(("your audit return", "the audit's set-up")), line
                assert "chronologies/" not in line and "returns/" not in line and ".yaml" not in line, line
                if e.get("excerpt"):
                    assert "“" in line and "”" in line.rsplit("“", 1)[1], line  # the record's words, in quotes
                    quoted += 1
    assert quoted >= 3  # the sample's findings quote records: the check above is not vacuous


def test_each_finding_asks_what_its_rule_asks_for_and_a_general_request_only_without_one(sample):
    asked = 0
    for agency in sample.report.agencies:
        for flag, finding in zip(agency.findings, feedback_pack(sample.report, agency).findings, strict=True):
            if flag.get("asks"):
                assert finding.needed == flag["asks"]
                asked += 1
            else:
                assert finding.needed == "Please look at this finding before the meeting."
    assert asked >= 1


def test_shared_exports_give_a_feedback_folder_the_team_can_open(sample, tmp_path):
    """Under `--share` the folder and files follow the umask (private by default is pinned in
    tests/hostile/test_private_files.py); one agency's pack is enough to show it."""
    one = dataclasses.replace(sample.report, agencies=sample.report.agencies[:1])
    old = os.umask(0o022)
    try:
        with sharing(True):
            written = write_feedback(one, tmp_path / "shared" / "feedback")
    finally:
        os.umask(old)
    assert written and {_mode(p) for p in written} == {0o644}
    assert _mode(tmp_path / "shared" / "feedback") == 0o755 and _mode(tmp_path / "shared") == 0o755
