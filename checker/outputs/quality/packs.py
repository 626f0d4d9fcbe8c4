"""What one agency is told: its feedback pack and its chase letter, as plain data written to the agency.

Everything here is worded for the agency's safeguarding lead: agency and question names in words, each
finding with the evidence from the agency's own files, what is still needed and by when. Nothing meant for
the audit lead (internal ids, rule names, next steps for the panel) goes in. The DOCX and CSV writers
(`feedback_docx`, `reports`) only lay these out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from checker.model.wording import agency_name, count, fmt_date, uk_dates
from checker.model.workdays import is_working_day, next_working_day
from checker.outputs.quality.letter_words import LetterWords, answer_words, in_words, question_names
from checker.outputs.quality.score import AgencyQuality, QualityReport

__all__ = ["Finding", "FeedbackPack", "ChaseLetter", "QuestionGroup", "question_lines", "feedback_pack", "chase_letter",
           "question_names", "in_words", "reply_by", "COMPONENT_WORDS"]

COMPONENT_WORDS = {
    "completeness": "Completeness (everything asked for was sent)",
    "timeliness": "Timeliness (sent by the deadline)",
    "evidence": "Evidence (answers point at dated records)",
    "consistency": "Consistency (answers agree with the records)",
}


def reply_by(report: QualityReport) -> dt.date:
    """When we need a reply: the working day before the panel meets, or the next working day if that has
    passed."""
    as_of: dt.date = report.audit.get("as_of") or dt.date.today()
    meeting = report.audit.get("meeting")
    if not isinstance(meeting, dt.date):
        return next_working_day(as_of)
    day = meeting - dt.timedelta(days=1)
    while not is_working_day(day):  # weekends and bank holidays
        day -= dt.timedelta(days=1)
    return max(day, next_working_day(as_of))  # the day before the panel, unless that has come already


@dataclass(frozen=True, slots=True)
class Finding:
    case: str
    title: str
    what: str
    points: float
    needed: str
    evidence: tuple[str, ...]  # from the agency's own files
    elsewhere: int  # records from other agencies or the partnership's checks, counted, not shown
    chase: str | None = None  # "missing" / "late" / None


@dataclass(slots=True)
class FeedbackPack:
    agency: str  # the id, for file names only
    name: str
    audit_title: str
    grade: str
    score: float
    components: list[tuple[str, float]]
    cases: list[tuple[str, float, str, str]]  # case, score, grade, status
    deadline: dt.date | None
    meeting: dt.date | None
    reply_by: dt.date
    findings: list[Finding] = field(default_factory=list)


def _own(agency: str, evidence: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    own = [e for e in evidence if e.get("agency") == agency and e.get("file")]
    return own, len(evidence) - len(own)


def _evidence_line(e: dict[str, Any], words: LetterWords) -> str:
    """One piece of the agency's own evidence: its file as sent, the row or question, the date, what it says."""
    file = str(e.get("file") or "")
    where = words.file(file)
    if e.get("row"):
        where += f", row {e['row']}"
    if e.get("question"):
        where += f", question “{question_names().get(e['question'], e['question'])}”"
    date = e.get("date")
    if date and not e.get("question"):
        where += f", {fmt_date(dt.date.fromisoformat(date) if isinstance(date, str) else date)}"
    excerpt = str(e.get("excerpt") or "")
    if e.get("question"):
        return f"{where}: {answer_words(excerpt)}" if excerpt else where
    return f"{where}: “{words.text(excerpt, sentence=False)}”" if excerpt else where


def _names(report: QualityReport) -> dict[str, str]:
    names = dict(report.audit.get("agency_names") or {})
    names.update({a.agency: a.name for a in report.agencies})
    return names


def feedback_pack(report: QualityReport, agency: AgencyQuality) -> FeedbackPack:
    """The agency's own pack: grade, score, what cost points and each finding with its own evidence."""
    words = LetterWords(report.audit, agency.agency)
    pack = FeedbackPack(
        agency=agency.agency, name=agency.name, audit_title=report.audit.get("title", ""), grade=agency.grade,
        score=agency.score, components=[(COMPONENT_WORDS.get(c, c), v) for c, v in agency.components.items()],
        cases=[(words.case(c.case), c.score, c.grade, c.status) for c in agency.cases],
        deadline=report.audit.get("deadline"), meeting=report.audit.get("meeting"), reply_by=reply_by(report),
    )  # fmt: skip
    for flag in agency.findings:
        own, elsewhere = _own(agency.agency, flag.get("evidence") or [])
        lost = sum(d.points for d in agency.deductions if d.finding == flag["id"])
        pack.findings.append(Finding(
            case=words.case(flag["case"]), title=flag["title"], what=words.text(flag["message"]),
            points=round(lost, 1), needed=flag.get("asks") or "Please look at this finding before the meeting.",
            evidence=tuple(_evidence_line(e, words) for e in own), elsewhere=elsewhere, chase=flag.get("chase"),
        ))  # fmt: skip
    return pack


