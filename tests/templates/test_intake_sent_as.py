"""A filed template keeps the name the agency sent it under, and the agency's letters use that name, never the
name it is stored under (`returns/hv-template-<hash>.xlsx`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from template_fill import HV_CASES, HV_CHRONOLOGY, fill_xlsx

from checker.check import run_check
from checker.intake.bundle import load_bundle
from checker.intake.filing import file_returns, filed_files
from checker.outputs.quality import chase_text, feedback_table
from checker.outputs.quality.packs import feedback_pack

SENT = "FINAL hv return (2).xlsx"


def test_letters_name_a_filed_template_as_it_was_sent(bundle: Path, templates: dict[str, bytes]) -> None:
    bad_date = {**HV_CHRONOLOGY[0], "date": "31/02/2018"}  # a problem `maca validate` reports against the file
    data = fill_xlsx(templates["hv-maca-test-templates.xlsx"], HV_CASES, [*HV_CHRONOLOGY, bad_date])
    report = file_returns(bundle, [(f"C:\\Users\\hv\\Downloads\\{SENT}", data)], received=dt.date(2019, 3, 8))
    assert [o.status for o in report.outcomes] == ["filed"]
    (record,) = filed_files(bundle)
    assert record.sent_as == SENT and record.file.startswith("returns/hv-template-")
    loaded = load_bundle(bundle, today=dt.date(2019, 3, 20))
    about = [p for p in loaded.problems if "hv-template-" in p.file]
    assert about and all(p.file == f"“{SENT}” (filed as {record.file})" for p in about), about
    quality = run_check(loaded).quality
    assert quality is not None
    hv = quality.agency("hv")
    about_the_file = [f for f in hv.findings if record.file in f["message"]
                      or any(e.get("file") == record.file for e in f["evidence"])]
    assert about_the_file  # the filled template leaves gaps the letters must name
    pack = feedback_pack(quality, hv)
    said = " ".join([f.what for f in pack.findings] + [e for f in pack.findings for e in f.evidence])
    said += chase_text(quality) + str(feedback_table(hv, quality.audit).rows)
    assert f"the file you sent, “{SENT}”" in said
    assert "hv-template-" not in said and "returns/" not in said
