"""How flags and decisions are named on screen: severity as text with a shape (never colour alone) and
decisions in words.
"""

from __future__ import annotations

__all__ = ["DECISION_LABELS", "severity_label"]

DECISION_LABELS = {
    "confirmed": "Confirmed",
    "dismissed": "Dismissed",
    "action_needed": "Action needed",
    "action_taken": "Action taken",
    "open": "Open",
}
_SEVERITY_TEXT = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW", "info": "INFO"}
_SEVERITY_MARK = {"high": "▲▲▲", "medium": "▲▲", "low": "▲", "info": "ℹ"}


def severity_label(severity: str) -> str:
    """Severity as text with a shape, so colour is never the only signal: 'HIGH ▲▲▲'."""
    return f"{_SEVERITY_TEXT.get(severity, severity.upper())} {_SEVERITY_MARK.get(severity, '')}".strip()
