"""Chart specifications (Altair), shared by the screen and the PDF.

The PDF renders the very same specs to PNG through vl-convert, so what the board reads on paper is
what the director saw on screen. Choices made for readability:

* bars for scores and tick marks for targets: two shapes, still distinct when printed in grey;
* the Okabe–Ito colour-blind-safe palette;
* every number shown is pre-formatted text in the report's language (French decimal comma and
  narrow no-break space), so no chart depends on the renderer's locale.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from diagnostic.i18n import message
from diagnostic.report import Report
from diagnostic.wording import figure

BLUE, ORANGE, GREY, VERMILION = "#0072B2", "#E69F00", "#999999", "#D55E00"
FONT = "DejaVu Sans"


def dimensions_frame(report: Report, lang: str) -> pd.DataFrame:
    q = report.questionnaire
    rows: list[dict[str, Any]] = []
    for d, cmp in zip(report.scores.dimensions, report.benchmarks.dimensions, strict=True):
        rows.append(
            {
                "dimension": q.dimension(d.dimension_id).short_title.get(lang),
                "order": len(rows),
                "score": d.score,
                "target": cmp.target,
                "label": "–" if d.score is None else f"{d.score:.0f}",
            }
        )
    return pd.DataFrame(rows)


def dimensions_chart(report: Report, lang: str) -> Any:
    """Score per dimension (bars) against the typology target (ticks)."""
    data = dimensions_frame(report, lang)
    y = alt.Y("dimension:N", sort=list(data["dimension"]), title=None)
    x_scale = alt.Scale(domain=[0, 100])
    bars = (
        alt.Chart(data)
        .mark_bar(color=BLUE, height={"band": 0.6})
        .encode(
            x=alt.X(
                "score:Q",
                scale=x_scale,
                title=message("chart.score_axis", lang),
                axis=alt.Axis(values=[0, 25, 50, 75, 100]),
            ),
            y=y,
            tooltip=[alt.Tooltip("dimension:N"), alt.Tooltip("label:N")],
        )
    )
    ticks = (
        alt.Chart(data)
        .mark_tick(color=ORANGE, thickness=3, size=22)
        .encode(x=alt.X("target:Q", scale=x_scale), y=y)
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, color="#222222")
        .encode(x=alt.X("score:Q", scale=x_scale), y=y, text="label:N")
    )
    return (bars + ticks + labels).properties(
        width="container",
        height=alt.Step(28),
        title=message("chart.dimensions_title", lang),
        description=message("chart.dimensions_alt", lang),
    )


def benchmark_frame(report: Report, lang: str) -> pd.DataFrame:
    rows = []
    for ic in report.benchmarks.indicators:
        if ic.indicator.unit != "percent":
            continue
        rows.append(
            {
                "indicator": ic.indicator.label.get(lang),
                "value": ic.indicator.value,
                "text": figure(ic, lang),
                "position": message(f"position.{ic.position}", lang) if ic.position else "",
            }
        )
    return pd.DataFrame(rows, columns=["indicator", "value", "text", "position"])


def benchmark_chart(report: Report, lang: str) -> Any:
    """The published percentages the establishment is compared with (None when there are none)."""
    data = benchmark_frame(report, lang)
    if data.empty:
        return None
    y = alt.Y("indicator:N", title=None, sort=None, axis=alt.Axis(labelLimit=260))
    bars = (
        alt.Chart(data)
        .mark_bar(color=GREY, height={"band": 0.6})
        .encode(
            x=alt.X(
                "value:Q",
                scale=alt.Scale(domain=[0, 100]),
                title=message("chart.percent_axis", lang),
            ),
            y=y,
        )
    )
    text = alt.Chart(data).mark_text(align="left", dx=4).encode(x="value:Q", y=y, text="text:N")
    return (bars + text).properties(
        width="container",
        height=alt.Step(30),
        title=message("chart.benchmarks_title", lang),
        description=message("chart.benchmarks_alt", lang),
    )


def as_spec(chart: alt.TopLevelMixin, width: int = 640) -> dict[str, Any]:
    """A standalone Vega-Lite spec with a fixed width (for rendering outside a web page)."""
    spec: dict[str, Any] = chart.to_dict()
    spec["width"] = width
    spec.setdefault("config", {})["font"] = FONT
    return spec
