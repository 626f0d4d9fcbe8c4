"""Open a submission bundle (folder or .zip), read its manifest, and load every file it lists.

    bundle = load_bundle("samples/homelessness-2019.zip", today=date(2019, 3, 20))
    bundle.manifest      # None when audit.yaml cannot be read (bundle.problems says why)
    bundle.chronology    # every loaded entry, sorted by case, date, agency, entry_id
    bundle.counts        # one FileCounts per file read: read == loaded + rejected

Only `open_bundle` raises (`BundleError`: the path is not a folder or zip, an entry is unsafe, or the bundle is
too big); everything wrong *inside* the bundle is a `Problem`. A zip and the folder it was made from load the
same: names are bundle-relative POSIX paths, a single top-level folder is stepped into, and operating-system
litter (`.DS_Store`, `__MACOSX/`, `~$` lock files) is left out. `digest` hashes the names and bytes, so the
zip and the folder have the same digest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from checker.intake.chronology import Lookups
from checker.intake.combine import combine
from checker.intake.locate import locate
from checker.intake.parallel import Job, Pool, load_chronologies, parallel_workers, warm_pool
from checker.intake.returns import load_return
from checker.intake.template_read import is_template, load_template_return
from checker.intake.trim import give_back
from checker.intake.yamltext import read_document, validation_problems
from checker.model.audit import AuditReturn, Manifest
from checker.model.errors import BundleError
from checker.model.frame import empty_frame
from checker.model.problems import FileCounts, Problem

__all__ = [
    "BundleFiles",
    "LoadedBundle",
    "open_bundle",
    "load_manifest",
    "load_bundle",
    "MANIFEST",
    "MAX_BUNDLE_BYTES",
    "MAX_BUNDLE_FILES",
]

MANIFEST = "audit.yaml"
MAX_BUNDLE_BYTES = 1024 * 1024 * 1024
"""Total (uncompressed) size a bundle may have: a guard against zip bombs. A regional sweep of 100,000 cases
(about 4.5 million entries) is about 600 MB."""
MAX_BUNDLE_FILES = 10_000

_JUNK_NAMES = {"thumbs.db", "desktop.ini"}
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class BundleFiles:
    """The files of a bundle, by bundle-relative POSIX path."""

    source: str
    files: Mapping[str, bytes]

    def find(self, name: str) -> str | None:
        """The bundle's name for `name` as audit.yaml writes it: exact, then with `./` and `\\` tidied, then any case."""
        if name in self.files:
            return name
        tidy = posixpath.normpath(name.replace("\\", "/")).lstrip("/")
        if tidy in self.files:
            return tidy
        folded = [n for n in self.files if n.casefold() == tidy.casefold()]
        return folded[0] if len(folded) == 1 else None

    def digest(self) -> str:
        """sha256 over the sorted names and their bytes."""
        h = hashlib.sha256()
        for name in sorted(self.files):
            data = self.files[name]
            h.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big"))
            h.update(data)
        return h.hexdigest()


