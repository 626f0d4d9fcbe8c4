"""Which bundle the review opens on, and reading an upload: the configured bundle and as-of date (set by
`maca dashboard`), and an uploaded .zip or loose files placed where audit.yaml says they belong.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from checker.intake.bundle import BundleFiles, LoadedBundle, load_bundle, load_manifest
from checker.model.datafiles import SAMPLE_BUNDLE
from checker.model.errors import BundleError
from checker.model.private import private_dir, write_private

__all__ = ["ENV_BUNDLE", "ENV_AS_OF", "MAX_UPLOAD_MB", "configured_bundle", "configured_as_of", "load_upload"]

ENV_BUNDLE = "MACA_BUNDLE"
ENV_AS_OF = "MACA_AS_OF"


def configured_bundle() -> Path:
    """The bundle the dashboard opens on: $MACA_BUNDLE (set by `maca dashboard BUNDLE`), else the sample."""
    value = os.environ.get(ENV_BUNDLE)
    return Path(value) if value else SAMPLE_BUNDLE


def configured_as_of() -> dt.date | None:
    """$MACA_AS_OF (set by `maca dashboard --as-of`), else None (the manifest's meeting date)."""
    value = os.environ.get(ENV_AS_OF)
    return dt.date.fromisoformat(value) if value else None


MAX_UPLOAD_MB = 50
"""Largest upload the dashboard accepts (also `server.maxUploadSize` in .streamlit/config.toml)."""


def load_upload(files: Sequence[tuple[str, bytes]], workdir: Path) -> LoadedBundle:
    """Load an uploaded bundle: one .zip, or loose files placed where audit.yaml says they belong.

    Raises BundleError (too big, unsafe zip entry, nothing uploaded); everything else is a Problem."""
    total = sum(len(data) for _, data in files)
    if not files:
        raise BundleError("nothing was uploaded: choose a .zip, or audit.yaml and the agencies' files")
    if total > MAX_UPLOAD_MB * 2**20:
        raise BundleError(f"the upload is {total / 2**20:.1f} MB, more than the {MAX_UPLOAD_MB} MB limit")
    zips = [(n, d) for n, d in files if n.lower().endswith(".zip")]
    if zips:
        if len(files) > 1:
            raise BundleError("upload either one .zip or the loose files, not both")
        target = workdir / "upload.zip"
        write_private(target, zips[0][1], export=False)
        return load_bundle(target)
    loose: dict[str, bytes] = {}
    for name, data in files:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base in ("", ".", "..") or base.startswith("."):
            raise BundleError(f"'{name}' is not a file name the checker will accept")
        loose[base] = data
    placed = _place(loose)
    for name, data in placed.items():
        target = workdir / name
        private_dir(target.parent)
        write_private(target, data, export=False)
    return load_bundle(workdir)


def _place(loose: Mapping[str, bytes]) -> dict[str, bytes]:
    """Put loose uploaded files at the paths audit.yaml gives them (matched by file name)."""
    manifest_name = next((n for n in ("audit.yaml", "audit.yml") if n in loose), None)
    if manifest_name is None:
        return dict(loose)
    manifest, _ = load_manifest(BundleFiles("upload", {"audit.yaml": loose[manifest_name]}))
    if manifest is None:
        return dict(loose)
    sources = manifest.submissions
    wanted = [c.file for c in sources.chronologies] + [r.file for r in sources.returns]
    by_base = {PurePosixPath(w.replace("\\", "/")).name.casefold(): w for w in wanted}
    placed: dict[str, bytes] = {}
    for name, data in loose.items():
        path = by_base.get(name.casefold(), name)
        path = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
        if path.startswith("../") or path == "..":
            path = name
        placed[path] = data
    return placed
