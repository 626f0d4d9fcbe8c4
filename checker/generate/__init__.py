"""Synthetic sweep bundles at any size, with a ground truth: `maca generate --cases N --seed S OUT`.

Owns the invented partnership (agencies, households, first names), the generator's own phrasing of
chronology entries — written here, never taken from the checker's kind patterns or vocabulary, so a check of
a generated bundle does not mark its own homework — the planted risk patterns and their ground truth.

May import only `checker.model` (the manifest model, to validate what it writes) and the standard library
and PyYAML. Nothing in the checker imports it except the CLI command.

    >>> import tempfile; from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     truth = generate_bundle(Path(folder) / "sweep", cases=300, seed=7)
    >>> sorted(truth.must_fire)      # the rules it speaks for: checker/generate/truth.yaml
    ['antenatal-hv-missing', 'housing-absent-from-core-group', 'imminent-eviction']
"""

from checker.generate.sweep import GroundTruth, generate_bundle

__all__ = ["GroundTruth", "generate_bundle"]
