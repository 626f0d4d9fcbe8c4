"""The named fact derivations (pandas) that rules reference by name: each turns the annotated frame, the
manifest and the returns (a `Context`) into per-case facts for the engine (see `checker.facts.base` for
how one is declared). One module per idea: `gaps`, `followup` (with `followup_answers`), `presence`,
`meetings`, `pregnancy`, `adults`, `sharing`, `eviction` (with `eviction_position`), `concerns`, `quality`,
`quality_returns`. Derivations that read case by case split their rows by case once (`rows`: sorted once,
plain tuples; or `Context.timeline`: one sort of the frame shared by all, read by bisect), never filtering
or sorting the frame per case.

May import `checker.model` and `checker.text`; never intake (facts read the loaded bundle, not files).
"""

from checker.facts import (  # noqa: F401
    adults,
    concerns,
    eviction,
    followup,
    gaps,
    meetings,
    pregnancy,
    presence,
    quality,
    quality_returns,
    sharing,
)
from checker.facts.base import REGISTRY, DerivationSpec
from checker.facts.context import Context, Derived, Fact

__all__ = ["REGISTRY", "DerivationSpec", "Context", "Derived", "Fact"]
