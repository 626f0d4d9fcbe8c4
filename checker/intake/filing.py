"""File agencies' returned files into a bundle folder and record them in its audit.yaml, from their stamp.

    report = file_returns("audits/homelessness", [("HV return (2).docx", data)], received=date(2019, 3, 8))
    for outcome in report.outcomes:
        print(outcome.line())

A stamped template (`checker.intake.template_stamp`) says its audit, agency and cases; a YAML or JSON return
says its agency and case in its fields. Any other file needs to be told (`agency=`, `case=`): without that
it is not filed and the outcome says what to ask. A file for another audit is refused.

Each file is read before it is filed (`checker.intake.contents`): one that yields no chronology entry and no
audit answer is refused with the reason, and a template sent back with nothing filled in is "returned
blank"; neither is filed. A newer file from the same agency for the same case (received later, else filed
later: `checker.intake.supersede`) replaces the older one's return (and its chronology, when it covers the
same cases) under `submissions`; the older stays in the folder and the `intake:` register, marked
`superseded`. Filing the same bytes again changes nothing. `remove_filed` takes a filed file out again.

audit.yaml is edited as a round trip (ruamel.yaml): only the `submissions:` and `intake:` sections are
rewritten, so every other line, comment and key order stays exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from xml.etree import ElementTree

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from checker.intake.bundle import MANIFEST, BundleFiles, load_manifest
from checker.intake.chronology import agency_lookup, case_lookup
from checker.intake.contents import Contents, read_contents
from checker.intake.package import package_refusal
from checker.intake.supersede import Use, in_use, newest_first
from checker.intake.template_stamp import file_format, read_stamp
from checker.intake.yamltext import read_document
from checker.model.audit import IntakeRecord, Manifest
from checker.model.errors import BundleError
from checker.model.private import private_dir, write_private
from checker.model.problems import clip
from checker.model.templates import CHRONOLOGY_SHEET

__all__ = ["Outcome", "IntakeReport", "file_returns", "remove_filed", "filed_files", "MAX_INTAKE_BYTES"]

MAX_INTAKE_BYTES = 50 * 1024 * 1024
"""A returned file bigger than this is refused."""

Status = Literal["filed", "filed-older", "unchanged", "needs-agency", "refused", "returned-blank", "removed",
                 "not-filed"]
Kind = Literal["template", "return", "chronology"]
_CORE_NS = {"dcterms": "http://purl.org/dc/terms/"}


@dataclass(slots=True)
class Outcome:
    """What became of one file."""

    name: str
    status: Status
    message: str
    file: str | None = None
    agency: str | None = None
    cases: list[str] = field(default_factory=list)

    def line(self) -> str:
        where = f" -> {self.file}" if self.file and self.file != self.name else ""
        return f"{self.status.upper()}: {self.name}{where}: {self.message}"


@dataclass(slots=True)
class IntakeReport:
    outcomes: list[Outcome] = field(default_factory=list)
    changed: bool = False

    def needs(self) -> list[Outcome]:
        """Files the user must say more about (agency, case) before they can be filed."""
        return [o for o in self.outcomes if o.status == "needs-agency"]


@dataclass(slots=True)
class _Identified:
    kind: Kind
    agency: str
    cases: list[str]
    fmt: str
    saved: dt.datetime | None


def _saved(data: bytes) -> dt.datetime | None:
    """When an Office file was last saved (docProps/core.xml), or None."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 1024 * 1024:
                return None
            root = ElementTree.fromstring(archive.read(info))
        node = root.find("dcterms:modified", _CORE_NS)
        if node is None or not node.text:
            return None
        return dt.datetime.fromisoformat(node.text.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, ValueError, ElementTree.ParseError):
        return None


