"""A partnership's own thresholds for every audit: a folder of overrides, one YAML file per rule (the file
name is the rule id), each giving parameter values, with comments saying why. Every audit is checked with
them unless its own audit.yaml sets the same parameter. `maca check --overrides DIR`, `maca dashboard
--overrides DIR` or $MACA_OVERRIDES names the folder.

    overrides/management-oversight-gap.yaml
        days: 60  # days adopted 07/12/2026 by J. Smith (default 30); tried on the stored audits: …

Each value is checked like an audit's (the rule has the parameter, the value is in its range); a problem
names the file, the parameter and the value.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from checker.engine.catalogue import Catalogue
from checker.model.errors import RuleError
from checker.model.private import open_private, private_dir

__all__ = ["ENV_OVERRIDES", "load_overlay", "configured_overlay", "overlay_id", "merged", "write_override"]

ENV_OVERRIDES = "MACA_OVERRIDES"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def load_overlay(folder: str | Path, catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """{rule id: {parameter: value}} from the folder; RuleError listing every problem by file."""
    root = Path(folder)
    if not root.is_dir():
        raise RuleError(f"the partnership's overrides folder {root} does not exist (--overrides or ${ENV_OVERRIDES})")
    out: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for path in _files(root):
        label = f"{root.name}/{path.name}"
        try:
            rule = catalogue.get(path.stem)
        except KeyError:
            problems.append(f"{label}: there is no rule '{path.stem}' (the file name is the rule id; maca rules lists them)")
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(f"{label}: cannot be read as YAML ({type(exc).__name__})")
            continue
        if not isinstance(data, dict):
            problems.append(f"{label}: must be parameter: value lines, e.g. days: 60")
            continue
        for name, value in data.items():
            problem = rule.setting_problem(str(name), value)
            if problem:
                problems.append(f"{label}: {name}: {problem}")
            else:
                out.setdefault(rule.id, {})[str(name)] = value
    if problems:
        raise RuleError("the partnership's overrides have problems:\n  " + "\n  ".join(problems), problems)
    return out


def configured_overlay(catalogue: Catalogue, env: Mapping[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """The overrides in $MACA_OVERRIDES's folder, or {} when it is not set."""
    folder = (os.environ if env is None else env).get(ENV_OVERRIDES)
    return load_overlay(folder, catalogue) if folder else {}


def overlay_id(overlay: Mapping[str, Mapping[str, Any]]) -> str:
    """A short id of the overrides in force, added to the rule-set id ('…+p1a2b3c4d') so a changed overlay
    makes a new stored run."""
    text = json.dumps({r: dict(v) for r, v in overlay.items()}, sort_keys=True, default=str)
    return "p" + hashlib.sha256(text.encode()).hexdigest()[:8]


def merged(overlay: Mapping[str, Mapping[str, Any]], own: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The partnership's values with the audit's own (audit.yaml) over them."""
    out = {r: dict(v) for r, v in overlay.items()}
    for rule, values in own.items():
        out.setdefault(rule, {}).update(values)
    return out


def write_override(folder: str | Path, rule_id: str, name: str, value: Any, comment: str) -> Path:
    """Set `name: value` in the folder's file for `rule_id` (made if new), its other lines and comments kept,
    with `comment` beside the value. The caller checks the value first."""
    path = Path(folder) / f"{rule_id}.yaml"
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    doc = y.load(path.read_text(encoding="utf-8-sig")) if path.is_file() else None
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    doc[name] = value
    doc.yaml_add_eol_comment(" ".join(comment.split()), name)
    out = io.StringIO()
    y.dump(doc, out)
    private_dir(Path(folder))
    tmp = path.with_name(path.name + ".tmp")
    with open_private(tmp, "w", encoding="utf-8") as handle:
        handle.write(out.getvalue())
    os.replace(tmp, path)
    return path
