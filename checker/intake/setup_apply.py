"""Create an audit folder from a set-up workbook, or update its audit.yaml in place (`maca new FOLDER --from`).

    outcome = apply_setup("audits/neglect-2026", data, source="setup.xlsx")
    outcome.errors        # every problem by sheet, row and column; nothing is written while one remains
    outcome.changes       # what was added, changed, removed (or kept: a removal not allowed)

A new folder gets audit.yaml (a comment header saying where it came from), and empty chronologies/ and
returns/. An existing audit.yaml is edited as a round trip (ruamel.yaml): the audit details, agencies and
cases the workbook describes are added and changed in place, every comment, key order and section the
workbook does not describe (submissions, intake, parameters, an adult's aliases…) stays as written. A case
or agency missing from the workbook is reported, and removed only with `allow_removals`. The result is
checked as a whole manifest before anything is written; files are private (0600) unless shared.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from checker import __version__
from checker.intake.bundle import MANIFEST, BundleFiles, load_manifest
from checker.intake.setup_read import read_setup
from checker.intake.yamlsplice import indent_of, positions, splice
from checker.intake.yamltext import read_document
from checker.model.audit import Manifest
from checker.model.dates import DateError, parse_day
from checker.model.private import open_private, private_dir
from checker.model.problems import Problem

__all__ = ["Change", "SetupOutcome", "apply_setup", "FOLDERS"]

FOLDERS = ("chronologies", "returns")
Action = Literal["add", "change", "remove", "keep"]

_AUDIT_KEYS = ("id", "title", "theme", "partnership", "meeting_date", "submission_deadline", "period")
_AGENCY_KEYS = ("name", "type", "aliases", "lead_role")
_CASE_KEYS = ("summary", "reference", "references", "expected_agencies", "children", "pregnancy", "adults", "plans")
_ITEM_KEYS = {"children": ("name", "date_of_birth", "unborn"), "adults": ("role", "name", "lives_with_child")}
_PREGNANCY_KEYS = ("mother", "expected_delivery")
_FLOW_MAPS = {"period", "pregnancy", "references"}
_FLOW_SEQS = {"aliases", "expected_agencies"}
_ITEM_SEQS = {"children", "adults", "plans"}


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the workbook changes in audit.yaml."""

    action: Action
    what: Literal["audit", "agency", "case"]
    id: str

    def line(self) -> str:
        if self.action == "keep":
            return (f"NOT REMOVED: {self.what} {self.id} is in audit.yaml but not in the workbook; it was kept. "
                    "Run again with --allow-removals to remove it.")
        verb = {"add": "ADDED", "change": "CHANGED", "remove": "REMOVED"}[self.action]
        return f"{verb}: {self.what} {self.id}"


@dataclass(slots=True)
class SetupOutcome:
    folder: Path
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: bool = False
    created: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def kept(self) -> list[Change]:
        """Removals that were not applied (no `allow_removals`)."""
        return [c for c in self.changes if c.action == "keep"]


def _yaml(offset: int = 0) -> YAML:
    """Round-trip YAML writing lists with their '-' at `offset` (as the file being edited does)."""
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    y.representer.ignore_aliases = lambda *_: True
    return y


def _flow_map(values: dict[str, Any]) -> CommentedMap:
    item = CommentedMap(values)
    item.fa.set_flow_style()
    return item


def _styled(key: str, value: Any) -> Any:
    """A value as audit.yaml writes it: short maps and lists on one line, people and plans one per line."""
    if key in _FLOW_MAPS and isinstance(value, dict):
        return _flow_map(value)
    if key in _FLOW_SEQS and isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if key in _ITEM_SEQS and isinstance(value, list):
        return CommentedSeq(_flow_map(item) for item in value)
    return value


def _block(item: dict[str, Any]) -> CommentedMap:
    return CommentedMap((k, _styled(k, v)) for k, v in item.items())


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, dict):
        return isinstance(old, dict) and set(old) == set(new) and all(_same(old[k], v) for k, v in new.items())
    if isinstance(new, list):
        return isinstance(old, list) and len(old) == len(new) and all(map(_same, old, new))
    if isinstance(new, dt.date) and isinstance(old, str):
        try:
            return parse_day(old) == new
        except (DateError, ValueError):
            return False
    if isinstance(new, bool) or isinstance(old, bool):
        return old is new
    return bool(old == new)


