"""What one agency is told: its feedback pack and its chase letter, as plain data written to the agency.

Everything here is worded for the agency's safeguarding lead: agency and question names in words, each
finding with the evidence from the agency's own files, what is still needed and by when. Nothing meant for
the audit lead (internal ids, rule names, next steps for the panel) goes in. The DOCX and CSV writers
(`feedback_docx`, `reports`) only lay these out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.model.audit import load_audit_tool
from checker.model.wording import agency_name, count, fmt_date, uk_dates
from checker.model.workdays import is_working_day, next_working_day
from checker.outputs.quality.score import AgencyQuality, QualityReport

__all__ = ["Finding", "FeedbackPack", "ChaseLetter", "feedback_pack", "chase_letter", "question_names",
           "in_words", "reply_by", "COMPONENT_WORDS"]

COMPONENT_WORDS = {
    "completeness": "Completeness (everything asked for was sent)",
    "timeliness": "Timeliness (sent by the deadline)",
    "evidence": "Evidence (answers point at dated records)",
    "consistency": "Consistency (answers agree with the records)",
}


@lru_cache(maxsize=1)
def question_names() -> dict[str, str]:
    """Audit-tool question id -> its text (rules/audit-tool.yaml)."""
    return {"overall_grade": "the case's overall grade", **{q.id: q.text for q in load_audit_tool().questions}}


def in_words(text: str) -> str:
    """A finding's text for a person: question ids as their questions, dates day first (agency names are
    already in the message: the rule engine words `{agency}` by name)."""
    questions = question_names()
    ids = "|".join(re.escape(q) for q in sorted(questions, key=len, reverse=True))
    if ids:
        text = re.sub(rf"(?<![\w-])({ids})(?![\w-])", lambda m: f"“{questions[m[1]]}”", text)
    return uk_dates(text)


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


def _evidence_line(e: dict[str, Any]) -> str:
    where = str(e.get("file") or "")
    if e.get("row"):
        where += f", row {e['row']}"
    if e.get("question"):
        where += f", question “{question_names().get(e['question'], e['question'])}”"
    date = e.get("date")
    if date:
        where += f", {fmt_date(dt.date.fromisoformat(date) if isinstance(date, str) else date)}"
    excerpt = e.get("excerpt") or ""
    return f"{where}: “{uk_dates(str(excerpt))}”" if excerpt else where


def _names(report: QualityReport) -> dict[str, str]:
    names = dict(report.audit.get("agency_names") or {})
    names.update({a.agency: a.name for a in report.agencies})
    return names


def feedback_pack(report: QualityReport, agency: AgencyQuality) -> FeedbackPack:
    """The agency's own pack: grade, score, what cost points and each finding with its own evidence."""
    pack = FeedbackPack(
        agency=agency.agency, name=agency.name, audit_title=report.audit.get("title", ""), grade=agency.grade,
        score=agency.score, components=[(COMPONENT_WORDS.get(c, c), v) for c, v in agency.components.items()],
        cases=[(c.case, c.score, c.grade, c.status) for c in agency.cases], deadline=report.audit.get("deadline"),
        meeting=report.audit.get("meeting"), reply_by=reply_by(report),
    )  # fmt: skip
    for flag in agency.findings:
        own, elsewhere = _own(agency.agency, flag.get("evidence") or [])
        lost = sum(d.points for d in agency.deductions if d.finding == flag["id"])
        pack.findings.append(Finding(
            case=flag["case"], title=flag["title"], what=in_words(flag["message"]), points=round(lost, 1),
            needed=flag.get("asks") or "Please look at this finding before the meeting.",
            evidence=tuple(_evidence_line(e) for e in own), elsewhere=elsewhere, chase=flag.get("chase"),
        ))  # fmt: skip
    return pack


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
    to_improve: list[str] = field(default_factory=list)  # received, needs more
    late: list[str] = field(default_factory=list)  # received after the deadline: noted, nothing needed


def chase_letter(report: QualityReport, agency: str, flags: list[dict[str, Any]]) -> ChaseLetter:
    """What to chase one agency for: what is still missing, what needs more, what came late (noted only)."""
    names = _names(report)
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
            letter.missing.append(f"{flag['case']}: your {what}{why}.")
        elif flag.get("chase") == "late":
            submitted = fields.get("submitted")
            when = uk_dates(submitted) if isinstance(submitted, str) else fmt_date(submitted)
            letter.late.append(f"{flag['case']}: received {when}, {count(int(fields.get('days_late') or 0), 'day')} "
                               "after the deadline.")
        else:
            letter.to_improve.append(f"{flag['case']}: {in_words(flag['message'])} "
                                     f"{flag.get('asks') or ''}".strip())
    return letter
