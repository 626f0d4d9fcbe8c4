"""A rule's precision in use: of its flags that reviewers have decided, the share they found right.

"Confirmed" and "action needed" both say the flag is right (action needed: right, and something must be
done); "dismissed" says it is wrong. Open flags are not counted.

    >>> precision({"flagged": 9, "confirmed": 3, "action_needed": 1, "dismissed": 1, "open": 4}).text
    '80% (4 of 5 decided)'
    >>> precision({}).text
    'no decisions yet'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Precision", "precision", "RIGHT"]

RIGHT = ("confirmed", "action_needed", "action_taken")  # decisions that say the flag is right


@dataclass(frozen=True, slots=True)
class Precision:
    confirmed: int  # decided right: confirmed or action needed
    decided: int

    @property
    def value(self) -> float | None:
        """confirmed ÷ decided, or None when nothing is decided yet."""
        return self.confirmed / self.decided if self.decided else None

    @property
    def text(self) -> str:
        if not self.decided:
            return "no decisions yet"
        return f"{round(100 * self.confirmed / self.decided)}% ({self.confirmed} of {self.decided} decided)"


def precision(counts: Mapping[str, int]) -> Precision:
    """Precision from one rule's decision tallies (`Store.rule_counts`)."""
    right = sum(int(counts.get(d, 0)) for d in RIGHT)
    return Precision(confirmed=right, decided=right + int(counts.get("dismissed", 0)))