def _set(target: dict[str, Any], new: dict[str, Any], keys: Sequence[str]) -> bool:
    """Make `target`'s `keys` say what `new` says (a key `new` lacks is removed); True if anything changed."""
    changed = False
    for key in keys:
        value = new.get(key)
        if key in _ITEM_KEYS:
            changed |= _items(target, key, value or [], _ITEM_KEYS[key])
        elif key == "pregnancy" and isinstance(target.get(key), dict) and (value or target[key].get("born")):
            if value:  # a pregnancy whose baby is born (no unborn row any more) stays as written
                changed |= _set(target[key], value, _PREGNANCY_KEYS)
        elif key == "expected_agencies" and value is not None and isinstance(target.get(key), list) \
                and sorted(map(str, target[key])) == sorted(value):
            continue  # the same agencies in another order: not a change
        elif value is None:
            if key in target and not (isinstance(target[key], list) and not target[key]):
                del target[key]
                changed = True
        elif key not in target or not _same(target[key], value):
            target[key] = _styled(key, value)
            changed = True
    return changed


def _items(target: dict[str, Any], key: str, new: list[dict[str, Any]], keys: Sequence[str]) -> bool:
    """Merge a list of people by id: known ones updated in place (their other keys kept), gone ones removed."""
    seq = target.get(key)
    if not isinstance(seq, list):
        if not new:
            return False
        target[key] = _styled(key, new)
        return True
    wanted = {item["id"]: item for item in new}
    changed = False
    for i in reversed(range(len(seq))):
        old = seq[i]
        if not isinstance(old, dict) or old.get("id") not in wanted:
            del seq[i]
            changed = True
        else:
            changed |= _set(old, wanted.pop(old["id"]), keys)
    for item in new:
        if item["id"] in wanted:
            seq.append(_flow_map(item))
            changed = True
    return changed


def _merge(doc: CommentedMap, new: dict[str, Any], allow_removals: bool) -> list[Change]:
    changes: list[Change] = []
    audit = doc.setdefault("audit", CommentedMap())
    if _set(audit, new["audit"], _AUDIT_KEYS):
        changes.append(Change("change", "audit", new["audit"]["id"]))
    for section, what, keys in (("agencies", "agency", _AGENCY_KEYS), ("cases", "case", _CASE_KEYS)):
        seq = doc.get(section)
        if not isinstance(seq, list):
            seq = doc[section] = CommentedSeq()
        wanted = {item["id"]: item for item in new[section]}
        for i in reversed(range(len(seq))):
            old = seq[i]
            if not isinstance(old, dict):
                continue
            item_id = str(old.get("id"))
            if item_id in wanted:
                item = wanted.pop(item_id)
                if section == "cases" and "expected_agencies" not in old and \
                        set(item.get("expected_agencies", [])) == {a["id"] for a in new["agencies"]}:
                    item = {k: v for k, v in item.items() if k != "expected_agencies"}  # every agency, as before
                if _set(old, item, keys):
                    changes.append(Change("change", what, item_id))  # type: ignore[arg-type]
            elif allow_removals:
                del seq[i]
                changes.append(Change("remove", what, item_id))  # type: ignore[arg-type]
            else:
                changes.append(Change("keep", what, item_id))  # type: ignore[arg-type]
        for item in new[section]:
            if item["id"] in wanted:
                seq.append(_block(dict(item)))
                changes.append(Change("add", what, item["id"]))  # type: ignore[arg-type]
    order = {"audit": 0, "agency": 1, "case": 2}
    return sorted(changes, key=lambda c: order[c.what])


def _header(source: str, now: dt.datetime) -> str:
    return (f"Audit set up from {source} by `maca new` on {now:%d/%m/%Y at %H:%M} (maca {__version__}).\n"
            "To change the details, edit the workbook and run `maca new FOLDER --from WORKBOOK` again (or use\n"
            "the dashboard's Audit details): comments written here are kept. Returns are filed by `maca intake`.\n"
            "Pseudonymous case ids only; first names or initials at most.")


def _new_document(new: dict[str, Any], source: str, now: dt.datetime) -> CommentedMap:
    doc = CommentedMap()
    doc["audit"] = _block(new["audit"])
    doc["agencies"] = CommentedSeq(_block(a) for a in new["agencies"])
    doc["cases"] = CommentedSeq(_block(c) for c in new["cases"])
    doc["submissions"] = CommentedMap((k, _styled("aliases", [])) for k in FOLDERS)
    doc.yaml_set_start_comment(_header(source, now))
    return doc


