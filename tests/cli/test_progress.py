"""Progress on long work: on a terminal, done of total, rate and time left; nothing when the output is not a
terminal or with --quiet (a redirected run, a scheduled job's log and a captured test get only the results)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.check import progress as progress_module
from checker.check.executors import LocalExecutor
from checker.check.partition import run_partitioned
from checker.check.progress import Progress
from checker.cli.main import main
from checker.intake.bundle import load_bundle

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_on_a_terminal_shows_done_of_total_rate_and_time_left() -> None:
    screen, clock = Terminal(), Clock()
    bar = Progress(10_000, stream=screen, clock=clock)
    clock.now += 20.0
    bar.update(2_000)
    assert screen.getvalue() == "\rchecked 2,000 of 10,000 cases (20 %) · 100 cases/s · about 1 min 20 s left"
    clock.now += 80.0
    bar.update(10_000)
    last = screen.getvalue().split("\r")[-1]  # padded to wipe the rest of the longer line before it
    assert last == "checked 10,000 of 10,000 cases (100 %) · 100 cases/s".ljust(len("checked 2,000 of 10,000 cases "
                                                                                    "(20 %) · 100 cases/s · about 1 min 20 s left"))
    bar.close()
    assert screen.getvalue().endswith("\r" + " " * len("checked 10,000 of 10,000 cases (100 %) · 100 cases/s") + "\r")


def test_a_shorter_line_overwrites_all_of_the_longer_one() -> None:
    screen, clock = Terminal(), Clock()
    bar = Progress(0, unit="files", verb="read", stream=screen, clock=clock)
    bar.update(0, 12)  # the total known only once the manifest is read
    clock.now += 1.0
    bar.update(1)
    first, second = screen.getvalue().split("\r")[1:]
    assert first == "read 0 of 12 files (0 %)"
    assert second.startswith("read 1 of 12 files (8 %) · 1 files/s · about 11 s left")


@pytest.mark.parametrize("quiet", [False, True])
def test_nothing_when_not_a_terminal_or_quiet(quiet: bool) -> None:
    stream = Terminal() if quiet else io.StringIO()
    bar = Progress(100, stream=stream, quiet=quiet)
    bar.update(50)
    bar.close()
    assert not bar.enabled and stream.getvalue() == ""


def test_the_check_reports_cases_after_each_partition() -> None:
    bundle = load_bundle(SAMPLES / "good-practice")
    total = len(bundle.manifest.cases) if bundle.manifest else 0
    seen: list[int] = []
    with LocalExecutor(1) as ex:
        run_partitioned(bundle, executor=ex, parts=3, progress=seen.append)
    assert seen[0] == 0 and seen[-1] == total and len(seen) == 4
    assert seen == sorted(seen) and len(set(seen)) == 4


def _tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "_is_terminal", lambda stream: True)


def test_maca_check_on_a_terminal_shows_files_then_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    _tty(monkeypatch)
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "good-practice")])
    assert result.exit_code == 0, result.output
    assert "\rread 1 of " in result.stderr and "\rchecked 0 of " in result.stderr
    cases = result.stderr.rsplit("\rchecked ", 1)[1].split(" cases")[0]
    done, total = cases.split(" of ")
    assert done == total and int(total) > 0
    assert "\r" not in result.stdout  # the report itself is untouched
    assert "About this run: text matched " in result.stdout  # the text engine this run used is named


def test_validate_and_generate_quiet_or_redirected_print_no_progress(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    plain = CliRunner().invoke(main, ["validate", str(SAMPLES / "good-practice")])  # not a terminal
    assert plain.exit_code == 0 and "\r" not in plain.output
    _tty(monkeypatch)
    quiet = CliRunner().invoke(main, ["validate", "--quiet", str(SAMPLES / "good-practice")])
    assert quiet.exit_code == 0 and "\r" not in quiet.output
    assert quiet.stdout == plain.stdout
    shown = CliRunner().invoke(main, ["generate", "--cases", "150", str(tmp_path / "g")])
    assert shown.exit_code == 0, shown.output
    assert "\rmade 100 of 150 cases" in shown.stderr and "\rmade 150 of 150 cases (100 %)" in shown.stderr
    hushed = CliRunner().invoke(main, ["generate", "-q", "--cases", "150", str(tmp_path / "h")])
    assert hushed.exit_code == 0 and "\r" not in hushed.output
