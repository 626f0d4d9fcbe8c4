"""Load one agency's audit return (YAML, JSON or XLSX) into an `AuditReturn`, never raising on bad input.

    load = load_return(data, source, manifest, file_label="returns/housing-case-1.yaml")
    load.audit_return   # AuditReturn, or None when the return could not be used at all
    load.problems       # each naming the file and the field path (YAML/JSON) or the row (XLSX)
    load.counts         # YAML/JSON: the return is one record; XLSX: one record per answer row

The manifest entry wins: agency, case and submission date come from audit.yaml when it gives them, and a
return that says otherwise gets a warning. One bad answer does not lose the return: an unreadable grade is
dropped (warning), an unusable answer is dropped (error), anything else wrong rejects the return (error).
Questions may be named by id or by their text in `rules/audit-tool.yaml`; unknown ones load with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from checker.intake.chronology import agency_lookup, case_lookup
from checker.intake.headers import map_headers, resolve_header, returns_lookup
from checker.intake.tables import cell_text, read_table
from checker.intake.yamltext import field_path, read_document, validation_problems
from checker.model.audit import Answer, AuditReturn, AuditTool, Manifest, ReturnSource, load_audit_tool
from checker.model.frame import normalise_text
from checker.model.problems import FileCounts, Problem, clip

__all__ = ["ReturnLoad", "load_return", "question_lookup"]

_GRADE_FIELDS = {"grade", "overall_grade"}
_TEXT_FIELDS = {"answer", "evidence", "question", "completed_by", "immediate_concern"}


@dataclass(slots=True)
class ReturnLoad:
    """What came of one return file."""

    audit_return: AuditReturn | None
    problems: list[Problem] = field(default_factory=list)
    counts: FileCounts = field(default_factory=lambda: FileCounts(file="", kind="return"))


def _question_key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", normalise_text(text)).strip()


def question_lookup(tool: AuditTool) -> dict[str, str]:
    """Question id or question text (case, spacing and punctuation ignored) -> question id."""
    lookup = {_question_key(q.text): q.id for q in tool.questions}
    lookup.update({_question_key(q.id): q.id for q in tool.questions})
    return lookup


def load_return(
    data: bytes, source: ReturnSource, manifest: Manifest, *, file_label: str, tool: AuditTool | None = None
) -> ReturnLoad:
    """Read and validate one audit return; `tool` defaults to `rules/audit-tool.yaml`."""
    questions = _Questions(tool or load_audit_tool(), file_label)
    counts = FileCounts(file=file_label, kind="return", agency=source.agency)
    if data.startswith(b"PK\x03\x04"):
        return _load_xlsx(data, source, manifest, questions, counts)
    return _load_document(data, source, manifest, questions, counts)


# --- YAML / JSON ----------------------------------------------------------------------------------------


def _load_document(
    data: bytes, source: ReturnSource, manifest: Manifest, questions: _Questions, counts: FileCounts
) -> ReturnLoad:
    file_label = questions.file_label
    counts.read = 1
    counts.rejected = 1
    doc, problems = read_document(data, file_label=file_label, json_only=file_label.lower().endswith(".json"))
    if problems:
        return ReturnLoad(None, problems, counts)
    if not isinstance(doc, dict):
        problems.append(
            Problem(
                "error",
                file_label,
                "the return is not a set of fields (agency:, case:, answers: …)",
                hint="See docs/bundle-format.md for the audit return format.",
                code="document-shape",
            )
        )
        return ReturnLoad(None, problems, counts)
    doc = {str(k): v for k, v in doc.items()}
    problems.extend(_apply_manifest(doc, source, manifest, file_label))
    _texts_as_strings(doc)
    if isinstance(doc.get("answers"), list):
        for i, answer in enumerate(doc["answers"]):
            if isinstance(answer, dict) and isinstance(answer.get("question"), str):
                answer["question"] = questions.resolve(answer["question"], column=f"answers[{i}].question")
        problems.extend(questions.problems)
    if any(p.level == "error" for p in problems):
        return ReturnLoad(None, problems, counts)
    for _ in range(3):
        try:
            audit_return = AuditReturn.model_validate(doc)
        except ValidationError as exc:
            dropped = _drop_invalid(doc, exc, file_label)
            if dropped is None:
                problems.extend(validation_problems(exc, file_label=file_label))
                problems.append(
                    Problem(
                        "error",
                        file_label,
                        "the return was not loaded",
                        hint="Fix the fields above and send it again.",
                        code="return-rejected",
                    )
                )
                return ReturnLoad(None, problems, counts)
            problems.extend(dropped)
        else:
            audit_return.source_file = file_label
            counts.loaded, counts.rejected = 1, 0
            return ReturnLoad(audit_return, problems, counts)
    return ReturnLoad(None, problems, counts)  # pragma: no cover - each pass drops at least one field


def _apply_manifest(
    doc: dict[str, Any], source: ReturnSource, manifest: Manifest, file_label: str
) -> list[Problem]:
    """Put audit.yaml's agency, case and date into the return; warn where the return says otherwise."""
    problems = []
    agencies, cases = agency_lookup(manifest), case_lookup(manifest)
    wanted: dict[str, tuple[Any, Any]] = {
        "agency": (source.agency, agencies.get(" ".join(str(doc.get("agency", "")).casefold().split()))),
        "case": (source.case, cases.get(" ".join(str(doc.get("case", "")).casefold().split()))),
        "submitted": (source.submitted, str(doc["submitted"]) if "submitted" in doc else None),
    }
    for name, (from_manifest, in_file) in wanted.items():
        if from_manifest is None:
            continue
        given = from_manifest.isoformat() if name == "submitted" else from_manifest
        if doc.get(name) not in (None, "") and in_file != given:
            problems.append(
                Problem(
                    "warning",
                    file_label,
                    f"the return says {name} '{clip(doc[name])}' but audit.yaml says "
                    f"'{given}'; audit.yaml's is used",
                    hint="Correct the return or audit.yaml.",
                    column=name,
                    value=clip(doc[name]),
                    code="return-conflicts-manifest",
                )
            )
        doc[name] = given
    if source.case is None:
        written = doc.get("case")
        if written in (None, ""):
            problems.append(
                Problem(
                    "error",
                    file_label,
                    "the return names no case and audit.yaml gives none, so it was not loaded",
                    hint="Set `case:` on this return's entry in audit.yaml.",
                    column="case",
                    code="case-missing",
                )
            )
        elif wanted["case"][1] is None:
            problems.append(
                Problem(
                    "error",
                    file_label,
                    "this case is not in audit.yaml, so the return was not loaded",
                    hint="Use a case id from audit.yaml.",
                    column="case",
                    value=clip(written),
                    code="case-unknown",
                )
            )
        else:
            doc["case"] = wanted["case"][1]
    return problems