def _dump(yaml: YAML, doc: CommentedMap) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _edit(original: str, doc: CommentedMap, new: dict[str, Any], allow_removals: bool,
          outcome: SetupOutcome) -> str:
    """audit.yaml's text after the workbook's changes: only the changed entries rewritten where that can be
    done (`checker.intake.yamlsplice`), else the whole document dumped (comments and order still kept)."""
    lines = original.splitlines(keepends=True)
    spots = positions(doc, len(lines))
    yaml = _yaml(indent_of(lines, spots, "cases") if spots else 0)
    outcome.changes = _merge(doc, new, allow_removals)
    whole = _dump(yaml, doc)
    if spots is None:
        return whole
    items = {section: {c.id for c in outcome.changes if c.what == what and c.action in ("add", "change")}
             for section, what in (("agencies", "agency"), ("cases", "case"))}
    removed = {("agencies" if c.what == "agency" else "cases") for c in outcome.changes if c.action == "remove"}
    spliced = splice(original, spots, doc, lambda d: _dump(yaml, d),
                     sections=["audit"] if any(c.what == "audit" for c in outcome.changes) else [],
                     items={k: v for k, v in items.items() if v or k in removed})
    if spliced is None:
        return whole
    same, _ = read_document(spliced.encode("utf-8"), file_label=MANIFEST)
    expected, _ = read_document(whole.encode("utf-8"), file_label=MANIFEST)
    return spliced if same == expected and same is not None else whole


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open_private(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _problem(folder: Path, message: str, hint: str) -> Problem:
    return Problem("error", str(folder / MANIFEST), message, hint=hint, code="setup")


def apply_setup(
    folder: str | os.PathLike[str],
    data: bytes,
    *,
    source: str = "setup.xlsx",
    allow_removals: bool = False,
    dry_run: bool = False,
    now: dt.datetime | None = None,
) -> SetupOutcome:
    """Create or update the audit in `folder` from a set-up workbook's bytes (see the module docstring).

    `dry_run` says what would change without writing. Never raises on bad input: problems are returned."""
    root = Path(folder)
    path = root / MANIFEST
    outcome = SetupOutcome(root)
    existing: Manifest | None = None
    if root.exists() and not root.is_dir():
        outcome.problems.append(_problem(root, f"'{root}' is a file, not a folder", "Give a folder for the audit."))
        return outcome
    if path.is_file():
        existing, problems = load_manifest(BundleFiles(str(root), {MANIFEST: path.read_bytes()}))
        if existing is None:
            outcome.problems += problems
            outcome.problems.append(_problem(root, "audit.yaml cannot be read, so it was not changed",
                                             "Fix the problems above in audit.yaml, then run this again."))
            return outcome
    elif root.is_dir() and any(root.iterdir()):
        outcome.problems.append(_problem(root, "this folder already holds files but no audit.yaml",
                                         "Give a new or empty folder for the audit."))
        return outcome
    read = read_setup(data, file_label=source, existing=existing)
    outcome.problems += read.problems
    if read.document is None:
        return outcome
    yaml = _yaml()
    now = now or dt.datetime.now().replace(microsecond=0)
    if existing is None:
        doc = _new_document(read.document, source, now)
        outcome.changes = [Change("add", "audit", read.document["audit"]["id"])]
        outcome.changes += [Change("add", "agency", a["id"]) for a in read.document["agencies"]]
        outcome.changes += [Change("add", "case", c["id"]) for c in read.document["cases"]]
        outcome.created = True
        text = _dump(yaml, doc)
    else:
        try:
            original = path.read_text(encoding="utf-8-sig")
            doc = yaml.load(original)
        except (YAMLError, ValueError) as exc:
            outcome.problems.append(_problem(root, f"audit.yaml cannot be edited in place ({exc})",
                                             "Fix audit.yaml, then run this again."))
            return outcome
        text = _edit(original, doc, read.document, allow_removals, outcome)
    merged, problems = load_manifest(BundleFiles(str(root), {MANIFEST: text.encode("utf-8")}))
    if merged is None:  # e.g. removing an agency whose files are filed under submissions
        outcome.problems += problems
        outcome.problems.append(_problem(root, "audit.yaml would not be valid after these changes, so nothing "
                                         "was written", "Put back what the problems above name, or edit "
                                         "audit.yaml by hand."))
        outcome.changes = []
        return outcome
    if dry_run:
        return outcome
    private_dir(root, export=True)
    for name in FOLDERS:
        private_dir(root / name, export=True)
    if existing is None or any(c.action != "keep" for c in outcome.changes):
        _write(path, text)
        outcome.written = True
    return outcome
