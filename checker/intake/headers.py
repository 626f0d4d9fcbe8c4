"""Header synonyms: map the column headers agencies write onto the checker's canonical columns.

The synonyms are data, in `rules/headers.yaml`; matching ignores case, spaces and punctuation:

    >>> header_key(" Date / Time ")
    'datetime'
    >>> resolve_header("Significance/Impact", chronology_lookup({}, {}))
    'impact'

A bundle adds its own mappings in `audit.yaml` (`columns:` for every chronology, or on one file's entry);
the file's own mapping wins over the global one, which wins over the synonyms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ConfigDict, Field

from checker.model.datafiles import RULES_DIR
from checker.model.frame import CANONICAL_INPUT
from checker.model.problems import Problem, clip

__all__ = [
    "HEADERS_FILE",
    "HeaderMap",
    "header_key",
    "header_rules",
    "chronology_lookup",
    "returns_lookup",
    "resolve_header",
    "map_headers",
    "column_letter",
]

HEADERS_FILE = RULES_DIR / "headers.yaml"

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


class _Column(BaseModel):
    model_config = ConfigDict(extra="forbid")
    required: bool = False
    headers: list[str] = Field(min_length=1)


class HeaderRules(BaseModel):
    """The contents of `rules/headers.yaml`."""

    model_config = ConfigDict(extra="forbid")
    chronology: dict[str, _Column]
    returns: dict[str, _Column]


def header_key(text: object) -> str:
    """The form headers are compared in: lower case, letters and digits only."""
    if text is None:
        return ""
    return _NOT_WORD.sub("", str(text).casefold())


@lru_cache(maxsize=4)
def header_rules(path: Path = HEADERS_FILE) -> HeaderRules:
    """Read and validate `rules/headers.yaml` (once per process)."""
    rules = HeaderRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    unknown = sorted(set(rules.chronology) - set(CANONICAL_INPUT))
    if unknown:
        raise ValueError(
            f"{path.name}: chronology columns {unknown} are not canonical; use {CANONICAL_INPUT}"
        )
    return rules


def _synonyms(columns: Mapping[str, _Column]) -> dict[str, str]:
    return {header_key(h): canonical for canonical, col in columns.items() for h in [canonical, *col.headers]}


def chronology_lookup(global_columns: Mapping[str, str], file_columns: Mapping[str, str]) -> dict[str, str]:
    """Header key -> canonical column for a chronology: synonyms, then audit.yaml's global, then per-file mapping.

    A mapping onto something that is not a canonical column is left out (`map_headers` reports it).
    """
    lookup = _synonyms(header_rules().chronology)
    for mapping in (global_columns, file_columns):
        lookup.update({header_key(k): v for k, v in mapping.items() if v in CANONICAL_INPUT})
    return lookup


def returns_lookup() -> dict[str, str]:
    """Header key -> canonical column for an XLSX audit return."""
    return _synonyms(header_rules().returns)


def resolve_header(header: object, lookup: Mapping[str, str]) -> str | None:
    """The canonical column a header names, or None."""
    key = header_key(header)
    return lookup.get(key) if key else None


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 -> A, 27 -> AB (openpyxl's, which counts from 1)."""
    return get_column_letter(index + 1)


@dataclass(slots=True)
class HeaderMap:
    """Which column of a file holds each canonical column."""

    columns: dict[str, int] = field(default_factory=dict)
    ignored: dict[int, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def missing(self, required: Sequence[str]) -> list[str]:
        return [c for c in required if c not in self.columns]


def map_headers(
    header: Sequence[object],
    *,
    file_label: str,
    kind: Literal["chronology", "returns"] = "chronology",
    global_columns: Mapping[str, str] | None = None,
    file_columns: Mapping[str, str] | None = None,
) -> HeaderMap:
    """Map a header row onto canonical columns, reporting unknown, doubled and missing ones as problems.

    `kind` is "chronology" or "returns". Blank headers are left out of `ignored` (the caller decides whether
    their cells hold anything).
    """
    global_columns = dict(global_columns or {})
    file_columns = dict(file_columns or {})
    rules = header_rules()
    spec = rules.chronology if kind == "chronology" else rules.returns
    lookup = chronology_lookup(global_columns, file_columns) if kind == "chronology" else returns_lookup()
    allowed = set(CANONICAL_INPUT) if kind == "chronology" else set(spec)
    result = HeaderMap()

    for where, mapping in (("this file's entry", file_columns), ("columns", global_columns)):
        for written, target in mapping.items():
            if target not in allowed:
                result.problems.append(
                    Problem(
                        "warning",
                        file_label,
                        f"audit.yaml ({where}) maps this header to '{clip(target)}', which is not a column the checker reads",
                        hint=f"Use one of: {', '.join(sorted(allowed))}.",
                        column=str(written),
                        code="header-mapping-invalid",
                    )
                )
    present = {header_key(h) for h in header}
    for written in file_columns:
        if header_key(written) not in present:
            result.problems.append(
                Problem(
                    "warning",
                    file_label,
                    "audit.yaml maps this header for this file, but the file has no such header",
                    hint=f"Headers found: {_listing(header)}.",
                    column=str(written),
                    code="header-mapping-unused",
                )
            )

    by_file = {header_key(k) for k, v in file_columns.items() if v in allowed}
    by_audit = {header_key(k) for k, v in global_columns.items() if v in allowed}
    chosen: dict[str, tuple[int, int]] = {}  # canonical -> (0 file mapping / 1 global / 2 synonym, index)
    for index, cell in enumerate(header):
        canonical = resolve_header(cell, lookup)
        if canonical is None or canonical not in allowed:
            if header_key(cell):
                result.ignored[index] = str(cell).strip()
            continue
        key = header_key(cell)
        rank = (0 if key in by_file else 1 if key in by_audit else 2, index)
        if canonical not in chosen or rank < chosen[canonical]:
            if canonical in chosen:
                result.ignored[chosen[canonical][1]] = str(header[chosen[canonical][1]]).strip()
            chosen[canonical] = rank
        else:
            result.ignored[index] = str(cell).strip()
    result.columns = {canonical: index for canonical, (_, index) in chosen.items()}

    for index, written in sorted(result.ignored.items()):
        canonical = resolve_header(written, lookup)
        if canonical in result.columns:
            message = f"also names the {canonical} column; column '{clip(header[result.columns[canonical]])}' is used"
            hint = "Rename or remove one of them, or map the one to use in audit.yaml."
        else:
            message = f"ignored column (column {column_letter(index)}): the checker does not read it"
            hint = (
                "If it holds one of the checker's columns, map it in audit.yaml, e.g. columns: {\""
                + clip(written)
                + f'": event}}. Known columns: {", ".join(sorted(allowed))}.'
            )
        result.problems.append(
            Problem("info", file_label, message, hint=hint, column=written, code="column-ignored")
        )

    required = [c for c, col in spec.items() if col.required]
    for canonical in result.missing(required):
        examples = ", ".join(spec[canonical].headers[:4])
        result.problems.append(
            Problem(
                "error",
                file_label,
                f"no {canonical} column, so no row of this file can be loaded; headers found: {_listing(header)}",
                hint=(
                    f"Name the column {examples}, or map its header in audit.yaml on this file's entry, "
                    f'e.g. columns: {{"<header>": {canonical}}}.'
                ),
                column=canonical,
                code="column-missing",
            )
        )
    return result


def _listing(header: Sequence[object]) -> str:
    names = [f"'{clip(h, 30)}'" for h in header if header_key(h)]
    return ", ".join(names[:20]) + (" …" if len(names) > 20 else "") if names else "(none)"