@dataclass(slots=True)
class LoadedBundle:
    """Everything read from a bundle, and everything wrong with it."""

    manifest: Manifest | None
    chronology: pd.DataFrame
    returns: list[AuditReturn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    counts: list[FileCounts] = field(default_factory=list)
    digest: str = ""
    partnership: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The partnership's overrides in force on this check (`checker.engine.overlay`), already merged into
    `manifest.parameters` under audit.yaml's own; empty when none applies."""

    @property
    def usable(self) -> bool:
        """Whether it can be checked: a readable manifest and some chronology or returns."""
        return self.manifest is not None and (not self.chronology.empty or bool(self.returns))


# --- opening --------------------------------------------------------------------------------------------


def _is_junk(name: str) -> bool:
    parts = name.split("/")
    base = parts[-1]
    return (
        any(p.startswith(".") or p == "__MACOSX" for p in parts)
        or base.startswith("~$")
        or base.casefold() in _JUNK_NAMES
    )


def _step_into_single_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    if not files or MANIFEST in files:
        return files
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        return {name.split("/", 1)[1]: data for name, data in files.items()}
    return files


def _check_size(total: int) -> None:
    if total > MAX_BUNDLE_BYTES:
        raise BundleError(
            f"the bundle is bigger than {MAX_BUNDLE_BYTES // 2**20} MB; the checker will not read it"
        )


def _add(files: dict[str, bytes], name: str, data: bytes, total: int) -> int:
    total += len(data)
    _check_size(total)
    if len(files) >= MAX_BUNDLE_FILES:
        raise BundleError(f"the bundle has more than {MAX_BUNDLE_FILES} files; the checker will not read it")
    files[name] = data
    return total


def _read_folder(root: Path) -> dict[str, bytes]:
    real_root = root.resolve()
    files: dict[str, bytes] = {}
    total = 0
    seen: set[Path] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        if folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        for entry in sorted(folder.iterdir()):
            name = entry.relative_to(root).as_posix()
            if _is_junk(name):
                continue
            if not entry.resolve().is_relative_to(real_root):
                raise BundleError(f"'{name}' is a link to outside the bundle; the checker will not follow it")
            if entry.is_dir():
                stack.append(entry)
            elif entry.is_file():
                _check_size(total + entry.stat().st_size)  # before reading: a 3 GB file is never loaded
                total = _add(files, name, entry.read_bytes(), total)
    return files


def _zip_name(info: zipfile.ZipInfo) -> str:
    raw = info.filename.replace("\\", "/")
    if raw.startswith("/") or _DRIVE.match(raw) or ".." in raw.split("/"):
        raise BundleError(f"the zip entry '{info.filename}' points outside the bundle; the zip is refused")
    return posixpath.normpath(raw)


def _read_zip(path: Path) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(f"'{path.name}' is not a zip file the checker can open ({exc})") from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir() and not _is_junk(_zip_name(i))]
        declared = sum(i.file_size for i in infos)
        if declared > MAX_BUNDLE_BYTES:
            raise BundleError(
                f"the zip would unpack to {declared // 2**20} MB, more than {MAX_BUNDLE_BYTES // 2**20} MB; refused"
            )
        files: dict[str, bytes] = {}
        links: dict[str, str] = {}
        total = 0
        try:
            for info in infos:
                name = _zip_name(info)
                data = archive.read(info)
                if stat.S_ISLNK(info.external_attr >> 16):
                    target = data.decode("utf-8", "replace")
                    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
                    if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
                        raise BundleError(
                            f"the zip entry '{name}' is a link to outside the bundle; the zip is refused"
                        )
                    links[name] = resolved
                    continue
                total = _add(files, name, data, total)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            raise BundleError(f"'{path.name}' is damaged or encrypted ({exc})") from exc
        for name, target in links.items():
            if target in files:
                total = _add(files, name, files[target], total)
    return files


def open_bundle(path: str | os.PathLike[str]) -> BundleFiles:
    """Read every file of a bundle folder or .zip into memory; raise `BundleError` if that is unsafe or impossible."""
    where = Path(path)
    if where.is_dir():
        files = _read_folder(where)
    elif where.is_file():
        files = _read_zip(where)
    else:
        raise BundleError(f"'{where}' is neither a folder nor a zip file")
    return BundleFiles(source=str(where), files=_step_into_single_folder(files))


# --- manifest -------------------------------------------------------------------------------------------


def load_manifest(files: BundleFiles) -> tuple[Manifest | None, list[Problem]]:
    """Read and validate audit.yaml; (None, problems) if it is missing or invalid — never raises."""
    name = files.find(MANIFEST) or files.find("audit.yml")
    if name is None:
        return None, [
            Problem(
                "error",
                MANIFEST,
                "the bundle has no audit.yaml at its top level, so nothing can be checked",
                hint="Add audit.yaml (see docs/bundle-format.md) next to the chronologies and returns folders.",
                code="manifest-missing",
            )
        ]
    doc, problems = read_document(files.files[name], file_label=name)
    if problems:
        return None, problems
    if not isinstance(doc, dict):
        return None, [
            Problem(
                "error",
                name,
                "audit.yaml must be a set of sections (audit:, agencies:, cases:, submissions:)",
                hint="See docs/bundle-format.md for an example.",
                code="document-shape",
            )
        ]
    try:
        return Manifest.model_validate(doc), []
    except ValidationError as exc:
        return None, validation_problems(exc, file_label=name)


# --- loading --------------------------------------------------------------------------------------------


