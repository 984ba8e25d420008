"""The campaign's distribution chart: per dimension, the quartile range and the median.

Same conventions as :mod:`diagnostic.outputs.charts` (Okabe–Ito colours, DejaVu Sans, labels
pre-formatted in the report's language): a bar from the first to the third quartile (where the
middle half of the establishments stand) and a dark tick at the median, two shapes that stay
distinct in grey print.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, number
from diagnostic.method.disclosure import Distribution
from diagnostic.outputs.charts import BLUE, INK, LABEL_PX

MEDIAN = "#222222"


def distribution_frame(
    q: Questionnaire, dimensions: Mapping[str, Distribution | None], lang: str
) -> pd.DataFrame:
    """One row per dimension with a distribution (dimensions nobody is scored on are left out)."""
    rows: list[dict[str, Any]] = []
    for d in q.dimensions:
        dist = dimensions.get(d.id)
        if dist is None:
            continue
        rows.append(
            {
                "dimension": d.short_title.get(lang),
                "q1": dist.q1,
                "median": dist.median,
                "q3": dist.q3,
                "label": number(dist.median, lang),
                "range_series": message("campaign_report.chart_range", lang),
                "median_series": message("campaign_report.chart_median", lang),
            }
        )
    return pd.DataFrame(rows)


def distribution_chart(
    q: Questionnaire, dimensions: Mapping[str, Distribution | None], lang: str
) -> Any:
    """Quartile bars and median ticks per dimension, on a 0–100 axis."""
    data = distribution_frame(q, dimensions, lang)
    axis: dict[str, Any] = {"labelFontSize": LABEL_PX, "labelColor": INK, "titleColor": INK}
    y = alt.Y(
        "dimension:N", sort=list(data["dimension"]), title=None, axis=alt.Axis(labelLimit=0, **axis)
    )
    x_scale = alt.Scale(domain=[0, 100])
    names = [
        message("campaign_report.chart_range", lang),
        message("campaign_report.chart_median", lang),
    ]
    scale = alt.Scale(domain=names, range=[BLUE, MEDIAN])
    legend = alt.Legend(
        title=None, orient="bottom", labelFontSize=LABEL_PX, labelColor=INK, labelLimit=0
    )
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.55}, opacity=0.55)
        .encode(
            x=alt.X(
                "q1:Q",
                scale=x_scale,
                title=message("chart.score_axis", lang),
                axis=alt.Axis(values=[0, 25, 50, 75, 100], titleFontSize=LABEL_PX, **axis),
            ),
            x2="q3:Q",
            y=y,
            color=alt.Color("range_series:N", scale=scale, legend=legend),
        )
    )
    ticks = (
        alt.Chart(data)
        .mark_tick(thickness=3, size=22, opacity=1)
        .encode(
            x=alt.X("median:Q", scale=x_scale),
            y=y,
            color=alt.Color("median_series:N", scale=scale, legend=legend),
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=6, color=INK)
        .encode(x=alt.X("q3:Q", scale=x_scale), y=y, text="label:N")
    )
    return (bars + ticks + labels).properties(
        width="container",
        height=alt.Step(28),
        title=message("campaign_report.chart_title", lang),
        description=message("campaign_report.chart_alt", lang),
    )
