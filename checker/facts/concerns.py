"""`return_concerns`: the immediate concerns agencies raised in their audit returns, one fact per return."""

from __future__ import annotations

from checker.facts.base import Args, Output, derivation
from checker.facts.context import Context, Derived, Fact
from checker.model.wording import clip_excerpt

__all__ = ["ReturnConcernArgs", "return_concerns"]


class ReturnConcernArgs(Args):
    """No arguments: every audit return is read."""


RETURN_CONCERN_FIELDS = (
    Output("raised", "bool", "The audit return's immediate-concern answer is not blank"),
    Output("agency", "text", "The agency whose return it is"),
    Output("concern", "text", "The concern as written in the return (shortened)"),
)


@derivation("return_concerns", ReturnConcernArgs, RETURN_CONCERN_FIELDS)
def return_concerns(ctx: Context, args: ReturnConcernArgs) -> Derived:
    """Immediate concerns raised in audit returns (one fact per return), surfaced before anything else."""
    out = Derived()
    seen: set[str] = set()
    for ret in ctx.returns:
        seen.add(ret.case)
        concern = ret.immediate_concern
        out.facts.append(
            Fact(
                case=ret.case,
                agency=ret.agency,
                extra_evidence=(
                    {"file": ret.source_file, "row": None, "date": ret.submitted.isoformat() if ret.submitted else None,
                     "agency": ret.agency, "question": "immediate_concern", "question_text": "Immediate concern",
                     "excerpt": concern or ""},
                ) if concern else (),
                fields={"raised": bool(concern), "agency": ret.agency, "concern": clip_excerpt(concern or "", 200)},
            )
        )
    for case in ctx.case_ids():
        if case not in seen:
            out.skipped[case] = "no audit return received for this case"
    return out
