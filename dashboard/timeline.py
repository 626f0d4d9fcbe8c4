"""The Case page's timeline as Altair charts: a wide chart (about a year per 600 px) the page scrolls
sideways, and its key drawn apart so it stays in sight wherever the chart is scrolled to.

Pure functions of `views.timeline_frame` (no Streamlit). Lane names are written inside the lanes every six
months, so a reader scrolled to any date still sees which agency a lane is.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

__all__ = ["START_AT_LATEST", "YEAR_PX", "KEY_COLUMNS", "timeline_chart", "timeline_key", "key_height", "chart_width"]

YEAR_PX = 600  # horizontal pixels per year of chronology
KEY_COLUMNS = 5
_LANE_PX = 52  # each agency's lane: its name above its marks
_MIN_WIDTH = 700
# The page opens the chart scrolled to its right end (the latest months and the as-at date), kept there while
# the chart finishes drawing (10 s at most) unless the reader scrolls it first.
START_AT_LATEST = """<script>/* case CASE */ (() => { let tries = 0, last = -1; const timer = setInterval(() => {
  const box = document.querySelector(".st-key-timeline_scroll");
  if (box && last >= 0 && box.scrollLeft < last - 2) { clearInterval(timer); return; }  /* the reader scrolled */
  if (box && box.scrollWidth > box.clientWidth) { box.scrollLeft = box.scrollWidth; last = box.scrollLeft; }
  if (++tries > 100) clearInterval(timer); }, 100); })();</script>"""


def _span(frame: pd.DataFrame, as_of: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(frame["Date"].min()) - pd.Timedelta(days=20)
    end = max(pd.Timestamp(frame["Date"].max()), pd.Timestamp(as_of)) + pd.Timedelta(days=20)
    return start, end


def chart_width(frame: pd.DataFrame, as_of: Any) -> int:
    """The plot's width in pixels: YEAR_PX per year from the first entry to the as-at date (or the last entry)."""
    start, end = _span(frame, as_of)
    return max(_MIN_WIDTH, round(YEAR_PX * (end - start).days / 365.25))


def _kinds(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["Kind"].unique())


def timeline_chart(frame: pd.DataFrame, as_of: Any) -> alt.TopLevelMixin:
    """Agencies as lanes, entries as marks shaped and coloured by kind, entries a flag cites ringed by a
    large open diamond (a shape, not only a colour), the as-at date as a dashed rule."""
    start, end = _span(frame, as_of)
    kinds = _kinds(frame)
    x = alt.X("Date:T", title=None, scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
              axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount="month", labelOverlap=True, orient="top"))
    y = alt.Y("Agency name:N", title=None, axis=alt.Axis(labels=False, ticks=False, domain=False, grid=True),
              scale=alt.Scale(padding=0.7))  # a point per lane: its marks on the line, its name just above
    base = alt.Chart(frame).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("Date:T", format="%d/%m/%Y"), "Agency name:N", "Kinds:N", "Flagged:N", "File:N", "Row:Q"],
    )  # fmt: skip
    entries = base.mark_point(filled=True, size=80, opacity=0.85).encode(
        shape=alt.Shape("Kind:N", scale=alt.Scale(domain=kinds), legend=None),
        color=alt.Color("Kind:N", scale=alt.Scale(domain=kinds), legend=None),
    )
    flagged = (
        base.transform_filter(alt.datum.Flagged != "")
        .mark_point(shape="diamond", size=320, filled=False, strokeWidth=2.5, color="#b2182b")
    )
    marks = pd.date_range(start.normalize(), end, freq="12MS")  # lane names once a year
    if marks.empty or (marks[0] - start).days > 30:
        marks = marks.insert(0, start)
    names = pd.DataFrame([{"Date": d, "Agency name": a} for d in marks for a in sorted(frame["Agency name"].unique())])
    lane_names = alt.Chart(names).mark_text(align="left", baseline="bottom", dx=4, dy=-10, fontSize=11,
                                            limit=YEAR_PX - 40, color="#555555").encode(
        x="Date:T", y="Agency name:N", text="Agency name:N")
    today = (
        alt.Chart(pd.DataFrame({"Date": [pd.Timestamp(as_of)], "label": ["as at"]}))
        .mark_rule(strokeDash=[4, 4], color="#444444")
        .encode(x="Date:T", tooltip=["label:N", alt.Tooltip("Date:T", format="%d/%m/%Y")])
    )
    height = _LANE_PX * frame["Agency name"].nunique()
    return alt.layer(lane_names, entries, flagged, today).properties(width=chart_width(frame, as_of), height=height)


def key_height(frame: pd.DataFrame) -> int:
    """The key's height in pixels (its title and a row of KEY_COLUMNS kinds to 24 px)."""
    return 40 + 24 * ((len(_kinds(frame)) + KEY_COLUMNS - 1) // KEY_COLUMNS)


def timeline_key(frame: pd.DataFrame) -> alt.Chart:
    """The key to the timeline's marks (same kinds, shapes and colours), KEY_COLUMNS to a row."""
    kinds = _kinds(frame)
    rows = (len(kinds) + KEY_COLUMNS - 1) // KEY_COLUMNS
    key = pd.DataFrame({"Kind": kinds, "column": [i % KEY_COLUMNS + 0.02 for i in range(len(kinds))],
                        "row": [i // KEY_COLUMNS for i in range(len(kinds))]})
    base = alt.Chart(key).encode(x=alt.X("column:Q", axis=None, scale=alt.Scale(domain=[0, KEY_COLUMNS])),
                                 y=alt.Y("row:Q", axis=None, scale=alt.Scale(domain=[rows - 0.5, -0.5])))
    symbols = base.mark_point(filled=True, size=80, opacity=0.85).encode(
        shape=alt.Shape("Kind:N", scale=alt.Scale(domain=kinds), legend=None),
        color=alt.Color("Kind:N", scale=alt.Scale(domain=kinds), legend=None),
    )
    words = base.mark_text(align="left", dx=10, fontSize=12).encode(text="Kind:N")
    return (alt.layer(symbols, words).properties(height=24 * rows, title="Kind of entry")
            .configure_view(stroke=None))