def load_bundle(path: str | os.PathLike[str], *, today: dt.date | None = None,
                progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> LoadedBundle:
    """Open a bundle and load its manifest, chronologies and returns; `today` (default: today) dates 'future'.
    `progress(done, total)` is told how many of the listed files are read, after each one.
    `workers`: processes reading the chronology files when they hold `checker.intake.parallel.PARALLEL_BYTES` or
    more (default: every core); below that, or with 1, they are read in this process. The result is the same.

    The cyclic garbage collector is paused meanwhile: loading makes millions of lists (one per CSV record) and
    no cycles, and each full collection would walk every one of them again (load time grew faster than the
    bundle). Everything is still freed by reference counting; the collector resumes when loading ends.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_bundle(path, today, progress, workers)
    finally:
        if paused:
            gc.enable()


def _load_bundle(path: str | os.PathLike[str], today: dt.date | None,
                 progress: Callable[[int, int], None] | None, workers: int | None) -> LoadedBundle:
    files = open_bundle(path)
    manifest_name = files.find(MANIFEST) or files.find("audit.yml")
    # workers start while audit.yaml is read, when the other files are big enough that they may be needed
    pool = warm_pool([len(d) for n, d in files.files.items() if n != manifest_name], workers)
    try:
        return _load_files(files, today, progress, workers, pool)
    finally:
        if pool is not None:
            pool.close(wait=False)


def _load_files(files: BundleFiles, today: dt.date | None, progress: Callable[[int, int], None] | None,
                workers: int | None, pool: Pool | None) -> LoadedBundle:
    manifest, problems = load_manifest(files)
    give_back()  # the YAML read (hundreds of MB for a regional sweep's cases) leaves the process
    bundle = LoadedBundle(manifest, empty_frame(), problems=problems, digest=files.digest())
    if manifest is None:
        return bundle
    today = today or dt.date.today()
    if not manifest.submissions.chronologies and not manifest.submissions.returns:
        bundle.problems.append(
            Problem(
                "error",
                files.find(MANIFEST) or files.find("audit.yml") or MANIFEST,
                "audit.yaml lists no files under `submissions:` (neither chronologies nor returns), "
                "so there is nothing to check",
                hint="List each agency's file under submissions.chronologies or submissions.returns "
                "(see docs/bundle-format.md).",
                column="submissions",
                code="submissions-empty",
            )
        )
    read: set[str] = set()
    seen: set[tuple[str, ...]] = set()  # one file may hold a chronology and several cases' returns (a template)
    frames = []
    lookups = Lookups(manifest)
    as_returns = {files.find(r.file) for r in manifest.submissions.returns}
    listed = len(manifest.submissions.chronologies) + len(manifest.submissions.returns)
    done = 0

    def tick() -> None:
        nonlocal done
        if progress is not None:
            progress(done := done + 1, listed)

    located: list[tuple[list[Problem], int | None]] = []  # per listed chronology: problems finding it, its job
    jobs: list[Job] = []
    for chronology_source in manifest.submissions.chronologies:
        found: list[Problem] = []
        if (name := locate(files.find, chronology_source.file, read, found, seen, "chronology")) is not None:
            located.append((found, len(jobs)))
            jobs.append(Job(name, chronology_source, files.files[name]))
            if name not in as_returns and isinstance(files.files, dict):
                files.files[name] = b""  # its bytes are let go once loaded (hundreds of MB in a regional sweep)
        else:
            located.append((found, None))
            tick()
    count = parallel_workers(sum(len(j.data) for j in jobs), workers, len(jobs))
    loads = load_chronologies(jobs, manifest, lookups, today=today, workers=count, pool=pool if count > 1 else None,
                              done=lambda i, _load: _let_go(jobs, i, tick))
    for found, job in located:
        bundle.problems.extend(found)
        if job is not None:
            frames.append(loads[job].frame)
            bundle.problems.extend(loads[job].problems)
            bundle.counts.append(loads[job].counts)
    del loads
    for return_source in manifest.submissions.returns:
        key = ("return", return_source.case or "")
        if (name := locate(files.find, return_source.file, read, bundle.problems, seen, *key)) is not None:
            data = files.files[name]
            load = load_template_return if is_template(data) else load_return  # a returned template: one case
            returned = load(data, return_source, manifest, file_label=name)
            if returned.audit_return is not None:
                bundle.returns.append(returned.audit_return)
            bundle.problems.extend(returned.problems)
            bundle.counts.append(returned.counts)
        if progress is not None:
            progress(done := done + 1, listed)
    manifest_name = files.find(MANIFEST) or files.find("audit.yml")
    superseded = {r.file: r.superseded_by for r in manifest.intake if r.status == "superseded"}
    for name in sorted(set(files.files) - read - {manifest_name}):
        if name in superseded:
            bundle.problems.append(
                Problem("info", name, f"an earlier version, superseded by {superseded[name]}; not read",
                        code="file-superseded")
            )
            continue
        bundle.problems.append(
            Problem(
                "warning",
                name,
                "this file is in the bundle but audit.yaml does not list it, so it was not read",
                hint="List it under submissions in audit.yaml, or remove it from the bundle.",
                code="file-unlisted",
            )
        )
    bundle.chronology = combine(frames, bundle.problems)
    if sent := {r.file: r.sent_as for r in manifest.intake if r.sent_as}:  # a filed file, as the agency sent it
        bundle.problems[:] = [dataclasses.replace(p, file=f"“{sent[p.file]}” (filed as {p.file})")
                              if p.file in sent else p for p in bundle.problems]
    return bundle


def _let_go(jobs: list[Job], i: int, tick: Callable[[], None]) -> None:
    """A chronology file is loaded: its bytes are let go (the bundle's copy already was, unless a return reads it)."""
    jobs[i] = dataclasses.replace(jobs[i], data=b"")
    give_back()
    tick()
