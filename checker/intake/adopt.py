"""Write one rule parameter into an audit folder's audit.yaml (`parameters: {rule: {name: value}}`), every
other line kept as written, comments included; the new value carries a comment saying who adopted it, when
and on what evidence. The caller checks the rule, the parameter and the value first.

    set_parameter(Path("audits/neglect-2026"), "management-oversight-gap", "days", 60,
                  "adopted 07/12/2026 by J. Smith: removes 3 flags (3 dismissed)")
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from checker.intake.bundle import MANIFEST
from checker.intake.yamlsplice import positions, splice
from checker.model.errors import BundleError
from checker.model.private import open_private

__all__ = ["set_parameter"]


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    return y


def _dump(yaml: YAML, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def set_parameter(folder: Path, rule_id: str, name: str, value: Any, comment: str) -> Path:
    """Set `parameters.<rule_id>.<name>` to `value` in `folder`'s audit.yaml; returns the file written.
    BundleError when the folder has no audit.yaml (a .zip cannot be edited) or it cannot be read."""
    path = Path(folder) / MANIFEST
    if not Path(folder).is_dir() or not path.is_file():
        raise BundleError(f"{folder} is not an audit folder with an {MANIFEST}: a value can be adopted only "
                          "for an audit kept as a folder (unzip it first)")
    try:
        text = path.read_text(encoding="utf-8-sig")
        yaml = _yaml()
        doc = yaml.load(text)
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise BundleError(f"{path} cannot be read to adopt the value: {exc}") from exc
    if not isinstance(doc, CommentedMap):
        raise BundleError(f"{path} is not an audit.yaml (its top level is not a mapping)")
    comment = " ".join(comment.split())
    params = doc.get("parameters")
    if not isinstance(params, CommentedMap) or not params:
        block = f"parameters:\n  {rule_id}: {{{name}: {_scalar(yaml, value)}}}  # {comment}\n"
        if "parameters" in doc:
            del doc["parameters"]
            text = _dump(yaml, doc)
        _write(path, text.rstrip("\n") + "\n" + block)
        return path
    spots = positions(doc, len(text.splitlines()), lists=())
    values = params.get(rule_id)
    if not isinstance(values, CommentedMap):
        values = CommentedMap()
        values.fa.set_flow_style()
        params[rule_id] = values
    values[name] = value
    earlier = _eol_comment(params, rule_id)  # kept: the new words follow it
    params.yaml_add_eol_comment(f"{earlier}; {comment}" if earlier else comment, rule_id)
    whole = _dump(yaml, doc)
    spliced = splice(text, spots, doc, lambda d: _dump(yaml, d), sections={"parameters"}, items={}) if spots else None
    _write(path, spliced if spliced is not None and _same(yaml, spliced, whole) else whole)
    return path


def _eol_comment(mapping: CommentedMap, key: str) -> str:
    """The comment at the end of `key`'s line, without its '#', or ''."""
    slots = mapping.ca.items.get(key) or []
    token = next((t for t in slots[2:3] if t is not None), None)
    text = getattr(token, "value", "") or ""
    return " ".join(text.strip().splitlines()[0].lstrip("#").split()) if text.strip() else ""


def _scalar(yaml: YAML, value: Any) -> str:
    return _dump(yaml, value).strip().removesuffix("...").strip()


def _same(yaml: YAML, a: str, b: str) -> bool:
    return bool(yaml.load(a) == yaml.load(b))


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open_private(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)
