"""The golden output: `maca check`'s JSON, byte for byte, on the two samples, a generated 1,000-case sweep and
(digests only) the independent evaluation audits, kept in tests/data/golden/ for tests/test_golden.py.

A change meant to be invisible (speed, memory, refactoring) must leave every byte of it alone; a deliberate
detection change regenerates it with this script and says so in its commit:

    python bench/golden.py            # rewrite tests/data/golden/ from this checkout
    python bench/golden.py --check    # compare only: exit 1 naming what differs

Samples and the generated sweep are synthetic and their JSON is committed (xz-compressed). The evaluation
audits (MACA_EVAL_DIR, else ../shared/eval beside the checkout; skipped when neither exists) live outside the
repository: only the SHA-256 of each one's JSON is written (eval.sha256), never the output itself.
"""

from __future__ import annotations

import argparse
import hashlib
import lzma
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
SAMPLES = ("homelessness", "good-practice")
SWEEP_CASES, SWEEP_SEED = 1000, 1000  # the seed bench/scale.py uses for a 1,000-case sweep


def eval_dir() -> Path:
    named = os.environ.get("MACA_EVAL_DIR")
    return Path(named) if named else ROOT / ".." / "shared" / "eval"


def eval_names() -> list[str]:
    return sorted(p.parent.name for p in eval_dir().glob("*/audit.yaml"))


def check_json(folder: Path) -> bytes:
    """The JSON `maca check FOLDER --json FILE --workers 1` writes (as of the meeting date in audit.yaml)."""
    from checker.check.stream import STREAM_CASES, check_bundle
    from checker.intake.bundle import load_bundle

    bundle = load_bundle(folder)
    cases = len(bundle.manifest.cases) if bundle.manifest else 0
    with tempfile.TemporaryDirectory(prefix="maca-golden-") as tmp:
        out = Path(tmp) / "result.json"
        check_bundle(bundle, workers=1, json_path=out, keep=cases < STREAM_CASES, chronology=False)
        return out.read_bytes()


def sweep_json() -> bytes:
    from checker.generate import generate_bundle

    with tempfile.TemporaryDirectory(prefix="maca-golden-sweep-") as tmp:
        folder = Path(tmp) / "sweep"
        generate_bundle(folder, cases=SWEEP_CASES, seed=SWEEP_SEED)
        return check_json(folder)


def committed() -> Iterator[tuple[str, Path]]:
    """(name, golden file) for each committed output."""
    for name in SAMPLES:
        yield name, GOLDEN / f"{name}.json.xz"
    yield "sweep1000", GOLDEN / "sweep1000.json.xz"


def produce(name: str) -> bytes:
    return sweep_json() if name == "sweep1000" else check_json(ROOT / "samples" / name)


def read_golden(path: Path) -> bytes:
    return lzma.decompress(path.read_bytes())


def read_digests() -> dict[str, str]:
    path = GOLDEN / "eval.sha256"
    if not path.exists():
        return {}
    pairs = (line.split() for line in path.read_text(encoding="ascii").splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def first_difference(old: bytes, new: bytes) -> str:
    """Where two outputs part: the byte offset and a little text either side (synthetic data only)."""
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    lo = max(0, at - 120)
    return (f"first difference at byte {at} of {len(old)} (golden) / {len(new)} (now):\n"
            f"  golden: {old[lo:at + 120].decode('utf-8', 'replace')!r}\n"
            f"  now:    {new[lo:at + 120].decode('utf-8', 'replace')!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Compare with the committed golden; write nothing.")
    args = parser.parse_args()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, path in committed():
        now = produce(name)
        if args.check:
            same = path.exists() and read_golden(path) == now
            failed |= not same
            print(f"{name}: {'same' if same else 'DIFFERENT'}")
        else:
            path.write_bytes(lzma.compress(now, preset=9 | lzma.PRESET_EXTREME))
            print(f"{name}: {len(now):,} bytes -> {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    names = eval_names()
    if not names:
        print(f"evaluation audits: none in {eval_dir().resolve()}; digests left as they are")
        return int(failed)
    digests = {name: hashlib.sha256(check_json(eval_dir() / name)).hexdigest() for name in names}
    if args.check:
        old = read_digests()
        for name, digest in digests.items():
            same = old.get(name) == digest
            failed |= not same
            print(f"eval {name}: {'same' if same else 'DIFFERENT'}")
    else:
        lines = "".join(f"{digest}  {name}\n" for name, digest in digests.items())
        (GOLDEN / "eval.sha256").write_text(lines, encoding="ascii")
        print(f"evaluation audits {', '.join(names)}: digests -> tests/data/golden/eval.sha256")
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
