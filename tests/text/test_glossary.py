"""The field's vocabulary: every glossary term is listed in docs/kinds.md, and expansions are read as words."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.text.compile import load_rules
from checker.text.match import classify_text, normalise_for_matching

ROOT = Path(__file__).resolve().parents[2]


def test_every_glossary_term_is_listed_in_docs_kinds_md() -> None:
    doc = (ROOT / "docs" / "kinds.md").read_text(encoding="utf-8")
    missing = [t for t in load_rules().glossary.terms if f"| {t} |" not in doc]
    assert not missing, f"add to docs/kinds.md (python -m checker.text.docs): {missing}"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Targeted AN contact completed at home", "hv_antenatal"),
        ("NOSP served by the council", "eviction_notice"),
        ("PNMH: mood low, EPDS 14", "mental_health"),
        ("CG mtg held at school", "core_group"),
        ("SW HV - children seen", "home_visit"),
    ],
)
def test_expanded_abbreviations_are_read(text: str, kind: str) -> None:
    assert kind in classify_text(text)


def test_an_is_expanded_only_before_a_contact_word() -> None:
    assert "ante-natal contact" in normalise_for_matching("AN contact done")
    assert normalise_for_matching("an assessment started") == "an assessment started"


def test_a_glossary_term_no_pattern_reads_is_reported(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from checker.cli.main import main
    from checker.text.docs import unused_glossary_terms

    glossary = tmp_path / "glossary.yaml"
    text = (ROOT / "rules" / "glossary.yaml").read_text(encoding="utf-8")
    glossary.write_text(text.replace("terms:\n", "terms:\n  ZQX: {means: a term no pattern reads, family: test}\n", 1),
                        encoding="utf-8")
    unused = unused_glossary_terms(load_rules(glossary=glossary))
    assert "ZQX" in unused and "MASH" not in unused and "NFA" not in unused
    ran = CliRunner().invoke(main, ["rules"])
    assert ran.exit_code == 0 and "Glossary terms no event-kind pattern reads" in ran.output