def _identify(name: str, data: bytes, manifest: Manifest, agency: str | None, case: str | None,
              ) -> _Identified | Outcome:
    fmt = file_format(data)
    saved = _saved(data)
    agencies, cases = agency_lookup(manifest), case_lookup(manifest)
    stamp = read_stamp(data)
    if stamp is not None:
        if stamp.audit != manifest.audit.id:
            return Outcome(name, "refused", f"this template is for audit '{clip(stamp.audit)}', not this bundle's "
                           f"('{manifest.audit.id}'); it was not filed. File it into that audit's bundle.")
        if stamp.agency not in {a.id for a in manifest.agencies}:
            return Outcome(name, "refused", f"its agency '{clip(stamp.agency)}' is not in audit.yaml; not filed")
        known = [c for c in stamp.cases if c in {x.id for x in manifest.cases}]
        if not known:
            return Outcome(name, "refused", "none of its cases is in audit.yaml any more; not filed")
        return _Identified("template", stamp.agency, known, fmt, saved)
    if fmt == "other" and name.lower().endswith((".yaml", ".yml", ".json")):
        doc, problems = read_document(data, file_label=name)
        if not problems and isinstance(doc, dict):
            found_agency = agencies.get(" ".join(str(doc.get("agency", "")).casefold().split()))
            found_case = cases.get(" ".join(str(doc.get("case", "")).casefold().split()))
            if found_agency and found_case:
                return _Identified("return", found_agency, [found_case], "yaml", saved)
        if agency is None:
            return Outcome(name, "needs-agency", "this return does not name an agency and case that audit.yaml "
                           "knows: say which agency and case it is for")
        return _given("return", name, fmt, saved, manifest, agency, case)
    if agency is None:
        return Outcome(name, "needs-agency", "this file has no template stamp (it was not made by maca "
                       "templates, or was copied into a new file): say which agency, and which case if it is "
                       "for one case, it is for")
    kind: Kind = "return" if fmt == "xlsx" and _looks_like_return(data) else "chronology"
    return _given(kind, name, fmt, saved, manifest, agency, case)


def _looks_like_return(data: bytes) -> bool:
    from checker.intake.headers import resolve_header, returns_lookup
    from checker.intake.tables import read_table

    lookup = returns_lookup()
    table = read_table(data, file_label="", is_header=lambda c: resolve_header(c, lookup) is not None)
    return table.readable and any(resolve_header(h, lookup) == "question" for h in table.header)


def _given(kind: Kind, name: str, fmt: str, saved: dt.datetime | None, manifest: Manifest, agency: str,
           case: str | None) -> _Identified | Outcome:
    agency_id = agency_lookup(manifest).get(" ".join(agency.casefold().split()))
    if agency_id is None:
        return Outcome(name, "needs-agency", f"there is no agency '{clip(agency)}' in audit.yaml")
    case_id = case_lookup(manifest).get(" ".join(case.casefold().split())) if case else None
    if case and case_id is None:
        return Outcome(name, "needs-agency", f"there is no case '{clip(case)}' in audit.yaml")
    if kind == "return" and case_id is None:
        return Outcome(name, "needs-agency", "an audit return is for one case: say which case")
    return _Identified(kind, agency_id, [case_id] if case_id else [], fmt, saved)


def _extension(name: str, fmt: str) -> str:
    if fmt in ("xlsx", "docx"):
        return f".{fmt}"
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return suffix if suffix in (".csv", ".yaml", ".yml", ".json", ".txt", ".tsv") else ".dat"


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=2, offset=0)
    y.representer.ignore_aliases = lambda *_: True  # a date used twice is written twice, not as &id001
    return y


def _flow(**values: Any) -> CommentedMap:
    item = CommentedMap((k, v) for k, v in values.items() if v is not None)
    item.fa.set_flow_style()
    return item


def _split_tail(lines: list[str]) -> tuple[list[str], list[str]]:
    """(lines, the blank and comment lines they end with)."""
    i = len(lines)
    while i > 0 and (not lines[i - 1].strip() or lines[i - 1].lstrip().startswith("#")):
        i -= 1
    return lines[:i], lines[i:]


