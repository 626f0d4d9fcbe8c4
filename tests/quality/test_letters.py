"""Letters in the agency's terms: every chase email and feedback pack of both samples names a case by the
agency's own reference, a file by the name it was sent as, a question by its text and an answer in words, and
lists every finding it counts, each question once with its cases beside it."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from conftest import ROOT, check

from checker.model.audit import load_audit_tool
from checker.outputs.quality import chase_notes, chase_text, write_feedback
from checker.outputs.quality.letter_words import LetterWords, answer_words

SAMPLES = ("homelessness", "good-practice")
RAW = re.compile(r"returns/|chronologies/|\.ya?ml\b|claims:|graded:|\| evidence:|more like it|\bf-[0-9a-f]{16}\b")


@pytest.fixture(scope="module", params=SAMPLES)
def letters(request, tmp_path_factory):
    checked = check(ROOT / "samples" / request.param)
    folder = tmp_path_factory.mktemp(request.param)
    written = write_feedback(checked.report, folder)
    return checked, chase_text(checked.report), {p.name: _text(p) for p in written}


def _text(path: Path) -> str:
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8-sig")
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _blocks(report, text: str) -> dict[str, str]:
    """The chase email of each agency, by agency id."""
    names = {a.agency: a.name for a in report.agencies} | dict(report.audit["agency_names"])
    blocks = {}
    for block in text.split("-" * 72):
        name = re.search(r"^To: (.+)$", block, flags=re.M)
        if name:
            blocks[next(a for a, n in names.items() if n == name[1])] = block
    return blocks


def _bare_cases(report, agency: str, text: str) -> list[str]:
    """`case-N` anywhere but beside the agency's reference (or the note that we hold none)."""
    words = LetterWords(report.audit, agency)
    for case in report.audit["references"]:
        text = text.replace(words.case(case), "")
    return re.findall(r"(?<![\w-])case-\d+", text)


def test_no_paths_question_ids_or_checker_words_in_any_letter(letters):
    checked, chase, files = letters
    report = checked.report
    ids = {q.id for q in load_audit_tool().questions} | {"overall_grade"}
    texts = {f"chase email to {a}": t for a, t in _blocks(report, chase).items()}
    texts |= {name: t for name, t in files.items()}
    assert any(name.endswith("-chase.docx") for name in texts) or report.audit["title"]
    for name, text in texts.items():
        assert not RAW.findall(text), (name, RAW.findall(text)[:5])
        words = {w.strip(".,;:()“”\"") for w in re.findall(r"[\w./-]+", text)}
        assert not ids & words, (name, sorted(ids & words))
        agency = name.split()[-1] if name.startswith("chase email") else name.rsplit("-", 1)[0]
        assert not _bare_cases(report, agency, text), (name, _bare_cases(report, agency, text)[:5])


def test_every_counted_finding_is_listed_with_each_question_once(letters):
    checked, chase, files = letters
    report = checked.report
    blocks = _blocks(report, chase)
    questions = {q.id: q.text for q in load_audit_tool().questions} | {"overall_grade": "the case's overall grade"}
    for agency, letter in chase_notes(report).items():
        words = LetterWords(report.audit, agency)
        block = blocks[agency]
        bullets = re.split(r"\n  - ", block)
        for flag in report.findings:
            if flag["agency"] != agency or flag.get("chase") in ("missing", "late"):
                continue
            asked = [e["question"] for e in flag["evidence"] if e.get("agency") == agency and e.get("question")]
            listed = str(flag["fields"].get("questions") or "none")
            if listed != "none":  # a finding counted over questions: every question it counts, with the case
                assert sorted(asked) == sorted(listed.split(", ")), flag["id"]
                for question in asked:
                    assert any(f"“{questions[question]}”" in b and words.case(flag["case"]) in b for b in bullets), \
                        (agency, question, flag["case"])
            else:
                assert words.text(flag["message"]) in block, flag["id"]
        for group in letter.by_question:  # each question said once per kind of finding
            texts = [q for q, _ in group.questions]
            assert len(texts) == len(set(texts)), group.title
        pack = files[f"{agency}-feedback.docx"]
        for flag in (f for f in report.findings if f["agency"] == agency):
            assert words.text(flag["message"]) in pack, flag["id"]


def test_police_chase_says_each_question_once_with_its_three_cases(sample):
    police = _blocks(sample.report, chase_text(sample.report))["police"]
    question = "“Was the family's history (previous referrals, adults in the household) known and used?”"
    ungraded = police.split("Answers given without a grade", 1)[1].split("\n\n", 1)[0]
    assert ungraded.count(question) == 1
    line = next(x for x in ungraded.splitlines() if question in x)
    assert "NP-ORG-4471 (our case-1)" in line and "NP-ORG-3920 (our case-2)" in line and "NP-ORG-2877" in line
    thin = police.split("too little evidence", 1)[1].split("\n\n", 1)[0]
    assert "NP-ORG-3920 (our case-2): you answered “Yes”, with the evidence “Niche”" in thin
    assert len(police.splitlines()) < 80  # was ~100 lines repeating six questions three times


def test_answers_and_files_in_words():
    assert answer_words("Yes | evidence: PNC") == "you answered “Yes”, with the evidence “PNC”"
    assert answer_words("Yes | evidence: —") == "you answered “Yes”, with no evidence named"
    assert answer_words("claims: Yes") == "you answered “Yes”"
    assert answer_words("graded: requires_improvement") == "you graded it “Requires improvement”"
    assert answer_words("(blank)") == "left blank"
    words = LetterWords({"references": {"case-1": {"hv": "HV-9"}, "case-12": {}},
                         "sent_as": {"returns/hv-template-b338bf1cb9.xlsx": "FINAL hv return (2).xlsx"}}, "hv")
    said = words.text("1 of 2 answers in returns/hv-template-b338bf1cb9.xlsx for case-1 and case-12.")
    assert said == ("1 of 2 answers in the file you sent, “FINAL hv return (2).xlsx” for HV-9 (our case-1) and "
                    "our case-12 (we hold no reference of yours for it).")
