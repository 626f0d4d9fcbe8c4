"""Generic, named fact derivations that rules reference (see `checker.facts.base`)."""

from checker.facts import (  # noqa: F401
    adults,
    followup,
    gaps,
    meetings,
    misc,
    pregnancy,
    presence,
    quality,
    quality_returns,
    sharing,
)
from checker.facts.base import REGISTRY, DerivationSpec
from checker.facts.context import Context, Derived, Fact

__all__ = ["REGISTRY", "DerivationSpec", "Context", "Derived", "Fact"]
