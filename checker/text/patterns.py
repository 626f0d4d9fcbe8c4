"""Pattern helpers shared by the text rule files: RE2 acceptance and alternations."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

__all__ = ["re2_error", "alternation"]


@lru_cache(maxsize=4096)
def re2_error(pattern: str) -> str | None:
    """Why RE2 (pyarrow) rejects a pattern, or None if it accepts it or pyarrow is absent."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.compute as pc  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pyarrow ships with this project's pandas
        return None
    try:
        pc.match_substring_regex(pa.array([""], type=pa.string()), pattern=pattern, ignore_case=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        return str(exc).splitlines()[0]
    return None


def alternation(items: Sequence[str]) -> str:
    return "(?:" + "|".join(f"(?:{i})" for i in items) + ")"
