"""The live panel's charts, drawn for a projector: large type, full labels, no hover needed.

Every count is printed on its bar, so the room reads the figures from the back without a
tooltip; colours keep at least 3:1 contrast with the white background.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from diagnostic.i18n import message
from diagnostic.workshop.stats import Distribution

INK, BAR = "#1A1A1A", "#0B5394"  # ~17:1 and ~8:1 on white
TEXT_SIZE, TITLE_SIZE = 18, 18
LEVEL_LABELS = ("0", "1", "2", "3", "4", "?")


def _projector(chart: Any) -> Any:
    """Large axis and legend type for a room reading a screen from several metres away."""
    return (
        chart.configure_axis(
            labelFontSize=TEXT_SIZE,
            titleFontSize=TITLE_SIZE,
            labelColor=INK,
            titleColor=INK,
            labelLimit=0,
        )
        .configure_legend(labelFontSize=TEXT_SIZE, titleFontSize=TITLE_SIZE, labelColor=INK)
        .configure_view(stroke=None)
    )


def distribution_chart(d: Distribution, lang: str) -> Any:
    """One dimension's answers by level (0–4, then "?" for "don't know"), counts on the bars."""
    frame = pd.DataFrame(
        {"level": LEVEL_LABELS, "count": [*d.levels, d.dont_know], "order": range(6)}
    )
    x = alt.X(
        "level:N",
        sort=list(LEVEL_LABELS),
        title=message("ws.chart_levels", lang),
        axis=alt.Axis(labelAngle=0),
    )
    top = max(1, int(frame["count"].max()))
    y = alt.Y("count:Q", title=None, axis=None, scale=alt.Scale(domain=[0, top * 1.25]))
    bars = alt.Chart(frame).mark_bar(color=BAR).encode(x=x, y=y)
    counts = (
        alt.Chart(frame)
        .mark_text(dy=-12, fontSize=TEXT_SIZE, fontWeight="bold", color=INK)
        .encode(x=x, y=y, text="count:Q")
    )
    return _projector(
        (bars + counts).properties(
            height=170, width="container", description=message("ws.chart_alt", lang)
        )
    )


def divergence_chart(frame: pd.DataFrame, lang: str) -> Any:
    """Mean score by role group (columns) and dimension (rows, full names, read across)."""
    heat = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("group:N", title=None, axis=alt.Axis(labelAngle=0, orient="top")),
            y=alt.Y("dimension:N", title=None, sort=None),
            color=alt.Color(
                "mean:Q",
                scale=alt.Scale(scheme="blues", domain=[0, 100]),
                title=message("chart.score_axis", lang),
            ),
        )
    )
    text = (
        alt.Chart(frame)
        .mark_text(fontSize=TEXT_SIZE, fontWeight="bold")
        .encode(
            x="group:N",
            y=alt.Y("dimension:N", sort=None),
            text="mean:Q",
            # Dark figures on pale cells, white on dark ones: both stay readable.
            color=alt.condition(alt.datum.mean > 60, alt.value("white"), alt.value(INK)),
        )
    )
    return _projector(
        (heat + text).properties(
            title=message("ws.divergence", lang),
            width="container",
            height=alt.Step(44),
            description=message("ws.divergence", lang),
        )
    ).configure_title(fontSize=TITLE_SIZE, color=INK, anchor="start")
