"""Generic, named fact derivations that rules reference (see `checker.derive.base`)."""

from checker.derive import adults, followup, gaps, meetings, misc, pregnancy, presence, sharing  # noqa: F401
from checker.derive.base import REGISTRY, DerivationSpec
from checker.derive.context import Context, Derived, Fact

__all__ = ["REGISTRY", "DerivationSpec", "Context", "Derived", "Fact"]
