"""Event kinds: what each chronology entry is about — the public face of `checker.text`.

The work is done in stage modules, each importing only the ones before it:
`schema` (the rule files' models) → `patterns` → `context` (ConText statuses) and `glossary` → `compile`
(load and compile `rules/kinds.yaml`, `rules/context.yaml`, `rules/glossary.yaml`) → `match` (vectorised
matching and statuses) → `people` (mentions), `links` (referral targets), `extract` (dates, attendees) →
`annotate` (the frame's text columns).

    >>> classify_text("HV visit - no access, card left")
    ('no_access',)
"""

from __future__ import annotations

from checker.text.annotate import annotate, kinds_present
from checker.text.compile import DEFAULT_RULES_PATH, KIND_IDS, CompiledKind, KindRules, load_rules
from checker.text.match import (
    Hit,
    Reading,
    classify_text,
    classify_texts,
    entry_texts,
    explain_text,
    normalise_for_matching,
    read_text,
    read_texts,
)

__all__ = [
    "KIND_IDS",
    "DEFAULT_RULES_PATH",
    "KindRules",
    "CompiledKind",
    "Hit",
    "Reading",
    "load_rules",
    "normalise_for_matching",
    "entry_texts",
    "classify_texts",
    "classify_text",
    "read_texts",
    "read_text",
    "explain_text",
    "annotate",
    "kinds_present",
]
