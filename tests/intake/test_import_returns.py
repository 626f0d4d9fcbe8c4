"""load_return: YAML, JSON and XLSX audit returns, field-path problems, the manifest winning."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.intake.returns import ReturnLoad, load_return
from checker.model.audit import Manifest, ReturnSource, load_audit_tool

YAML_RETURN = """\
agency: housing
case: case-1
completed_by: Housing Options team leader
known_to_agency: yes
answers:
  - question: recognition-needs
    answer: Yes
    grade: RI
    evidence: Arrears letters 14/05/2018
  - question: Is a contingency plan in place should the plan fail (e.g. eviction, a carer leaving, a placement refused)?
    answer: 3
    grade: Good
overall_grade: Requires improvement
immediate_concern: none
"""


def load(
    data: bytes | str, manifest: Manifest, source: ReturnSource | None = None, label: str = "r.yaml"
) -> ReturnLoad:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    result = load_return(raw, source or manifest.submissions.returns[0], manifest, file_label=label)
    assert result.counts.balanced()
    return result


def test_yaml_return_loads(manifest: Manifest) -> None:
    result = load(YAML_RETURN, manifest)
    ret = result.audit_return
    assert ret is not None and result.problems == []
    assert (ret.agency, ret.case, str(ret.submitted), ret.source_file) == (
        "housing",
        "case-1",
        "2019-03-10",
        "r.yaml",
    )
    assert ret.known_to_agency is True and ret.immediate_concern is None
    assert [(a.question, a.answer, a.grade) for a in ret.answers] == [
        ("recognition-needs", "Yes", "requires_improvement"),
        ("planning-contingency", "3", "good"),  # question text -> id; a number answer is text
    ]
    assert (result.counts.read, result.counts.loaded) == (1, 1)


def test_json_return_loads(manifest: Manifest) -> None:
    doc = {
        "agency": "housing",
        "case": "case-1",
        "answers": [{"question": "voice-child", "answer": "Seen alone"}],
    }
    result = load(json.dumps(doc), manifest, label="r.json")
    assert result.audit_return is not None and result.audit_return.answers[0].answer == "Seen alone"


def test_manifest_wins_with_a_warning(manifest: Manifest) -> None:
    text = YAML_RETURN.replace("agency: housing", "agency: hv").replace("case: case-1", "case: case-2")
    result = load(text + "submitted: 2019-03-01\n", manifest)
    assert result.audit_return is not None
    assert (result.audit_return.agency, result.audit_return.case) == ("housing", "case-1")
    assert sorted((p.level, p.column) for p in result.problems) == [
        ("warning", "agency"),
        ("warning", "case"),
        ("warning", "submitted"),
    ]


def test_agency_named_by_alias_is_no_conflict(manifest: Manifest) -> None:
    result = load(YAML_RETURN.replace("agency: housing", "agency: Housing Officer"), manifest)
    assert result.problems == []


def test_bad_grade_is_dropped_and_bad_answer_rejected_with_field_paths(manifest: Manifest) -> None:
    text = """\
case: case-1
favourite_colour: blue
overall_grade: Meh
answers:
  - {question: recognition-needs, answer: Yes, grade: Fine}
  - {question: voice-child, answer: [not, text]}
  - {question: learning, answer: Less paperwork}
"""
    result = load(text, manifest)
    assert sorted((p.level, p.column) for p in result.problems) == [
        ("error", "answers[1].answer"),
        ("error", "favourite_colour"),
        ("warning", "answers[0].grade"),
        ("warning", "overall_grade"),
    ]
    grade = next(p for p in result.problems if p.column == "answers[0].grade")
    assert grade.value == "Fine" and "not a grade" in grade.message
    ret = result.audit_return
    assert ret is not None and ret.overall_grade is None
    assert [(a.question, a.grade) for a in ret.answers] == [("recognition-needs", None), ("learning", None)]


def test_answers_not_a_list_loads_the_rest(manifest: Manifest) -> None:
    result = load("case: case-1\nanswers: 7\ncompleted_by: Team leader\n", manifest)
    assert result.audit_return is not None and result.audit_return.answers == []
    assert [(p.level, p.column) for p in result.problems] == [("error", "answers")]


def test_unknown_and_repeated_questions_warn(manifest: Manifest) -> None:
    text = YAML_RETURN.replace("question: recognition-needs", "question: how-was-lunch")
    text = text.replace(
        "overall_grade:",
        "  - {question: recognition-history}\n  - {question: Recognition-History}\noverall_grade:",
    )
    result = load(text, manifest)
    assert sorted(p.code for p in result.problems) == ["question-repeated", "question-unknown"]
    unknown = next(p for p in result.problems if p.code == "question-unknown")
    assert (unknown.level, unknown.column, unknown.value) == (
        "warning",
        "answers[0].question",
        "how-was-lunch",
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("agency: [unclosed\n", "document-unreadable"),
        ("- just\n- a list\n", "document-shape"),
        ("", "document-shape"),
    ],
)
def test_unusable_returns_are_rejected_not_raised(text: str, code: str, manifest: Manifest) -> None:
    result = load(text, manifest)
    assert result.audit_return is None
    assert code in [p.code for p in result.problems]
    assert (result.counts.read, result.counts.rejected) == (1, 1)


def test_yaml_syntax_error_names_the_line(manifest: Manifest) -> None:
    result = load(
        "agency: housing\ncase: case-1\nanswers:\n  - question: x\n   answer: bad indent\n", manifest
    )
    assert result.problems[0].row == 5


def test_return_without_case_anywhere(manifest: Manifest) -> None:
    source = ReturnSource(file="r.yaml", agency="housing")
    assert load("agency: housing\n", manifest, source).audit_return is None
    unknown = load("case: case-7\n", manifest, source)
    assert [p.code for p in unknown.problems] == ["case-unknown"]
    ok = load("case: CASE-2\n", manifest, source)
    assert ok.audit_return is not None and ok.audit_return.case == "case-2"


def test_xlsx_return(manifest: Manifest, make_xlsx: Callable[..., bytes]) -> None:
    tool = load_audit_tool()
    data = make_xlsx(
        [
            ["GP audit return — case-1", None, None, None],
            ["Question", "Answer", "Grade", "Evidence"],
            ["recognition-needs", "Yes", "G", "Notes 01/05/2018"],
            [tool.questions[3].text, "Partly", "Somewhat", None],
            [None, "Orphan answer", None, None],
            ["What colour is it?", "Blue", None, None],
            [None, None, None, None],
        ],
        merges=["A1:D1"],
    )
    result = load(data, manifest, manifest.submissions.returns[1], label="returns/gp-case-1.xlsx")
    ret = result.audit_return
    assert ret is not None and (ret.agency, ret.case) == ("gp", "case-1")
    assert [(a.question, a.grade) for a in ret.answers] == [
        ("recognition-needs", "good"),
        (tool.questions[3].id, None),
        ("What colour is it?", None),
    ]
    assert sorted((p.row, p.level, p.code) for p in result.problems if p.row) == [
        (2, "info", "header-row"),
        (4, "warning", "invalid-field"),
        (5, "error", "question-blank"),
        (6, "warning", "question-unknown"),
    ]
    assert (result.counts.read, result.counts.loaded, result.counts.rejected) == (4, 3, 1)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_as_a_return_never_raise(data: bytes, manifest: Manifest) -> None:
    load(data, manifest)
