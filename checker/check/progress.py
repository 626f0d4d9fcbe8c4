"""Progress on long work: how much is done of the whole, the rate and the time left, on one terminal line
(the command line; the dashboard shows `progress_line` under its own progress bar).

Written to stderr only when stderr is a terminal, and never with `--quiet`: a redirected run, a pipe, a
scheduled job's log or a test's captured output get nothing, so files and logs hold only the results.

>>> import io
>>> Progress(10, stream=io.StringIO()).enabled  # not a terminal: nothing is written
False
>>> progress_line(250, 1000, "cases", "checked", 10.0)
'checked 250 of 1,000 cases (25 %) · 25 cases/s · about 30 s left'
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress", "progress_line"]


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def progress_line(done: int, total: int, unit: str, verb: str, elapsed: float) -> str:
    """One line: done of total, the rate so far and the time left at that rate."""
    line = f"{verb} {done:,} of {total:,} {unit} ({100 * done // max(total, 1)} %)"
    if done and elapsed > 0:
        rate = done / elapsed
        line += f" · {rate:,.0f} {unit}/s" if rate >= 1 else f" · {60 * rate:,.1f} {unit}/min"
        if done < total:
            line += f" · about {_duration((total - done) / rate)} left"
    return line


class Progress:
    """Redraws one line on a terminal as work advances; `update(done)` with the amount done so far.

    `enabled` is False (and nothing is ever written) when the stream is not a terminal or `quiet` is set.
    `total` may be given later, with the first update (a bundle's file count is known once its manifest is read).
    """

    def __init__(self, total: int, *, unit: str = "cases", verb: str = "checked", quiet: bool = False,
                 stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.unit, self.verb = total, unit, verb
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and _is_terminal(self.stream)
        self._clock = clock
        self._started = clock()
        self._width = 0

    def update(self, done: int, total: int | None = None) -> None:
        """`done` so far (of `total`, when only now known)."""
        if total is not None:
            self.total = total
        if not self.enabled or self.total <= 0:
            return
        line = progress_line(min(done, self.total), self.total, self.unit, self.verb, self._clock() - self._started)
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def close(self) -> None:
        """Wipe the line, so the results print on a clean line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
        self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
