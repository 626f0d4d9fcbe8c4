"""What a sentence's action words record about one mention in it (`checker.text.people`): the reference
reading (`records_reference`, as first written) and the quicker one the batch reader uses (`records`), equal on
every input (tests/text/test_name_places.py)."""

from __future__ import annotations

__all__ = ["Grouped", "records", "records_reference", "first_head"]

Grouped = list[tuple[str, list[tuple[int, int, str, str, bool]]]]  # an action, its words in a sentence
# Asked and answered: a nil answer is the thing done ("PNC: nil", "no forensic history reported"), so a negative
# inside their own words, or a field answered nil, does not make them "not done".
_ANSWERED = frozenset({"checked", "history"})
_SUBJECT_WORDS = 3  # "says": the speaker stands at most this many words before the verb
_NEAR_WORDS = 8  # an action word this close to a mention is about that person (a list after "Seen:" always is)


def _gap(text: str, mention: tuple[int, int], action: tuple[int, int]) -> int:
    """Words between a mention and an action word, whichever comes first."""
    lo, hi = (mention[1], action[0]) if action[0] >= mention[1] else (action[1], mention[0])
    return len(text[lo:hi].split())  # the runs of `\S+`: str.split and `re` agree on what is whitespace


def records_reference(text: str, start: int, end: int, inside: list[tuple[int, int, str, str, bool]],
                      grouped: Grouped, group: bool) -> list[str]:  # fmt: skip
    """What the sentence's action words (grouped by action, in the order of ACTIONS) record about the mention
    at text[start:end] (`group`: a group phrase's)."""
    records: list[str] = []
    # A name in one list ("Present: Kerry, Reece") is not in the list a later field heads ("| Apologies: school");
    # a name in a field of its own is ("Subject: Reece | PNC: nil").
    listed = any(a[4] and a[1] <= start for _, actions in grouped for a in actions)
    for action, actions in grouped:
        near = [a for a in actions if not (start < a[1] and end > a[0])
                and not (listed and a[4] and a[0] >= end and "|" in text[end : a[0]])
                and (a[4] or _gap(text, (start, end), (a[0], a[1])) <= _NEAR_WORDS)]
        if action == "says":  # the speaker is the person named just before the verb, nobody in between
            near = [a for a in near if a[0] >= end and _gap(text, (start, end), (a[0], a[1])) <= _SUBJECT_WORDS
                    and not any(end <= o[0] < a[0] for o in inside)]
        if group and action in _ANSWERED:
            # A group is checked only where the check is said of it, not across a list of other findings:
            # "lives with parents and sister, no concerns, not known to CSC" is no check on the parents.
            near = [a for a in near if a[4] or "," not in (text[end : a[0]] if a[0] >= end else text[a[1] : start])]
        if not near:
            continue
        # The person's own word beats the heading of the list he is in: "Checks: Jo - NTR, Owen - not checked".
        best = min(near, key=lambda a: (a[4], abs(a[0] - start)))
        records.append(_record(action, best[3]))
    return records


def _record(action: str, status: str) -> str:
    """The record an action word with this status makes: 'checked', 'not_checked', 'planned_checked'..."""
    name = "spoken_to" if action == "says" else action
    if status == "done":
        return name
    if status in ("negated", "attempted"):
        return f"not_{name}"
    return f"planned_{name}" if status == "planned" else f"{status}_{name}"


def first_head(grouped: Grouped) -> int | None:
    """Where the first action word heading a list ("Present:") in the sentence ends (None: none does)."""
    return min((a[1] for _, actions in grouped for a in actions if a[4]), default=None)


def records(text: str, start: int, end: int, inside: list[tuple[int, int, str, str, bool]], grouped: Grouped,
            group: bool, head: int | None) -> list[str]:  # fmt: skip
    """`records_reference`, each action's words tried in one loop (no lists, no key functions); `head`:
    `first_head(grouped)`, found once per sentence."""
    out: list[str] = []
    listed = head is not None and head <= start  # the mention is in a list an action word heads
    for action, actions in grouped:
        says = action == "says"
        answered = group and action in _ANSWERED
        best: tuple[int, int, str, str, bool] | None = None
        best_key = (True, 0)
        for a in actions:
            a0, a1, _, _, heads = a
            if start < a1 and end > a0:
                continue
            if listed and heads and a0 >= end and "|" in text[end:a0]:
                continue
            between = text[end:a0] if a0 >= end else text[a1:start]
            if not heads and len(between.split()) > _NEAR_WORDS:
                continue
            if says and (a0 < end or len(between.split()) > _SUBJECT_WORDS or any(end <= o[0] < a0 for o in inside)):
                continue
            if answered and not heads and "," in between:
                continue
            key = (heads, abs(a0 - start))
            if best is None or key < best_key:  # the first of the nearest, as `min` picks
                best, best_key = a, key
        if best is None:
            continue
        out.append(_record(action, best[3]))
    return out
