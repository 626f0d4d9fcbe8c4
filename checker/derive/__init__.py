"""Generic, named fact derivations that rules reference (see `checker.derive.base`)."""

from checker.derive import (  # noqa: F401
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
from checker.derive.base import REGISTRY, DerivationSpec
from checker.derive.context import Context, Derived, Fact

__all__ = ["REGISTRY", "DerivationSpec", "Context", "Derived", "Fact"]