class _Manifest:
    """audit.yaml as a ruamel round-trip document; only `submissions` and `intake` are ever rewritten."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8-sig")
        self.yaml = _yaml()
        self.doc = self.yaml.load(self.text)
        if not isinstance(self.doc, CommentedMap):
            raise BundleError(f"{path.name} is not a set of sections; fix it before filing returns")
        subs = self.doc.setdefault("submissions", CommentedMap())
        subs.setdefault("chronologies", CommentedSeq())
        subs.setdefault("returns", CommentedSeq())
        self.intake = self.doc.setdefault("intake", CommentedSeq())
        self.unfiled: list[str] = []  # files taken out: their submissions entries go too

    def save(self) -> None:
        lines = self.text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        starts = {k: self.doc.lc.key(k)[0] for k in self.doc if k in self._original_keys()}
        length = len(lines)
        for key in sorted(("submissions", "intake"), key=lambda k: -starts.get(k, len(lines) + 1)):
            out = io.StringIO()
            self.yaml.dump(CommentedMap([(key, self.doc[key])]), out)
            if key in starts:
                begin = starts[key]
                later = [line for k, line in starts.items() if line > begin]
                end = min(later) if later else length
                # blank and comment lines closing the section belong to what follows: keep them as written
                _, tail = _split_tail(lines[begin:end])
                body, _ = _split_tail(out.getvalue().splitlines(keepends=True))
                lines[begin:end] = body + tail
            else:
                lines.append(out.getvalue())
        tmp = self.path.with_suffix(".yaml.tmp")
        tmp.write_text("".join(lines), encoding="utf-8")
        os.replace(tmp, self.path)

    def _original_keys(self) -> set[str]:
        original = self.yaml.load(self.text)
        return set(original) if isinstance(original, dict) else set()


def file_returns(
    bundle: str | os.PathLike[str],
    files: Sequence[tuple[str, bytes]],
    *,
    received: dt.date | None = None,
    agency: str | None = None,
    case: str | None = None,
) -> IntakeReport:
    """File each (name, bytes) into the bundle folder and audit.yaml; `agency`/`case` identify unstamped files.

    Raises BundleError only when the bundle itself cannot take files (not a folder, no readable audit.yaml)."""
    root = Path(bundle)
    if not root.is_dir():
        raise BundleError(f"'{root}' is not a bundle folder; returns can only be filed into a folder")
    path = root / MANIFEST
    if not path.is_file():
        raise BundleError(f"'{root}' has no {MANIFEST}; create it (see docs/bundle-format.md) before filing returns")
    manifest, problems = load_manifest(BundleFiles(str(root), {MANIFEST: path.read_bytes()}))
    if manifest is None:
        raise BundleError(f"{MANIFEST} cannot be read, so nothing was filed: " + "; ".join(p.line() for p in problems[:3]))
    received = received or dt.date.today()
    doc = _Manifest(path)
    report = IntakeReport()
    records = [IntakeRecord.model_validate(dict(r)) for r in doc.intake]
    for name, data in sorted(files, key=lambda f: hashlib.sha256(f[1]).hexdigest()):
        report.outcomes.append(_file_one(root, doc, manifest, records, name, data, received, agency, case, report))
    report.outcomes.sort(key=lambda o: [n for n, _ in files].index(o.name))
    if report.changed:
        doc.save()
    return report


def _file_one(root: Path, doc: _Manifest, manifest: Manifest, records: list[IntakeRecord], name: str,
              data: bytes, received: dt.date, agency: str | None, case: str | None,
              report: IntakeReport) -> Outcome:
    if len(data) > MAX_INTAKE_BYTES:
        return Outcome(name, "refused", f"the file is over {MAX_INTAKE_BYTES // 2**20} MB; not filed")
    if not data.strip():
        return Outcome(name, "refused", "the file is empty; ask the agency to send it again")
    digest = hashlib.sha256(data).hexdigest()
    same = next((r for r in records if r.sha256 == digest), None)
    if same is not None:
        return Outcome(name, "unchanged", f"already filed on {same.received:%d/%m/%Y}; nothing changed",
                       file=same.file, agency=same.agency, cases=list(same.cases))
    unreadable = _unreadable(name, data)
    if unreadable is not None:
        return unreadable
    found = _identify(name, data, manifest, agency, case)
    if isinstance(found, Outcome):
        return found
    contents = _read_first(name, data, found, manifest, received)
    if isinstance(contents, Outcome):
        return contents
    folder = "chronologies" if found.kind == "chronology" else "returns"
    stored = f"{folder}/{found.agency}-{found.kind}-{digest[:10]}{_extension(name, found.fmt)}"
    private_dir(root / folder)
    write_private(root / stored, data, export=False)  # an agency's records: private, --share or not
    sent_as = PurePosixPath(name.replace("\\", "/")).name or None
    record = IntakeRecord(file=stored, sent_as=sent_as, sha256=digest, kind=found.kind, agency=found.agency, cases=found.cases,
                          received=received, saved=found.saved, rows=contents.rows,
                          answered=contents.answered if found.kind != "chronology" else None)
    records.append(record)
    use = _write_submissions(doc, records)
    report.changed = True
    ours = {r.file for r in records}
    by_hand = sorted({r.file for r in manifest.submissions.returns if r.agency == found.agency
                      and r.case in found.cases and r.file not in ours} if found.kind != "chronology" else set())
    names = ", ".join(found.cases) if found.cases else "its cases (from its Case column)"
    what = {"template": "template (audit tool and chronology)", "return": "audit return",
            "chronology": "chronology"}[found.kind]
    message = f"{what} from {found.agency} for {names}; received {received:%d/%m/%Y}" + _read_text(contents)
    if found.kind != "chronology" and (blank := [c for c in found.cases if c not in contents.answered]):
        message += f"; the audit tool for {', '.join(blank)} was left blank, so no return is filed for it"
    message += _replacing_text(record, records, use)
    if by_hand:
        message += (f"; audit.yaml also lists {', '.join(by_hand)} from {found.agency} for the same case(s), "
                    "entered by hand: both are read, so remove the entry that is not wanted")
    return Outcome(name, "filed-older" if use.superseded(stored) else "filed", message, file=stored,
                   agency=found.agency, cases=list(found.cases))


def _unreadable(name: str, data: bytes) -> Outcome | None:
    """An Office file the readers would refuse (a part too big unpacked: a compressed bomb; macros) is refused
    before it is filed, with the readers' own words (`checker.intake.package`)."""
    refusal = package_refusal(data)
    if refusal is None:
        return None
    return Outcome(name, "refused", f"{refusal.message}; not filed. {refusal.hint}")


