"""Server time of the dashboard on the sample, measured with Streamlit's AppTest (no browser).

    /work/venv/bin/python bench/dashboard_bench.py              # 5 repeats
    /work/venv/bin/python bench/dashboard_bench.py --repeats 20

Reports, in this order:
- warm-up: `maca dashboard` compiles the rules, checks the bundle and stores the run in the background as
  the server starts (dashboard.support.warm), before anyone opens a page;
- first render: the first session of the process opening the default page, after the warm-up (with
  `--no-warm-up`: without it, as under a bare `streamlit run`, when the first visitor pays for the check);
- first render of each page for a new session once the process is warm (what every later reviewer sees);
- filter interaction on the Flags page: choosing a severity, then a case, and clearing them (one rerun each).

Aims: first render under 2 s and a filter interaction under 300 ms of server time. Uses a throw-away
SQLite database. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP = ROOT / "dashboard" / "app.py"
PAGES = ("overview", "flags", "case", "quality", "referrals", "rules", "upload")


def _timed(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-warm-up", action="store_true", help="Measure the first render without the warm-up.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MACA_DB_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        for name in ("MACA_BUNDLE", "MACA_AS_OF", "MACA_AUTH"):
            os.environ.pop(name, None)
        from streamlit.testing.v1 import AppTest

        def new_session(page: str) -> tuple[AppTest, float]:
            at = AppTest.from_file(str(APP), default_timeout=300)
            at.session_state["maca_reviewer"] = "bench"
            if page == "overview":
                return at, _timed(at.run)
            at.run()  # registers the pages (st.navigation) so switch_page can find them
            at.switch_page(f"app_pages/{page}.py")
            return at, _timed(at.run)

        import_start = time.perf_counter()
        import dashboard.support

        imports = time.perf_counter() - import_start
        warm_up = None if args.no_warm_up else _timed(dashboard.support.warm)
        cold_at = AppTest.from_file(str(APP), default_timeout=300)
        cold = _timed(cold_at.run)  # without the warm-up, the default page pays for compiling and checking
        assert not cold_at.exception, cold_at.exception
        print("Dashboard server time on samples/homelessness (AppTest; seconds)")
        print(f"  imports (checker, streamlit, pandas)          {imports:7.3f}")
        if warm_up is not None:
            print(f"  warm-up as the server starts (before any visitor): {warm_up:7.3f}")
        label = "after the warm-up" if warm_up is not None else "no warm-up: rules compiled, sample checked, run stored"
        print(f"  first render of the first session ({label}): {cold:7.3f}")

        print(f"  first render of a page for a new session, warm process (median of {args.repeats}):")
        warm_flags = []
        for page in PAGES:
            times = []
            for _ in range(args.repeats):
                at, seconds = new_session(page)
                assert not at.exception, (page, at.exception)
                times.append(seconds)
            if page == "flags":
                warm_flags = times
            print(f"    {page:10} median {statistics.median(times):6.3f}   max {max(times):6.3f}")

        at, _ = new_session("flags")
        steps = {
            "severity = high": lambda: at.multiselect(key="filter_severity").set_value(["high"]).run(),
            "+ case = case-4": lambda: at.multiselect(key="filter_case").set_value(["case-4"]).run(),
            "clear both": lambda: (
                at.multiselect(key="filter_case").set_value([]),
                at.multiselect(key="filter_severity").set_value([]).run(),
            ),
        }
        print(f"  filter interaction on Flags (median of {args.repeats}):")
        all_filter = []
        for label, step in steps.items():
            times = []
            for _ in range(args.repeats):
                times.append(_timed(step))
                if label != "clear both":  # undo, so each repeat starts from the same state
                    at.multiselect(key="filter_case").set_value([])
                    at.multiselect(key="filter_severity").set_value([]).run()
                    if label == "+ case = case-4":
                        at.multiselect(key="filter_severity").set_value(["high"]).run()
            assert not at.exception, at.exception
            all_filter += times
            print(f"    {label:16} median {statistics.median(times):6.3f}   max {max(times):6.3f}")
        flags_first = statistics.median(warm_flags)
        filt = statistics.median(all_filter)
        print(
            f"Summary: Flags first render (warm) {flags_first:.3f} s (aim < 2 s: {'met' if flags_first < 2 else 'NOT met'}); "
            f"first session {cold:.3f} s ({'met' if cold < 2 else 'NOT met'}"
            f"{'' if warm_up is not None else ', no warm-up'}); "
            f"filter {filt * 1000:.0f} ms (aim < 300 ms: {'met' if filt < 0.3 else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
