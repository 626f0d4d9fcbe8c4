"""Serving the dashboard in this process, as `streamlit run` does: what `maca dashboard` calls once it has
checked its options. The caches are warmed in the background so the first visitor does not wait for the
rules to compile and the bundle to be checked.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from streamlit import config as st_config
from streamlit.web import bootstrap

from dashboard import support

__all__ = ["APP", "serve"]

APP = Path(__file__).resolve().parent / "app.py"


class _NoWarmUpContextWarning(logging.Filter):
    """The background warm-up fills Streamlit's caches outside any page; Streamlit warns about that
    ("missing ScriptRunContext"), which means nothing to a user."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName == "maca-warm-up" and "ScriptRunContext" in str(record.msg))


def serve(options: dict[str, Any]) -> None:
    """Run the app with Streamlit `options` (server.port, server.address…) until interrupted."""

    def warm() -> None:
        try:
            support.warm()
        except Exception as exc:  # noqa: BLE001 - the first page reports the problem to the reviewer
            logging.getLogger("checker.dashboard").warning("warm-up failed: %s", type(exc).__name__)

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NoWarmUpContextWarning())
    st_config._main_script_path = str(APP)  # where `streamlit run` looks for .streamlit/ and secrets
    bootstrap.load_config_options(flag_options=options)
    threading.Thread(target=warm, name="maca-warm-up", daemon=True).start()
    bootstrap.run(str(APP), False, [], options)
