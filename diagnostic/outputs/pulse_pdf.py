"""The "Baromètre interne et écart de perception" PDF report.

Cover (title, period, number of answers), the results of each question for the disclosed groups,
the three-way comparison (establishment declared / staff / national barometer, with source and
n), the findings, then a method note and the sources. Built from the same text tables as the
screen (:mod:`diagnostic.outputs.pulse_text`); with a fixed date, the same answers give the same
bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method.perception_gap import ItemComparison
from diagnostic.method.pulse_stats import PulseResults
from diagnostic.outputs import pulse_text
from diagnostic.outputs.blocks import BLUE, GREY, Builder, Document
from diagnostic.outputs.pdf import layout
from diagnostic.outputs.wording import long_date


@dataclass(frozen=True)
class PulseSummary:
    """What the cover says about the pulse."""

    title: str
    opens_on: date
    closes_on: date
    answers: int


def build(
    q: Questionnaire,
    summary: PulseSummary,
    results: PulseResults,
    comparisons: Sequence[ItemComparison],
    lang: str,
    on: date,
) -> Document:
    """The report's blocks (the tests read the text from here and from the PDF)."""
    assert q.pulse is not None
    heading = message("pulse.pdf_title", lang)
    b = Builder(heading, summary.title, f"{heading} — {summary.title}", lang, on)
    b.cover_space()
    b.para(heading, 22, "B", BLUE)
    b.para(summary.title, 14, "B")
    b.para(
        message(
            "pulse.pdf_period",
            lang,
            opens=long_date(summary.opens_on, lang),
            closes=long_date(summary.closes_on, lang),
            n=summary.answers,
        ),
        11,
    )
    b.para(message("pulse.pdf_generated", lang, on=long_date(on, lang)), 9, "I", GREY)
    b.h1(message("pulse.pdf_results", lang))
    if results.overall is None:
        b.para(message("pulse.too_few_overall", lang, k=results.min_group))
    else:
        for item in q.pulse.questions:
            b.h2(item.text.get(lang))
            table = pulse_text.item_table(q, results, item, lang)
            widths = (60.0, *(110.0 / max(1, len(table.headings) - 1),) * (len(table.headings) - 1))
            b.table(list(table.headings), [list(r) for r in table.rows], widths)
        if note := pulse_text.hidden_note(q, results, lang):
            b.para(note, 9, "I", GREY)
    b.h1(message("pulse.pdf_comparison", lang))
    table = pulse_text.comparison_table(q, comparisons, lang)
    b.table(
        list(table.headings),
        [list(r) for r in table.rows],
        (28.0, 34.0, 20.0, 26.0, 26.0, 40.0),
        7.5,
    )
    b.h1(message("pulse.pdf_findings", lang))
    found = pulse_text.findings(q, comparisons, lang)
    for text in found:
        b.bullet(text)
    if not found:
        b.para(message("pulse.no_finding", lang))
    b.h1(message("pulse.pdf_method", lang))
    b.para(message("pulse.method_note", lang, k=results.min_group))
    b.h2(message("pulse.pdf_sources", lang))
    cited = {c.barometer.indicator.reference for c in comparisons if c.barometer}
    for ref_id in sorted(cited):
        ref = q.references.get(ref_id)
        if ref is not None:
            b.bullet(f"{ref.title} — {ref.issuer}, {ref.date}. {ref.url}", 8.5)
    return b.document()


def render(
    q: Questionnaire,
    summary: PulseSummary,
    results: PulseResults,
    comparisons: Sequence[ItemComparison],
    lang: str,
    on: date,
) -> bytes:
    """The PDF bytes."""
    return layout(build(q, summary, results, comparisons, lang, on))
