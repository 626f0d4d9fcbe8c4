"""The built wheel works on its own: installed (not editable) into a fresh virtual environment, `maca
dashboard --help` runs and a dashboard page renders from the installed package, its rules and its sample.

The fresh environment has none of the project's files: the wheel is built from a copy of the sources and
installed with `pip install --no-deps --no-index`; the dependencies (pandas, streamlit, durable-rules…) are
borrowed from the test environment through a .pth line, which only appends that site-packages to sys.path
after the fresh one (and runs none of its .pth files, so the editable install there stays inactive).
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("checker", "dashboard", "rules", "samples", "pyproject.toml", "README.md")


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(the fresh environment's python, an environment for running it) with the wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SHIPPED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=ignore)
        else:
            shutil.copy2(src, source / name)
    dist = work / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, source, cwd=work)
    (wheel,) = dist.glob("maca_checker-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel,
         cwd=work)
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).strip())
    borrowed = [p for p in {sysconfig.get_paths()["purelib"], *site.getsitepackages()} if Path(p).is_dir()]
    (purelib / "zz_borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MACA_", "VIRTUAL_ENV"))}
    env |= {"MACA_DB_URL": f"sqlite:///{work / 'maca.sqlite'}", "HOME": str(work)}
    return python, env


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: tuple[Path, dict[str, str]]) -> None:
    python, env = installed
    out = _run(python, "-c", "import checker, dashboard; from checker.model.datafiles import RULES_DIR, "
               "SAMPLE_BUNDLE; print(checker.__file__); print(RULES_DIR); print(SAMPLE_BUNDLE / 'audit.yaml')",
               cwd=python.parents[2], env=env)
    package, rules, sample = out.split()
    assert str(ROOT) not in package and "site-packages" in package
    assert rules.endswith("checker/data/rules") and Path(rules, "risk", "imminent-eviction.yaml").is_file()
    assert Path(sample).is_file()


def test_maca_dashboard_help_runs_from_the_wheel(installed: tuple[Path, dict[str, str]]) -> None:
    python, env = installed
    out = _run(python.parent / "maca", "dashboard", "--help", cwd=python.parents[2], env=env)
    assert "Open the review dashboard" in out


def test_a_dashboard_page_renders_from_the_wheel(installed: tuple[Path, dict[str, str]]) -> None:
    python, env = installed
    script = textwrap.dedent(
        """
        from pathlib import Path
        import dashboard
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(Path(dashboard.__file__).parent / "app.py"), default_timeout=120).run()
        assert not at.exception, [e.message for e in at.exception]
        print(at.title[0].value)
        print(len(at.dataframe))
        """
    )
    out = _run(python, "-c", script, cwd=python.parents[2], env=env)
    title, tables = out.split("\n")[:2]
    assert title and int(tables) > 0