@dataclass(slots=True)
class QuestionGroup:
    """One kind of finding, said once: each question (or finding) with the cases (or answers) beneath it."""

    title: str
    asks: str
    questions: list[tuple[str, list[str]]] = field(default_factory=list)  # question (or finding), its lines


@dataclass(slots=True)
class ChaseLetter:
    agency: str
    name: str
    audit_title: str
    deadline: dt.date | None
    meeting: dt.date | None
    as_of: dt.date
    reply_by: dt.date
    missing: list[str] = field(default_factory=list)  # still needed
    by_question: list[QuestionGroup] = field(default_factory=list)  # received, questions that need more
    to_improve: list[QuestionGroup] = field(default_factory=list)  # received, other findings that need more
    late: list[str] = field(default_factory=list)  # received after the deadline: noted, nothing needed


def _question_evidence(flag: dict[str, Any], agency: str) -> list[dict[str, Any]]:
    """The agency's own answers a finding lists question by question (unanswered, ungraded, too thin)."""
    if str((flag.get("fields") or {}).get("questions") or "none") == "none":
        return []
    return [e for e in flag.get("evidence") or [] if e.get("agency") == agency and e.get("question")]


def _quoted(excerpt: str) -> bool:
    """Whether the answer says something the reader needs beside the question (not a bare yes or a blank)."""
    return " | evidence: " in excerpt or excerpt.startswith(("claims: ", "graded: "))


def _add_by_question(letter: ChaseLetter, flag: dict[str, Any], answers: list[dict[str, Any]],
                     words: LetterWords) -> None:
    group = next((g for g in letter.by_question if g.title == flag["title"]), None)
    if group is None:
        group = QuestionGroup(flag["title"], flag.get("asks") or "")
        letter.by_question.append(group)
    for e in answers:
        text = question_names().get(e["question"], e["question"])
        line = words.case(flag["case"])
        if _quoted(str(e.get("excerpt") or "")):
            line += f": {answer_words(str(e['excerpt']))}"
        entry = next((q for q in group.questions if q[0] == text), None)
        if entry is None:
            group.questions.append((text, [line]))
        elif line not in entry[1]:
            entry[1].append(line)


def question_lines(group: QuestionGroup) -> list[tuple[str, list[str]]]:
    """Each question in quotes with its cases: on one line when no answer is quoted, else one line a case."""
    out: list[tuple[str, list[str]]] = []
    for question, cases in group.questions:
        if any(": " in c for c in cases):
            out.append((f"“{question}”", cases))
        else:
            out.append((f"“{question}”: {'; '.join(cases)}", []))
    return out


def _add_other(letter: ChaseLetter, flag: dict[str, Any], agency: str, words: LetterWords) -> None:
    """Any other finding: grouped under its title, one line a case, the agency's answers quoted beneath."""
    group = next((g for g in letter.to_improve if g.title == flag["title"]), None)
    if group is None:
        group = QuestionGroup(flag["title"], flag.get("asks") or "")
        letter.to_improve.append(group)
    text = words.text(flag["message"])
    case = words.case(flag["case"])
    line = text if case in text else f"{case}: {text}"
    answers = [f"“{question_names().get(e['question'], e['question'])}”: "
               f"{answer_words(str(e.get('excerpt') or ''))}."
               for e in flag.get("evidence") or [] if e.get("agency") == agency and e.get("question")]
    group.questions.append((line, answers))


def chase_letter(report: QualityReport, agency: str, flags: list[dict[str, Any]]) -> ChaseLetter:
    """What to chase one agency for: what is still missing, what needs more (questions once each, with the
    cases beside them), what came late (noted only)."""
    names = _names(report)
    words = LetterWords(report.audit, agency)
    letter = ChaseLetter(agency=agency, name=agency_name(names, agency), audit_title=report.audit.get("title", ""),
                         deadline=report.audit.get("deadline"), meeting=report.audit.get("meeting"),
                         as_of=report.audit.get("as_of") or dt.date.today(), reply_by=reply_by(report))
    for flag in sorted(flags, key=lambda f: (f["case"], f["title"])):
        fields = flag.get("fields") or {}
        if flag.get("chase") == "missing":
            what = "audit return" if "return" in flag["title"].lower() else "chronology"
            why = "" if fields.get("expected", True) else (
                " (other agencies' records show you involved with the child: please confirm whether you hold "
                "records)")
            letter.missing.append(f"{words.case(flag['case'])}: your {what}{why}.")
        elif flag.get("chase") == "late":
            submitted = fields.get("submitted")
            when = uk_dates(submitted) if isinstance(submitted, str) else fmt_date(submitted)
            letter.late.append(f"{words.case(flag['case'])}: received {when}, "
                               f"{count(int(fields.get('days_late') or 0), 'day')} after the deadline.")
        elif answers := _question_evidence(flag, agency):
            _add_by_question(letter, flag, answers, words)
        else:
            _add_other(letter, flag, agency, words)
    return letter
