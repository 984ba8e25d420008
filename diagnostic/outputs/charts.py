"""Chart specifications (Altair), shared by the screen and the PDF.

The PDF renders the very same specs to PNG through vl-convert, so what the board reads on paper is
what the director saw on screen. Choices made for readability:

* bars for scores and tick marks for targets: two shapes, still distinct when printed in grey;
* the Okabe–Ito colour-blind-safe palette;
* every number shown is pre-formatted text in the report's language (French decimal comma and
  narrow no-break space), so no chart depends on the renderer's locale.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pandas as pd

from diagnostic.i18n import message
from diagnostic.method.report import Report
from diagnostic.outputs.wording import figure

BLUE, ORANGE, GREY, VERMILION = "#0072B2", "#E69F00", "#999999", "#D55E00"
INK = "#222222"  # axis and legend text: 15.9:1 on white
NATIONAL = "#4D4D4D"  # national measurements: 8.5:1 on white
FONT = "DejaVu Sans"
LABEL_PX = 13  # axis and legend labels (WCAG: legible at print and screen size)
LABEL_WRAP = 44  # characters per line of an indicator's label: shown whole, on several lines


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
                "score_series": message("chart.series_score", lang),
                "target_series": message("chart.series_dimension_target", lang),
            }
        )
    return pd.DataFrame(rows)


def dimensions_chart(report: Report, lang: str) -> Any:
    """Score per dimension (bars) against the typology target (ticks)."""
    data = dimensions_frame(report, lang)
    axis: dict[str, Any] = {"labelFontSize": LABEL_PX, "labelColor": INK, "titleColor": INK}
    y = alt.Y(
        "dimension:N",
        sort=list(data["dimension"]),
        title=None,
        axis=alt.Axis(labelLimit=0, **axis),
    )
    x_scale = alt.Scale(domain=[0, 100])
    # Bars and target ticks share one colour scale, hence one legend naming both marks; the
    # target is vermilion (3.9:1 on white) rather than orange (2.3:1).
    names = [message("chart.series_score", lang), message("chart.series_dimension_target", lang)]
    scale = alt.Scale(domain=names, range=[BLUE, VERMILION])
    legend = alt.Legend(
        title=None,
        orient="bottom",
        labelFontSize=LABEL_PX,
        labelColor=INK,
        labelLimit=0,
        symbolType="square",
        symbolOpacity=1,
    )
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.6})
        .encode(
            x=alt.X(
                "score:Q",
                scale=x_scale,
                title=message("chart.score_axis", lang),
                axis=alt.Axis(values=[0, 25, 50, 75, 100], titleFontSize=LABEL_PX, **axis),
            ),
            y=y,
            color=alt.Color("score_series:N", scale=scale, legend=legend),
            tooltip=[alt.Tooltip("dimension:N"), alt.Tooltip("label:N")],
        )
    )
    ticks = (
        alt.Chart(data)
        .mark_tick(thickness=3, size=22, opacity=1)
        .encode(
            x=alt.X("target:Q", scale=x_scale),
            y=y,
            color=alt.Color("target_series:N", scale=scale, legend=legend),
        )
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


def benchmark_chart(report: Report, lang: str) -> Any:
    """The benchmark chart of every view (screen and PDF): see :func:`national_comparison_chart`."""
    return national_comparison_chart(report, lang)


def national_comparison_frame(report: Report, lang: str) -> pd.DataFrame:
    """One row per mark: your declared range, and the national measurement or stated target.

    Only indicators that compare directly are kept: a percentage the answer levels map onto
    (``share_range``) with a level answered, and stated percentage targets (drawn apart, as
    ambitions). The others stay in the table beside the chart.
    """
    q = report.questionnaire
    by_key = {(c.question, c.indicator): c for c in q.comparisons}
    series = {k: message(f"chart.series_{k}", lang) for k in ("you", "national", "target")}
    rows: list[dict[str, Any]] = []
    shown: set[str] = set()
    for ic in report.benchmarks.indicators:
        level = report.answers.answers.get(ic.question_id)
        comp = by_key.get((ic.question_id, ic.indicator.id))
        kind = "target" if ic.indicator.kind == "target" else "national"
        if ic.indicator.unit != "percent" or ic.indicator.id in shown:
            continue
        label = "\n".join(textwrap.wrap(ic.indicator.label.get(lang), LABEL_WRAP))
        common = {"indicator": label, "order": len(rows)}
        direct = ic.method == "share_range" and isinstance(level, int) and comp is not None
        if kind == "target" and not direct:
            # A stated ambition (100 % trained by 2027) on its own row, to set against yours.
            shown.add(ic.indicator.id)
            rows.append(
                {**common, "series": series["target"], "value": ic.indicator.value,
                 "low": None, "high": None, "text": figure(ic, lang)}
            )  # fmt: skip
            continue
        if not direct or comp is None:
            continue
        shown.add(ic.indicator.id)
        band = next(r for r in comp.ranges if r.level == level)
        rows.append(
            {**common, "series": series["you"], "value": (band.low + band.high) / 2,
             "low": band.low, "high": band.high, "text": f"{band.low:g}–{band.high:g}"}
        )  # fmt: skip
        rows.append(
            {**common, "series": series[kind], "value": ic.indicator.value,
             "low": None, "high": None, "text": figure(ic, lang)}
        )  # fmt: skip
    return pd.DataFrame(
        rows, columns=["indicator", "order", "series", "value", "low", "high", "text"]
    )


def national_comparison_chart(report: Report, lang: str) -> Any:
    """ "You / national benchmark" dot-and-line chart (None when nothing compares directly).

    Your declared range is a blue line ending in a square (its middle); a national measurement
    is a filled dark dot; a stated target (an ambition, not a survey result) is a hollow
    vermilion diamond. One legend names all three; labels are whole, wrapped on several lines.
    """
    data = national_comparison_frame(report, lang)
    if data.empty:
        return None
    names = [message(f"chart.series_{k}", lang) for k in ("you", "national", "target")]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=names, range=[BLUE, NATIONAL, VERMILION]),
        legend=alt.Legend(title=None, orient="bottom", labelFontSize=LABEL_PX, labelColor=INK,
                          labelLimit=0, symbolSize=140),
    )  # fmt: skip
    shape = alt.Shape(
        "series:N", scale=alt.Scale(domain=names, range=["square", "circle", "diamond"])
    )
    y = alt.Y(
        "indicator:N",
        title=None,
        sort=alt.EncodingSortField("order"),
        axis=alt.Axis(labelLimit=0, labelFontSize=LABEL_PX, labelColor=INK,
                      labelExpr="split(datum.label, '\\n')", labelPadding=8),
    )  # fmt: skip
    x = alt.X(
        "value:Q",
        scale=alt.Scale(domain=[0, 100]),
        title=message("chart.percent_axis", lang),
        axis=alt.Axis(labelFontSize=LABEL_PX, labelColor=INK, titleColor=INK,
                      titleFontSize=LABEL_PX, values=[0, 25, 50, 75, 100]),
    )  # fmt: skip
    base = alt.Chart(data)
    you = base.transform_filter(alt.datum.series == names[0])
    line = you.mark_rule(strokeWidth=4).encode(
        x=alt.X("low:Q", scale=alt.Scale(domain=[0, 100])), x2="high:Q", y=y, color=colour
    )
    marks = base.transform_filter(alt.datum.series != names[2]).mark_point(
        filled=True, size=150, opacity=1
    )
    target = base.transform_filter(alt.datum.series == names[2]).mark_point(
        filled=False, size=170, strokeWidth=2.5, opacity=1
    )
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("text:N")]
    layers = [
        line,
        marks.encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip),
        target.encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip),
    ]
    return (
        alt.layer(*layers)
        .properties(
            width="container",
            height=alt.Step(44),
            title=message("chart.national_title", lang),
            description=message("chart.national_alt", lang),
        )
        .configure_title(color=INK, fontSize=14, anchor="start")
        .configure_axis(gridColor="#DDDDDD", domainColor="#767676", tickColor="#767676")
    )


def as_spec(chart: alt.TopLevelMixin, width: int = 640) -> dict[str, Any]:
    """A standalone Vega-Lite spec with a fixed width (for rendering outside a web page)."""
    spec: dict[str, Any] = chart.to_dict()
    spec["width"] = width
    spec.setdefault("config", {})["font"] = FONT
    return spec
