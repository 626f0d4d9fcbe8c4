"""`set_parameter` (the Rules page's "adopt for this audit"): one value written into audit.yaml's parameters,
every other line and comment kept, the new value commented with who adopted it and why; an existing rule's
entry gains the parameter; a .zip or a folder without audit.yaml is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checker.intake.adopt import set_parameter
from checker.model.errors import BundleError

AUDIT = """# The set-up officer's note: keep this comment
audit: {id: a-1, title: Audit, theme: neglect}  # inline comment
parameters:
  # chosen by the QA group in 2025
  antenatal-hv-missing: {weeks: 32}  # local procedure
agencies: []   # filled in later
cases: []
"""


def test_an_adopted_value_joins_the_parameters_and_every_comment_stays(tmp_path: Path) -> None:
    (tmp_path / "audit.yaml").write_text(AUDIT, encoding="utf-8")
    set_parameter(tmp_path, "management-oversight-gap", "days", 60, "days adopted 07/12/2026 by J. Smith")
    set_parameter(tmp_path, "antenatal-hv-missing", "warn_from_weeks", 24, "adopted by J. Smith")
    text = (tmp_path / "audit.yaml").read_text(encoding="utf-8")
    for line in ("# The set-up officer's note: keep this comment", "# inline comment", "# chosen by the QA group in 2025",
                 "agencies: []   # filled in later"):
        assert line in text
    assert re.search(r"\n  management-oversight-gap: \{days: 60\} +# days adopted 07/12/2026 by J\. Smith\n", text)
    assert "antenatal-hv-missing: {weeks: 32, warn_from_weeks: 24}  # local procedure; adopted by J. Smith" in text
    assert yaml.safe_load(text)["parameters"] == {"antenatal-hv-missing": {"weeks": 32, "warn_from_weeks": 24},
                                                  "management-oversight-gap": {"days": 60}}
    assert list(yaml.safe_load(text)) == ["audit", "parameters", "agencies", "cases"]  # order kept


def test_an_audit_without_parameters_gains_the_section_at_the_end(tmp_path: Path) -> None:
    before = AUDIT.replace("parameters:\n  # chosen by the QA group in 2025\n  antenatal-hv-missing: {weeks: 32}  "
                           "# local procedure\n", "")
    (tmp_path / "audit.yaml").write_text(before, encoding="utf-8")
    set_parameter(tmp_path, "repeat-referrals", "count", 4, "adopted")
    after = (tmp_path / "audit.yaml").read_text(encoding="utf-8")
    assert after == before + "parameters:\n  repeat-referrals: {count: 4}  # adopted\n"


def test_only_an_audit_folder_can_adopt_a_value(tmp_path: Path) -> None:
    (tmp_path / "audit.zip").write_bytes(b"PK")
    for where in (tmp_path / "audit.zip", tmp_path / "empty"):
        with pytest.raises(BundleError, match="an audit kept as a folder"):
            set_parameter(where, "repeat-referrals", "count", 4, "adopted")
