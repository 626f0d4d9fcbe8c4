"""The package layout is the data flow, and the imports prove it (docs/architecture.md).

Every import in `checker/` and `dashboard/` is read with `ast` (module-level and local imports alike, so a
circle cannot hide inside a function) and checked against the layer order below.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# Lowest first. A module may import its own layer and the layers listed as allowed for it.
LAYERS: dict[str, tuple[str, ...]] = {
    "checker.model": (),
    "checker.intake": ("checker.model",),
    # Synthetic sweep bundles: the data model only, never the text layer's patterns (its own phrasing).
    "checker.generate": ("checker.model",),
    "checker.text": ("checker.model",),
    # Facts and the engine work on the loaded bundle, never on files: no intake.
    "checker.facts": ("checker.model", "checker.text"),
    "checker.engine": ("checker.model", "checker.text", "checker.facts"),
    "checker.outputs": ("checker.model", "checker.text", "checker.facts", "checker.engine"),
    "checker.check": ("checker.model", "checker.intake", "checker.text", "checker.facts", "checker.engine",
                      "checker.outputs"),
    "checker.examples": ("checker.model", "checker.intake", "checker.text", "checker.facts", "checker.engine",
                         "checker.outputs", "checker.check"),
    "checker.storage": ("checker.model",),
    "checker.review": ("checker.model", "checker.intake", "checker.text", "checker.facts", "checker.engine",
                       "checker.outputs", "checker.check", "checker.storage"),
    # The two shells: the command line may start the dashboard (inside the `dashboard` command only).
    "checker.cli": ("checker", "checker.model", "checker.intake", "checker.text", "checker.facts",
                    "checker.engine", "checker.outputs", "checker.check", "checker.examples", "checker.storage",
                    "checker.review", "checker.generate", "dashboard"),
    "dashboard": ("checker", "checker.model", "checker.intake", "checker.text", "checker.facts",
                  "checker.engine", "checker.outputs", "checker.check", "checker.examples", "checker.storage",
                  "checker.review"),
}
UI_LIBRARIES = ("streamlit", "altair")


def layer_of(module: str) -> str | None:
    best = None
    for layer in LAYERS:
        if (module == layer or module.startswith(layer + ".")) and (best is None or len(layer) > len(best)):
            best = layer
    if best is None and module == "checker":
        return "checker"
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def sources() -> dict[str, Path]:
    files = sorted((ROOT / "checker").rglob("*.py")) + sorted((ROOT / "dashboard").rglob("*.py"))
    return {module_name(p): p for p in files}


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")
    is_package = sources()[module].name == "__init__.py"
    base = package if is_package else package[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


@cache
def imports() -> dict[str, list[tuple[str, int]]]:
    """Module -> the modules it imports (a `from x import y` names x.y when x.y is a module), with lines."""
    known = sources()
    out: dict[str, list[tuple[str, int]]] = {}
    for module, path in known.items():
        found: list[tuple[str, int]] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, node)
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    found.append((sub if sub in known else target, node.lineno))
        out[module] = found
    return out


def internal(name: str) -> bool:
    return name == "checker" or name.startswith(("checker.", "dashboard"))


def test_every_module_belongs_to_a_layer() -> None:
    orphans = [m for m in sources() if layer_of(m) is None and m != "checker"]
    assert orphans == [], f"modules outside every layer (add the layer to docs/architecture.md): {orphans}"


def test_imports_run_one_way() -> None:
    wrong = []
    for module, targets in imports().items():
        here = layer_of(module)
        for target, line in targets:
            if not internal(target):
                continue
            there = layer_of(target) or target
            if there == here or here is None or there == "checker" and target == "checker":
                continue
            if there not in LAYERS[here]:
                wrong.append(f"{sources()[module].relative_to(ROOT)}:{line}: {here} imports {target}")
    assert wrong == [], "imports against the flow:\n" + "\n".join(wrong)


def test_no_import_circles() -> None:
    graph = {m: {t for t, _ in ts if t in sources() and t != m} for m, ts in imports().items()}
    # A package's __init__ re-exporting its own modules is not a circle of ideas; drop edges into a
    # package's own __init__ from inside it.
    for module in graph:
        graph[module] = {t for t in graph[module] if not module.startswith(t + ".")}
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert circles == [], "import circles:\n" + "\n".join(" -> ".join(c) for c in circles)


def test_streamlit_and_altair_only_in_the_dashboard() -> None:
    wrong = [
        f"{sources()[m].relative_to(ROOT)}:{line}: {t}"
        for m, ts in imports().items() if not m.startswith("dashboard")
        for t, line in ts if t.split(".")[0] in UI_LIBRARIES
    ]
    assert wrong == [], "UI libraries imported outside the dashboard package:\n" + "\n".join(wrong)


def test_no_private_module_of_another_package() -> None:
    wrong = []
    for module, targets in imports().items():
        for target, line in targets:
            if not internal(target):
                continue
            parts = target.split(".")
            for i, part in enumerate(parts):
                if part.startswith("_") and not part.startswith("__"):
                    owner = ".".join(parts[:i])
                    if not (module == owner or module.startswith(owner + ".")):
                        wrong.append(f"{sources()[module].relative_to(ROOT)}:{line}: imports {target}")
                    break
    assert wrong == [], "private modules imported from outside their package:\n" + "\n".join(wrong)


def rule_ids() -> set[str]:
    ids = set()
    for path in (ROOT / "rules").glob("*/*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "id" in doc:
            ids.add(doc["id"])
    return ids


def test_rule_ids_live_in_rules_only() -> None:
    ids = rule_ids()
    assert len(ids) > 10  # the catalogue was read: a test of nothing cannot pass
    wrong = []
    for path in sources().values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert wrong == [], "rule ids written in Python (ask the catalogue by role instead):\n" + "\n".join(wrong)


def test_the_core_imports_no_ui() -> None:
    """Importing any module outside `dashboard` (the command line included) loads neither library."""
    core = [m for m in sources() if not m.startswith("dashboard")]
    code = f"import sys\nfor m in {core!r}: __import__(m)\n" \
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {UI_LIBRARIES!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_every_package_ships_in_the_wheel() -> None:
    """pyproject.toml lists the packages (so rules/ and the sample can ride along): none may be forgotten."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    packages = {module_name(p) for top in ("checker", "dashboard") for p in (ROOT / top).rglob("__init__.py")}
    assert packages - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
