"""The "you / national benchmark" chart: comparable indicators only, whole labels, targets drawn
apart from measurements, a legend for every mark, WCAG contrast and size for text and marks."""

from __future__ import annotations

from datetime import date

import pytest

from diagnostic.i18n import message
from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.report import build_report
from diagnostic.outputs import chart_images, charts, document
from diagnostic.outputs.blocks import Bullet, Image, Para
from diagnostic.outputs.wording import benchmark_sentence, comparison_note

from .conftest import EXAMPLES


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (luminance(hex_colour) + 0.05)


@pytest.fixture(scope="module")
def report(questionnaire):
    answers = read((EXAMPLES / "chu-grand.yaml").read_bytes(), questionnaire)
    return build_report(questionnaire, answers, benchmarks.load_editions(), today=date(2026, 12, 4))


def layers(spec: dict) -> list[dict]:
    return spec["layer"]


def test_rows_are_the_directly_comparable_indicators_with_whole_labels(report) -> None:
    frame = charts.national_comparison_frame(report, "fr")
    you = frame[frame.series == "Vous (plage déclarée)"]
    assert len(you) >= 1 and (you.low <= you.value).all() and (you.value <= you.high).all()
    direct = {
        ic.indicator.label.fr
        for ic in report.benchmarks.indicators
        if ic.method == "share_range" and isinstance(report.answers.answers[ic.question_id], int)
    }
    labels = {" ".join(text.split("\n")) for text in frame.indicator}
    assert direct <= labels  # whole labels, wrapped on lines, never cut with "…"
    assert not any("…" in text for text in frame.indicator)
    targets = frame[frame.series.str.startswith("Cible")]
    assert len(targets) >= 1 and set(targets.value) == {100.0}


def test_targets_are_hollow_measurements_filled_and_one_legend_names_all(report) -> None:
    spec = charts.as_spec(charts.national_comparison_chart(report, "en"))
    rule, measures, targets = layers(spec)
    assert rule["mark"]["type"] == "rule"
    assert measures["mark"]["filled"] is True and targets["mark"]["filled"] is False
    colour = measures["encoding"]["color"]
    assert colour["scale"]["domain"] == [
        "You (declared range)",
        "National benchmark (published measurement)",
        "Stated target (an ambition, not a measurement)",
    ]
    assert colour["legend"]["labelLimit"] == 0
    assert measures["encoding"]["shape"]["scale"]["range"] == ["square", "circle", "diamond"]
    for mark in colour["scale"]["range"]:
        assert contrast_on_white(mark) >= 3, mark
    y_axis = measures["encoding"]["y"]["axis"]
    assert y_axis["labelLimit"] == 0 and y_axis["labelFontSize"] >= 12
    assert contrast_on_white(y_axis["labelColor"]) >= 4.5
    x_axis = measures["encoding"]["x"]["axis"]
    assert x_axis["labelFontSize"] >= 12 and contrast_on_white(x_axis["labelColor"]) >= 4.5
    assert chart_images.to_png(spec, "en").startswith(b"\x89PNG")


def test_the_pdf_section_has_the_chart_and_no_paragraph_per_indicator(report) -> None:
    doc = document.build(report, "fr")
    blocks = list(doc.blocks)
    heading = message("report.benchmarks", "fr", edition=report.benchmarks.edition)
    start = next(i for i, b in enumerate(blocks) if getattr(b, "text", "") == heading)
    end = next(i for i, b in enumerate(blocks) if i > start and getattr(b, "level", 1) == 0)
    section = blocks[start:end]
    assert any(isinstance(b, Image) and "points et segments" in b.alt for b in section)
    text = sum(len(b.text) for b in section if isinstance(b, Bullet | Para))
    before = sum(  # one sentence and one note per indicator, as the section used to print
        len(benchmark_sentence(report.questionnaire, ic, "fr")) + len(comparison_note(ic, "fr"))
        for ic in report.benchmarks.indicators
    )
    assert text < before * 0.6


def test_dimension_chart_names_bars_and_targets_with_readable_contrast(report) -> None:
    spec = charts.as_spec(charts.dimensions_chart(report, "en"))
    bars, ticks, _labels = spec["layer"]
    colour = bars["encoding"]["color"]
    assert colour["scale"]["domain"] == ["Your score", "Target for your type of establishment"]
    assert ticks["encoding"]["color"]["scale"] == colour["scale"] and "legend" in colour
    assert ticks["mark"]["opacity"] == 1
    for mark in colour["scale"]["range"]:
        assert contrast_on_white(mark) >= 3, mark
    axis = bars["encoding"]["y"]["axis"]
    assert axis["labelFontSize"] >= 12 and contrast_on_white(axis["labelColor"]) >= 4.5
