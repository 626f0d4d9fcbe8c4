"""The log: one private file, configured once per process by the command line (`maca …`).

Lines carry what happened and to what — ids, counts, backends, exception types — never a record's text
(no excerpt, name or answer is ever passed to a logger). The store's audit trail ("decision version 2 saved
on flag f-…") and rules that could not run end up here:

    $MACA_LOG_FILE, else <data dir>/maca.log   (created 0600, appended to)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

from checker.model.datafiles import data_dir
from checker.model.private import private_dir, private_file

__all__ = ["configure_logging", "ENV_LOG_FILE", "LOG_FORMAT"]

ENV_LOG_FILE = "MACA_LOG_FILE"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_handler: logging.FileHandler | None = None


def configure_logging(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Path | None:
    """Send the `checker` loggers' INFO lines to the log file; the same file again is a no-op. Returns the
    file, or None when it cannot be written (a read-only home): the command still runs."""
    global _handler
    env = os.environ if env is None else env
    target = Path(path or env.get(ENV_LOG_FILE) or data_dir(env) / "maca.log").expanduser()
    if _handler is not None and Path(_handler.baseFilename) == target.resolve():
        return target
    try:
        private_dir(target.parent)
        private_file(target)
        handler = logging.FileHandler(target, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger = logging.getLogger("checker")
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler = handler
    return target
