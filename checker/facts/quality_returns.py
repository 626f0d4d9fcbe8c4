"""Quality derivations over the audit returns: answers, grades, evidence, claims, pasted text, strengths.

One fact per return (agency and case), with shares in 0–1 that `checker.outputs.quality` scores:

- `return_answers` (`check: unanswered | ungraded | thin`) — required questions left blank; graded questions
  answered without a grade (and no overall grade); graded answers too thin to support themselves.
- `return_claims` — "yes" answers whose claim (`claim:` in rules/audit-tool.yaml) a risk check contradicts,
  and an overall Good/Outstanding while high-severity risk flags stand on the agency's part of the case.
- `repeated_text` — the same narrative answer pasted into several questions or cases.
- `strengths` — no positive practice recorded anywhere: the good-practice answer and the chronology.

"N/A" (or "not applicable") is an answer: it is never counted unanswered, ungraded or thin.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Literal

from pydantic import Field

from checker.facts.base import Args, Output, derivation
from checker.facts.context import Context, Derived, Fact
from checker.facts.quality import NO_RETURNS
from checker.model.audit import Answer, AuditReturn, AuditTool, load_audit_tool
from checker.model.dates import MONTHS
from checker.model.frame import normalise_text
from checker.model.wording import clip_excerpt

__all__ = [
    "words",
    "has_date",
    "AnswersArgs",
    "return_answers",
    "ClaimCheck",
    "GradeCheck",
    "ClaimsArgs",
    "return_claims",
    "RepeatArgs",
    "repeated_text",
    "StrengthArgs",
    "strengths",
]

_NA = re.compile(r"^\s*(?:n/?a|not applicable)\b", re.IGNORECASE)
_NEGATIVE = re.compile(r"^\s*(?:no|not|none|never|nil)\b", re.IGNORECASE)
_YES = re.compile(r"^\s*yes\b", re.IGNORECASE)
_MONTHS = "|".join(name for name in MONTHS if len(name) == 3)  # jan … dec, from the one month table
_DATE = re.compile(
    rf"\b\d{{1,2}}[/.]\d{{1,2}}(?:[/.]\d{{2,4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})[a-z]*\b"
    rf"|\b(?:{_MONTHS})[a-z]*\s+\d{{4}}\b|\b(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*")


def words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def has_date(text: str | None) -> bool:
    """Evidence that points at a dated record ('12/10/2018', '3 May 2018', 'May 2018', '2017')."""
    return bool(_DATE.search(text or ""))


def _kind(answer: Answer | None) -> Literal["blank", "na", "text"]:
    text = (answer.answer or "").strip() if answer else ""
    if not text:
        return "blank"
    return "na" if _NA.match(text) else "text"


def _tool() -> AuditTool:
    return load_audit_tool()


def _by_question(ret: AuditReturn) -> dict[str, Answer]:
    return {a.question: a for a in ret.answers}


def _q_evidence(ret: AuditReturn, question: str, text: str | None, note: str = "") -> dict[str, Any]:
    excerpt = clip_excerpt(text or "(blank)", 120)
    return {"file": ret.source_file, "row": None, "date": ret.submitted.isoformat() if ret.submitted else None,
            "agency": ret.agency, "question": question, "excerpt": f"{note}{excerpt}"}


def _each_return(ctx: Context, out: Derived) -> list[AuditReturn]:
    if not ctx.returns:
        out.skipped.update({c: NO_RETURNS for c in ctx.case_ids()})
        return []
    seen = {r.case for r in ctx.returns}
    for case in ctx.case_ids():
        if case not in seen:
            out.skipped[case] = "no audit return received for this case"
    return sorted(ctx.returns, key=lambda r: (r.case, r.agency, r.source_file))


# --- answers ----------------------------------------------------------------------------------------------


class AnswersArgs(Args):
    check: Literal["unanswered", "ungraded", "thin"] = Field(description="unanswered: questions left blank; ungraded: answers without a grade; thin: evidence too short to check.")
    min_answer_words: int = Field(
        default=3, ge=1, description="thin: a 'no' answer without evidence needs this many words to explain itself."
    )
    min_evidence_words: int = Field(
        default=4, ge=1, description="thin: evidence with no date and fewer words than this is thin."
    )


def _thin(answer: Answer, args: AnswersArgs) -> bool:
    """Thin: the evidence names no dated record and says little, and the answer is not an explained "no"."""
    if has_date(answer.evidence) or words(answer.evidence) >= args.min_evidence_words:
        return False
    # "No - we never met him" needs no record to point at; a bare "No." explains nothing.
    return not (_NEGATIVE.match(answer.answer or "") and words(answer.answer) >= args.min_answer_words)


ANSWER_FIELDS = (
    Output("agency", "text", "The agency whose return it is"),
    Output("items", "int", "Questions judged ({check}): required questions, or graded questions answered"),
    Output("count", "int", "Of those, the ones {check}"),
    Output("rate", "float", "count ÷ items (0 when there are none)"),
    Output("questions", "text", "The question ids {check}, or 'none'"),
    Output("file", "text", "The return's file"),
)


@derivation("return_answers", AnswersArgs, ANSWER_FIELDS)
def return_answers(ctx: Context, args: AnswersArgs) -> Derived:
    """Per return: the share of its questions unanswered, ungraded or too thin to support the grade."""
    out = Derived()
    tool = _tool()
    for ret in _each_return(ctx, out):
        answers = _by_question(ret)
        items: list[str] = []
        bad: list[tuple[str, str | None]] = []
        for q in tool.questions:
            ans = answers.get(q.id)
            kind = _kind(ans)
            if args.check == "unanswered":
                if q.required:
                    items.append(q.id)
                    if kind == "blank":
                        bad.append((q.id, None))
            elif q.graded and kind == "text" and ans is not None:
                items.append(q.id)
                if (args.check == "ungraded" and ans.grade is None) or (args.check == "thin" and _thin(ans, args)):
                    text = ans.answer if args.check == "ungraded" else f"{ans.answer} | evidence: {ans.evidence or '—'}"
                    bad.append((q.id, text))
        if args.check == "ungraded" and not ret.source_file.lower().endswith(".xlsx"):
            items.append("overall_grade")  # the XLSX return format has no overall grade
            if ret.overall_grade is None:
                bad.append(("overall_grade", None))
        out.facts.append(
            Fact(
                case=ret.case,
                agency=ret.agency,
                extra_evidence=tuple(_q_evidence(ret, q, t) for q, t in bad),
                fields={
                    "agency": ret.agency,
                    "items": len(items),
                    "count": len(bad),
                    "rate": round(len(bad) / len(items), 4) if items else 0.0,
                    "questions": ", ".join(q for q, _ in bad) or "none",
                    "file": ret.source_file,
                },
            )
        )
    return out


# --- claims -----------------------------------------------------------------------------------------------


class ClaimCheck(Args):
    """A "yes" to a question carrying this claim is contradicted when one of these risk rules flags the case."""

    risk_rules: list[str] = Field(min_length=1, description="Risk rules whose flag on the case contradicts the claim.")
    agency_types: list[str] | None = Field(
        default=None, description="Only answers from agencies of these types are checked (default: all)."
    )
    label: str = Field(default="", description="How messages name the claim.")


class GradeCheck(Args):
    grades: list[str] = Field(default_factory=lambda: ["outstanding", "good"], description="Self-grades checked.")
    severities: list[str] = Field(default_factory=lambda: ["high"], description="Flags of these severities contradict them.")
    ignore_rules: list[str] = Field(
        default_factory=list, description="Risk rules that say nothing about the agency's own practice."
    )


class ClaimsArgs(Args):
    claims: dict[str, ClaimCheck] = Field(min_length=1, description="Claim name: the risk rules whose flags contradict a 'yes' carrying it.")
    grade: GradeCheck | None = Field(default=None, description="Also contradict a self-grade the risk flags on the case do not bear out.")


def _flag_evidence(flag: dict[str, Any], limit: int = 4) -> list[dict[str, Any]]:
    rows = [dict(e) for e in flag.get("evidence", []) if e.get("file")][:limit]
    note = {"file": None, "row": None, "date": None, "agency": None, "question": None,
            "excerpt": f"risk check “{flag.get('title') or flag['rule']}”: "
                       f"{clip_excerpt(flag.get('message', ''), 140)}"}
    return [note, *rows]


CLAIM_FIELDS = (
    Output("agency", "text", "The agency whose return it is"),
    Output("claims_checked", "int", "'Yes' answers carrying a claim the checker can test"),
    Output("claims_contradicted", "int", "Of those, the ones a risk flag on the case contradicts: {claims}"),
    Output("grade_contradicted", "int", "1 when the overall grade is good or outstanding while high-severity risk "
           "flags stand on the agency's part of the case, else 0"),
    Output("contradictions", "int", "claims_contradicted + grade_contradicted"),
    Output("what", "text", "What is contradicted, in words"),
    Output("file", "text", "The return's file"),
)


@derivation("return_claims", ClaimsArgs, CLAIM_FIELDS)
def return_claims(ctx: Context, args: ClaimsArgs) -> Derived:
    """Per return: claims the records contradict, and a good overall grade over standing high risk flags."""
    out = Derived()
    claims = {q.id: q.claim for q in _tool().questions if q.claim and q.claim in args.claims}
    for ret in _each_return(ctx, out):
        flags = [f for f in ctx.risk_flags if f.get("case") == ret.case]
        evidence: list[dict[str, Any]] = []
        checked = contradicted = 0
        what: list[str] = []
        for ans in ret.answers:
            claim = claims.get(ans.question)
            if claim is None or not _YES.match(ans.answer or ""):
                continue
            check = args.claims[claim]
            if check.agency_types and ctx.agency_type.get(ret.agency) not in check.agency_types:
                continue
            checked += 1
            against = [f for f in flags if f["rule"] in check.risk_rules]
            if against:
                contradicted += 1
                what.append(check.label or claim)
                evidence.append(_q_evidence(ret, ans.question, ans.answer, "claims: "))
                for flag in against[:1]:
                    evidence += _flag_evidence(flag)
        graded_over = 0
        if args.grade and ret.overall_grade in args.grade.grades:
            standing = [f for f in flags if f.get("agency") == ret.agency and f["severity"] in args.grade.severities
                        and f["rule"] not in args.grade.ignore_rules]
            if standing:
                graded_over = 1
                what.append(f"overall grade {ret.overall_grade.replace('_', ' ')} over {len(standing)} high risk flag(s)")
                evidence.append(_q_evidence(ret, "overall_grade", ret.overall_grade, "graded: "))
                for flag in standing[:2]:
                    evidence += _flag_evidence(flag, limit=2)
        out.facts.append(
            Fact(
                case=ret.case,
                agency=ret.agency,
                extra_evidence=tuple(evidence),
                fields={
                    "agency": ret.agency,
                    "claims_checked": checked,
                    "claims_contradicted": contradicted,
                    "grade_contradicted": graded_over,
                    "contradictions": contradicted + graded_over,
                    "what": "; ".join(what) or "none",
                    "file": ret.source_file,
                },
            )
        )
    return out


# --- repeated text ----------------------------------------------------------------------------------------


class RepeatArgs(Args):
    min_words: int = Field(default=6, ge=1, description="Answers shorter than this are never counted as pasted.")


REPEAT_FIELDS = (
    Output("agency", "text", "The agency whose return it is"),
    Output("answers", "int", "Answers with text in the return"),
    Output("repeated", "int", "Answers of {min_words} words or more repeated word for word in another answer by the "
           "same agency"),
    Output("rate", "float", "repeated ÷ answers"),
    Output("questions", "text", "The repeated answers' question ids, or 'none'"),
    Output("file", "text", "The return's file"),
)


@derivation("repeated_text", RepeatArgs, REPEAT_FIELDS)
def repeated_text(ctx: Context, args: RepeatArgs) -> Derived:
    """Per return: the share of its answers that repeat, word for word, another answer by the same agency."""
    out = Derived()
    returns = _each_return(ctx, out)
    counts: Counter[tuple[str, str]] = Counter()
    for ret in returns:
        for ans in ret.answers:
            if _kind(ans) == "text" and words(ans.answer) >= args.min_words:
                counts[(ret.agency, normalise_text(ans.answer or ""))] += 1
    for ret in returns:
        substantive = [a for a in ret.answers if _kind(a) == "text"]
        pasted = [a for a in substantive
                  if words(a.answer) >= args.min_words and counts[(ret.agency, normalise_text(a.answer or ""))] > 1]
        out.facts.append(
            Fact(
                case=ret.case,
                agency=ret.agency,
                extra_evidence=tuple(_q_evidence(ret, a.question, a.answer) for a in pasted),
                fields={
                    "agency": ret.agency,
                    "answers": len(substantive),
                    "repeated": len(pasted),
                    "rate": round(len(pasted) / len(substantive), 4) if substantive else 0.0,
                    "questions": ", ".join(a.question for a in pasted) or "none",
                    "file": ret.source_file,
                },
            )
        )
    return out


# --- strengths --------------------------------------------------------------------------------------------


class StrengthArgs(Args):
    question: str = Field(default="good-practice", description="The audit-tool question asking what went well.")
    kinds: list[str] = Field(default_factory=lambda: ["positive"], description="Chronology kinds that record a strength.")


STRENGTH_FIELDS = (
    Output("agency", "text", "The agency whose return it is"),
    Output("answered", "bool", "The '{question}' answer has text"),
    Output("positive_rows", "int", "Its chronology entries of kind {kinds}"),
    Output("none", "bool", "No strength anywhere: the answer is blank and no such entry"),
    Output("rate", "float", "1.0 when none, else 0.0"),
)


@derivation("strengths", StrengthArgs, STRENGTH_FIELDS)
def strengths(ctx: Context, args: StrengthArgs) -> Derived:
    """Per agency and case submitted: whether any strength is recorded, in the return or the chronology."""
    out = Derived()
    if not ctx.returns:
        out.skipped.update({c: NO_RETURNS for c in ctx.case_ids()})
        return out
    positive = ctx.entries(args.kinds)
    answers = {(r.case, r.agency): _by_question(r).get(args.question) for r in ctx.returns}
    files = {(r.case, r.agency): r for r in ctx.returns}
    keys = set(answers)
    if not ctx.frame.empty:
        keys |= {(str(c), str(a)) for c, a in zip(ctx.frame["case"], ctx.frame["agency"], strict=True)}
    for case, agency in sorted(keys):
        answer = answers.get((case, agency))
        answered = _kind(answer) == "text"
        rows = positive[(positive["case"] == case) & (positive["agency"] == agency)]
        extra: tuple[dict[str, Any], ...] = ()
        ret = files.get((case, agency))
        if ret is not None and not answered:
            extra = (_q_evidence(ret, args.question, answer.answer if answer else None),)
        none = not answered and rows.empty
        out.facts.append(
            Fact(
                case=case,
                agency=agency,
                evidence=tuple(rows["entry_id"].astype(str).tolist()[:3]),
                extra_evidence=extra,
                fields={"agency": agency, "answered": answered, "positive_rows": len(rows), "none": none,
                        "rate": 1.0 if none else 0.0},
            )
        )
    for case in ctx.case_ids():
        if not any(f.case == case for f in out.facts):
            out.skipped[case] = "nothing submitted for this case"
    return out