def _read_first(name: str, data: bytes, found: _Identified, manifest: Manifest,
                received: dt.date) -> Contents | Outcome:
    """What the file yields, read as it will be once filed; an Outcome instead when it yields nothing."""
    contents = read_contents(data, kind=found.kind, fmt=found.fmt, agency=found.agency, cases=found.cases,
                             manifest=manifest, file_label=name, today=received)
    if not contents.empty:
        return contents
    if found.kind == "template" and contents.untouched:
        return Outcome(name, "returned-blank", f"this is the template sent to {found.agency} with nothing filled "
                       "in (no chronology entry, no answer), so it does not count as received and was not filed. "
                       "Ask the agency to fill it in and send it back.", agency=found.agency,
                       cases=list(found.cases))
    why = f" ({contents.reason})" if contents.reason else ""
    return Outcome(name, "refused", f"nothing in it could be read as a chronology entry or an audit answer{why}, "
                   "so it was not filed. Check it is the file the agency meant to send; if it is, ask them to "
                   "correct it and send it again.", agency=found.agency, cases=list(found.cases))


def _read_text(contents: Contents) -> str:
    entries = f"{contents.rows:,} chronology entr{'y' if contents.rows == 1 else 'ies'}"
    if not contents.answered:
        return f"; {entries} read"
    answered = f"the audit return for {', '.join(contents.answered)}"
    return f"; {entries} and {answered} read" if contents.rows else f"; {answered} read (no chronology entries)"


def _replacing_text(record: IntakeRecord, records: list[IntakeRecord], use: Use) -> str:
    """What the new file replaced, or what replaces it (it was received on an earlier day than another)."""
    text = ""
    for other in records:
        parts = [p for p, by in use.replaced.get(other.file, {}).items() if by == record.file]
        if parts and other is not record:
            kept = "kept, no longer read" if use.superseded(other.file) else "kept, the rest of it still read"
            text += f"; replaces {_parts(parts)} of the earlier {other.file} ({kept})"
    mine = use.replaced.get(record.file, {})
    for by in dict.fromkeys(mine.values()):
        parts = [p for p, b in mine.items() if b == by]
        text += f"; {_parts(parts)} older than {by}'s, which stay(s) in use (both kept)"
    return text


def _parts(parts: list[str]) -> str:
    cases = [p for p in parts if p != "chronology"]
    named = (["its chronology"] if "chronology" in parts else []) + \
        ([f"its audit return for {', '.join(cases)}"] if cases else [])
    return " and ".join(named)


