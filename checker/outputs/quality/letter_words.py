"""How a letter to one agency names things: in the agency's own terms, never the checker's.

    words = LetterWords(report.audit, "police")
    words.case("case-1")          # 'NP-ORG-4471 (our case-1)'
    words.file("returns/police-case-1.yaml")      # 'your audit return'
    words.text("returns/police-case-1.yaml is contradicted by the records.")
    # 'Your audit return for NP-ORG-4471 (our case-1) is contradicted by the records.'
    answer_words("Yes | evidence: PNC")          # 'you answered “Yes”, with the evidence “PNC”'

A case is named by the agency's own reference (`references:` in audit.yaml) beside the partnership's; a file by
the name the agency sent it as (the intake register's `sent_as`), never by the path it is stored under; a
question by its text; an answer in words, not the checker's excerpt ("claims: Yes").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from checker.model.audit import load_audit_tool
from checker.model.wording import uk_dates

__all__ = ["LetterWords", "answer_words", "question_names", "in_words"]

_FILE = re.compile(r"(?:returns|chronologies)/[\w.-]+?(?=[.,;:)]?(?:\s|$)|[,;:)])")
_SETUP = "the audit's set-up"
_SETUP_FILE = re.compile(r"(?<![\w/.-])audit\.ya?ml\b")
_KIND = {"returns": "audit return", "chronologies": "chronology"}
_CHECKER_FORMATS = (".yaml", ".yml", ".json")


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


class LetterWords:
    """One agency's words for its cases and files (from `QualityReport.audit`)."""

    def __init__(self, audit: Mapping[str, Any], agency: str) -> None:
        self.agency = agency
        self.references: dict[str, dict[str, str]] = dict(audit.get("references") or {})
        self.ours: dict[str, str] = dict(audit.get("our_references") or {})
        self.sent_as: dict[str, str] = dict(audit.get("sent_as") or {})

    def case(self, case: str) -> str:
        """The agency's reference with the partnership's beside it."""
        ours = f"our {self.ours.get(case) or case}"
        ref = (self.references.get(case) or {}).get(self.agency)
        return f"{ref} ({ours})" if ref else f"{ours} (we hold no reference of yours for it)"

    def file(self, path: str) -> str:
        """The file as the agency knows it: the name it was sent as, or what it is."""
        if "/" not in path and path.lower().endswith(_CHECKER_FORMATS):  # audit.yaml: the partnership's own
            return _SETUP
        kind = _KIND.get(path.split("/", 1)[0], "file")
        if sent := self.sent_as.get(path):
            return f"the file you sent, “{sent}”"
        name = PurePosixPath(path).name
        if name.lower().endswith(_CHECKER_FORMATS):
            return f"your {kind}"
        return f"your {kind} “{name}”"

    def text(self, text: str, sentence: bool = True) -> str:
        """A finding's sentence (or, `sentence=False`, a quotation) with files, cases and question ids in the
        agency's words, dates day first."""
        held: list[str] = []

        def hold(words: str) -> str:
            held.append(words)
            return f"\x00{len(held) - 1}\x00"

        text = _FILE.sub(lambda m: hold(self._file_for_case(m[0])), text)
        text = _SETUP_FILE.sub(_SETUP, text)
        if self.references:
            ids = "|".join(re.escape(c) for c in sorted(self.references, key=len, reverse=True))
            text = re.sub(rf"(?<![\w-])({ids})(?![\w-])", lambda m: hold(self.case(m[1])), text)
        text = in_words(text)
        text = re.sub(r"\x00(\d+)\x00", lambda m: held[int(m[1])], text)
        return text[:1].upper() + text[1:] if sentence else text

    def _file_for_case(self, path: str) -> str:
        """A return's file names the case it is for (`returns/police-case-1.yaml`): say so in words."""
        words = self.file(path)
        if path.startswith("returns/") and path not in self.sent_as:
            stem = PurePosixPath(path).stem
            case = next((c for c in sorted(self.references, key=len, reverse=True) if stem.endswith(f"-{c}")), None)
            if case:
                return f"{words} for {self.case(case)}"
        return words


def answer_words(excerpt: str) -> str:
    """What the agency wrote, in words: 'claims: Yes' → 'you answered “Yes”'."""
    text = " ".join(str(excerpt or "").split())
    if not text or text == "(blank)":
        return "left blank"
    for prefix in ("claims: ", "graded: "):
        if text.startswith(prefix):
            answer = text[len(prefix):].replace("_", " ")
            return f"you graded it “{answer.capitalize()}”" if prefix == "graded: " else f"you answered “{answer}”"
    answer, sep, evidence = text.partition(" | evidence: ")
    if not sep:
        return f"you answered “{answer}”"
    named = "with no evidence named" if evidence.strip("—- ") == "" else f"with the evidence “{evidence}”"
    return f"you answered “{answer}”, {named}"
