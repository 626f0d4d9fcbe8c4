"""Mutation testing: plant one small bug at a time in the code the partnership acts on and see whether a test
goes red. Not in CI (too slow); run by hand before a release and after each detection change (docs/testing.md).

    nice python bench/mutation.py                          # every mutant of every package (hours on 2 cores)
    nice python bench/mutation.py --sample 40 --seed 1     # 40 mutants per package, the same 40 every run
    nice python bench/mutation.py --package model --json out.json
    nice python bench/mutation.py --package model --rerun out.json   # only its survivors, after adding tests

Each mutant changes one operator or constant (`<` → `<=`, `==` → `!=`, `and` → `or`, `not x` → `x`,
`+` → `-`, `n` → `n + 1`, `True` → `False`) in one module of a scratch copy of the checkout, then runs that
package's tests there (`pytest -x`, stopping at the first failure, with a per-mutant timeout). A mutant is
killed when a test fails (or the run times out), survives when every test passes. The working tree is never
touched. The kill rate per package and every surviving mutant (file, line, change) are printed at the end.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Package -> (its modules, the tests that speak for it: fastest and most pointed first, since -x stops early).
PACKAGES: dict[str, tuple[list[str], list[str]]] = {
    "facts": (
        ["checker/facts/*.py"],
        ["tests/facts", "tests/rules/test_examples.py", "tests/rules/test_rulerun.py",
         "tests/referrals/test_referrals_boundaries.py", "tests/rules/test_contracts.py"],
    ),
    "model": (
        ["checker/model/dates.py", "checker/model/counting.py"],
        ["tests/intake/test_date_boundaries.py", "tests/test_counting.py", "tests/test_workdays.py",
         "tests/intake/test_import_chronology.py", "tests/intake/test_import_fastpaths.py", "tests/facts"],
    ),
    "quality": (
        ["checker/outputs/quality/*.py"],
        ["tests/quality", "tests/rules/test_examples.py"],
    ),
    "referrals": (
        ["checker/outputs/referrals/*.py"],
        ["tests/referrals", "tests/scale/test_partition.py"],
    ),
}

_COMPARE_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
           ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-", ast.And: "and",
           ast.Or: "or"}


@dataclass(frozen=True)
class Mutant:
    file: str
    index: int  # which mutation site of the file, in ast.walk order
    line: int
    change: str


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed | survived | timeout | error
    seconds: float


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _annotation_nodes(tree: ast.AST) -> set[int]:
    out: set[int] = set()
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, ast.AnnAssign | ast.arg) and node.annotation is not None:
            annotations.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            annotations.append(node.returns)
        for annotation in annotations:
            out.update(id(n) for n in ast.walk(annotation))
    return out


def _sites(tree: ast.AST) -> Iterator[tuple[ast.AST, str, int]]:
    """Every place one mutation can be made: (node, what the change is, line)."""
    skip = _docstring_nodes(tree) | _annotation_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _COMPARE_SWAP:
                    yield node, f"cmp:{i}:`{_SYMBOL[type(op)]}` -> `{_SYMBOL[_COMPARE_SWAP[type(op)]]}`", line
        elif isinstance(node, ast.BoolOp):
            other = ast.Or if isinstance(node.op, ast.And) else ast.And
            yield node, f"bool:`{_SYMBOL[type(node.op)]}` -> `{_SYMBOL[other]}`", line
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not:`not x` -> `x`", line
        elif isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.Add | ast.Sub):
            other = ast.Sub if isinstance(node.op, ast.Add) else ast.Add
            yield node, f"arith:`{_SYMBOL[type(node.op)]}` -> `{_SYMBOL[other]}`", line
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            yield node, f"const:`{node.value}` -> `{not node.value}`", line
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            yield node, f"const:`{node.value}` -> `{node.value + 1}`", line


def _apply(node: ast.AST, change: str) -> None:
    kind = change.split(":", 1)[0]
    if kind == "cmp":
        assert isinstance(node, ast.Compare)
        i = int(change.split(":")[1])
        node.ops[i] = _COMPARE_SWAP[type(node.ops[i])]()
    elif kind == "bool":
        assert isinstance(node, ast.BoolOp)
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "arith":
        assert isinstance(node, ast.BinOp | ast.AugAssign)
        node.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
    elif kind == "const":
        assert isinstance(node, ast.Constant)
        node.value = (not node.value) if type(node.value) is bool else node.value + 1


class _Unnot(ast.NodeTransformer):
    def __init__(self, target: ast.AST) -> None:
        self.target = target

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:  # noqa: N802 (the visitor protocol's name)
        self.generic_visit(node)
        return node.operand if node is self.target else node


def mutants_of(path: str) -> list[Mutant]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return [Mutant(path, i, line, change.split(":", 1)[1] if change.startswith("const") else change.split(":")[-1])
            for i, (_, change, line) in enumerate(_sites(tree))]


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse((ROOT / mutant.file).read_text(encoding="utf-8"))
    node, change, _ = list(_sites(tree))[mutant.index]
    if change.startswith("not:"):
        tree = _Unnot(node).visit(tree)
    else:
        _apply(node, change)
    return ast.unparse(ast.fix_missing_locations(tree))


def _copy_checkout(into: Path) -> None:
    for name in ("checker", "tests", "rules", "samples", "dashboard", "bench", "docs", "pyproject.toml", "README.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, into / name)


def _run_tests(scratch: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    env = {**os.environ, "PYTHONPATH": str(scratch), "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header", *tests],
            cwd=scratch, env=env, capture_output=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.perf_counter() - started
    took = time.perf_counter() - started
    # 1: a test failed; 2-4: collection or import failed (a mutant that breaks the import is killed too);
    # 5: no tests ran, which the unmutated run rules out.
    return {0: "survived", 1: "killed", 2: "killed", 3: "killed", 4: "killed"}.get(done.returncode, "error"), took


def _expand(patterns: list[str]) -> list[str]:
    files: list[str] = []
    for pattern in patterns:
        files += sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern) if p.name != "__init__.py"
                        or p.stat().st_size > 2000)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", action="append", choices=sorted(PACKAGES), help="default: all four")
    parser.add_argument("--sample", type=int, default=0, help="mutants per package, drawn with --seed (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per mutant before it counts as killed")
    parser.add_argument("--json", type=Path, help="write every mutant's outcome here")
    parser.add_argument("--tests", action="append", help="run these tests instead of the package's (a quicker first "
                                                           "pass: a mutant a subset kills, the whole set kills too)")
    parser.add_argument("--list", action="store_true", help="count the mutants per package and stop")
    parser.add_argument("--rerun", type=Path, help="run only the survivors in this earlier --json file (after adding "
                                                    "tests; the source must be unchanged since)")
    args = parser.parse_args(argv)
    again: set[tuple[str, int]] | None = None
    if args.rerun:
        again = {(m["file"], m["index"]) for m in json.loads(args.rerun.read_text(encoding="utf-8"))
                 if m["status"] == "survived"}
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="maca-mutation-") as tmp:
        scratch = Path(tmp)
        _copy_checkout(scratch)
        for package in args.package or sorted(PACKAGES):
            patterns, tests = PACKAGES[package]
            tests = args.tests or tests
            mutants = [m for f in _expand(patterns) for m in mutants_of(f)]
            chosen = sorted(random.Random(args.seed).sample(mutants, min(args.sample, len(mutants)))
                            if args.sample else mutants, key=lambda m: (m.file, m.index))
            if again is not None:
                chosen = [m for m in mutants if (m.file, m.index) in again]
            print(f"{package}: {len(mutants)} mutants, running {len(chosen)}", flush=True)
            if args.list:
                continue
            status, took = _run_tests(scratch, tests, args.timeout)
            if status != "survived":
                print(f"{package}: the unmutated tests do not pass ({status}); skipped", flush=True)
                continue
            print(f"{package}: unmutated tests pass in {took:.0f} s", flush=True)
            for mutant in chosen:
                target = scratch / mutant.file
                original = target.read_text(encoding="utf-8")
                target.write_text(mutated_source(mutant), encoding="utf-8")
                try:
                    status, took = _run_tests(scratch, tests, args.timeout)
                finally:
                    target.write_text(original, encoding="utf-8")
                outcomes.append(Outcome(copy.copy(mutant), status, took))
                print(f"  {status:8} {took:6.1f} s  {mutant.file}:{mutant.line}  {mutant.change}", flush=True)
                if args.json:  # after every mutant, so a run stopped part-way keeps what it measured
                    _write_json(args.json, outcomes)
    _report(outcomes, args.package or sorted(PACKAGES))
    return 0


def _write_json(path: Path, outcomes: list[Outcome]) -> None:
    path.write_text(json.dumps([{**asdict(o.mutant), "status": o.status, "seconds": round(o.seconds, 1)}
                                for o in outcomes], indent=1), encoding="utf-8")


def _package_of(mutant: Mutant) -> str:
    return next(name for name, (patterns, _) in PACKAGES.items() if mutant.file in _expand(patterns))


def _report(outcomes: list[Outcome], packages: list[str]) -> None:
    print("\npackage     mutants  killed  survived  kill rate")
    for package in packages:
        mine = [o for o in outcomes if _package_of(o.mutant) == package]
        killed = sum(o.status in ("killed", "timeout") for o in mine)
        survived = sum(o.status == "survived" for o in mine)
        if mine:
            print(f"{package:10} {len(mine):8} {killed:7} {survived:9}  {killed / max(1, killed + survived):8.0%}")
    print("\nsurviving mutants:")
    for o in outcomes:
        if o.status == "survived":
            print(f"  {o.mutant.file}:{o.mutant.line}  {o.mutant.change}")
    errors = [o for o in outcomes if o.status == "error"]
    if errors:
        print(f"\n{len(errors)} mutant(s) could not be run (pytest exit other than 0/1/2)")


if __name__ == "__main__":
    sys.exit(main())