def _write_submissions(doc: _Manifest, records: list[IntakeRecord]) -> Use:
    """Make audit.yaml's submissions and intake register agree with `records` (the newest part of each in use)."""
    use = in_use(records)
    for r in records:
        if use.superseded(r.file):
            r.status, r.superseded_by = "superseded", max(use.replaced[r.file].values(), key=_order(records))
        else:
            r.status, r.superseded_by = "used", None
    subs = doc.doc["submissions"]
    filed = {r.file for r in records} | set(doc.unfiled)
    for kind in ("chronologies", "returns"):
        seq = subs[kind]
        for i in reversed(range(len(seq))):
            if isinstance(seq[i], dict) and seq[i].get("file") in filed:
                del seq[i]
    for r in records:
        if use.chronology.get(r.file):
            single = r.cases[0] if len(r.cases) == 1 else None
            sheet = CHRONOLOGY_SHEET if r.kind == "template" and r.file.endswith(".xlsx") else None
            subs["chronologies"].append(_flow(file=r.file, agency=r.agency, case=single, sheet=sheet,
                                              submitted=use.first[r.file, "chronology"]))
        for case in use.returns.get(r.file, []):
            subs["returns"].append(_flow(file=r.file, agency=r.agency, case=case, submitted=use.first[r.file, case]))
    del doc.intake[:]
    for r in records:
        doc.intake.append(_flow(**r.model_dump(exclude_defaults=True, exclude={"status"}), status=r.status))
    return use


def _order(records: list[IntakeRecord]) -> Callable[[str], int]:
    """Sort key: a file's place in the register newest first, inverted (the newest file sorts highest)."""
    newest = [r.file for r in reversed(newest_first(records))]
    return newest.index


def filed_files(bundle: str | os.PathLike[str]) -> list[IntakeRecord]:
    """The `intake:` register of the bundle folder, each record's status as last filed."""
    path = Path(bundle) / MANIFEST
    if not path.is_file():
        return []
    manifest, _ = load_manifest(BundleFiles(str(bundle), {MANIFEST: path.read_bytes()}))
    return list(manifest.intake) if manifest is not None else []


def remove_filed(bundle: str | os.PathLike[str], file: str) -> Outcome:
    """Un-file `file` (its path in the bundle, as the register writes it, or its file name): delete it from the
    folder, drop its entries from `submissions:` and the register; an older version it replaced is read again.

    Returns a "not-filed" outcome, changing nothing, when no filed file has that name."""
    root = Path(bundle)
    path = root / MANIFEST
    if not path.is_file():
        raise BundleError(f"'{root}' has no {MANIFEST}, so nothing has been filed into it")
    doc = _Manifest(path)
    records = [IntakeRecord.model_validate(dict(r)) for r in doc.intake]
    wanted = file.replace("\\", "/").strip()
    match = [r for r in records if r.file == wanted or PurePosixPath(r.file).name == PurePosixPath(wanted).name]
    if len(match) != 1:
        listed = ", ".join(r.file for r in records) or "none yet"
        subs = doc.doc["submissions"]
        by_hand = any(isinstance(e, dict) and e.get("file") == wanted for k in ("chronologies", "returns")
                      for e in subs[k])
        why = (f"'{clip(file)}' is listed in audit.yaml by hand, not filed by maca intake: delete its lines under "
               "submissions: in audit.yaml" if by_hand else
               f"no file filed into {root.name} is called '{clip(file)}'")
        return Outcome(file, "not-filed", f"{why}, so nothing was removed. To un-file a filed file, give the name "
                       f"shown as 'Filed as' (filed files: {listed}).")
    gone = match[0]
    before = in_use(records).replaced
    records.remove(gone)
    doc.unfiled.append(gone.file)
    _write_submissions(doc, records)
    doc.save()
    (root / gone.file).unlink(missing_ok=True)
    message = (f"{gone.kind} from {gone.agency} received {gone.received:%d/%m/%Y} taken out: deleted from the "
               "folder and from audit.yaml (the copy you were sent is untouched)")
    for other in records:
        parts = [p for p, by in before.get(other.file, {}).items() if by == gone.file]
        if parts:
            message += f"; {_parts(parts)} of the earlier {other.file} is read again"
    return Outcome(file, "removed", message, file=gone.file, agency=gone.agency, cases=list(gone.cases))