def _texts_as_strings(doc: dict[str, Any]) -> None:
    """Numbers written as answers (`answer: 3`) are text, as the writer meant."""
    items = (
        [doc, *[a for a in doc.get("answers") or [] if isinstance(a, dict)]]
        if isinstance(doc.get("answers", []), list)
        else [doc]
    )
    for item in items:
        for key in _TEXT_FIELDS & set(item):
            if isinstance(item[key], int | float | bool):
                item[key] = str(item[key])


def _drop_invalid(doc: dict[str, Any], exc: ValidationError, file_label: str) -> list[Problem] | None:
    """Remove what failed validation so the rest can load; None when the return itself is unusable."""
    problems: list[Problem] = []
    drop_answers: set[int] = set()
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        if not loc or loc[0] in {"agency", "case"}:
            return None
        if loc[-1] in _GRADE_FIELDS:
            _remove(doc, loc)
            problems += validation_problems(
                [err],
                file_label=file_label,
                level="warning",
                consequence="the grade was not read; the rest loaded",
            )
        elif loc[0] == "answers" and len(loc) > 1 and isinstance(loc[1], int):
            drop_answers.add(loc[1])
            problems += validation_problems(
                [err], file_label=file_label, consequence=f"{field_path(loc[:2])} was not loaded"
            )
        else:
            doc.pop(str(loc[0]), None)
            problems += validation_problems(
                [err], file_label=file_label, consequence=f"{loc[0]} was not loaded"
            )
    if drop_answers:
        doc["answers"] = [a for i, a in enumerate(doc["answers"]) if i not in drop_answers]
    return problems


def _remove(doc: Any, loc: tuple[int | str, ...]) -> None:
    for part in loc[:-1]:
        doc = doc[part]
    if isinstance(doc, dict):
        doc.pop(loc[-1], None)


# --- XLSX -----------------------------------------------------------------------------------------------


def _load_xlsx(
    data: bytes, source: ReturnSource, manifest: Manifest, questions: _Questions, counts: FileCounts
) -> ReturnLoad:
    file_label = questions.file_label
    lookup = returns_lookup()
    table = read_table(data, file_label=file_label, is_header=lambda c: resolve_header(c, lookup) is not None)
    problems = list(table.problems)
    if not table.readable:
        return ReturnLoad(None, problems, counts)
    mapping = map_headers(table.header, file_label=file_label, kind="returns")
    problems.extend(mapping.problems)
    counts.read = len(table.rows)
    if any(p.code == "column-missing" for p in mapping.problems) or source.case is None:
        if source.case is None:
            problems.append(
                Problem(
                    "error",
                    file_label,
                    "an XLSX return takes its case from audit.yaml, which gives none; nothing was loaded",
                    hint="Set `case:` on this return's entry in audit.yaml.",
                    column="case",
                    code="case-missing",
                )
            )
        counts.rejected = counts.read
        return ReturnLoad(None, problems, counts)
    header = {c: table.header[i] or c for c, i in mapping.columns.items()}
    answers: list[Answer] = []
    for cells, row in zip(table.rows, table.row_numbers, strict=True):
        values = {c: cell_text(cells[i]) or None for c, i in mapping.columns.items()}
        written = values.get("question")
        if written is None:
            problems.append(
                Problem(
                    "error",
                    file_label,
                    "the question is blank, so this answer was not loaded",
                    hint="Put the question id or text in the Question column.",
                    row=row,
                    column=header["question"],
                    code="question-blank",
                )
            )
            continue
        values["question"] = questions.resolve(written, column=header["question"], row=row)
        try:
            answers.append(Answer.model_validate(values))
        except ValidationError as exc:  # only the grade can fail: every other field is optional text
            problems.extend(
                replace(p, row=row, column=header.get("grade", "grade"))
                for p in validation_problems(
                    exc,
                    file_label=file_label,
                    level="warning",
                    consequence="the grade was not read; the rest loaded",
                )
            )
            answers.append(Answer.model_validate({**values, "grade": None}))
    problems.extend(questions.problems)
    counts.loaded = len(answers)
    counts.rejected = counts.read - counts.loaded
    audit_return = AuditReturn(
        agency=source.agency,
        case=source.case,
        submitted=source.submitted,
        answers=answers,
        source_file=file_label,
    )
    return ReturnLoad(audit_return, problems, counts)


# --- both -----------------------------------------------------------------------------------------------


class _Questions:
    """Names each answer's question by its id; warns about questions the audit tool lacks, and repeats."""

    def __init__(self, tool: AuditTool, file_label: str) -> None:
        self.tool = tool
        self.file_label = file_label
        self.lookup = question_lookup(tool)
        self.seen: set[str] = set()
        self.problems: list[Problem] = []

    def resolve(self, written: str, *, column: str, row: int | None = None) -> str:
        qid = self.lookup.get(_question_key(written))
        if qid is None:
            self.problems.append(
                Problem(
                    "warning",
                    self.file_label,
                    "this question is not in the audit tool; the answer loaded",
                    hint=f"Use a question id from rules/audit-tool.yaml, e.g. {self.tool.questions[0].id}.",
                    row=row,
                    column=column,
                    value=clip(written),
                    code="question-unknown",
                )
            )
            return written
        if qid in self.seen:
            self.problems.append(
                Problem(
                    "warning",
                    self.file_label,
                    "this question is answered more than once",
                    hint="Keep one answer.",
                    row=row,
                    column=column,
                    value=qid,
                    code="question-repeated",
                )
            )
        self.seen.add(qid)
        return qid
