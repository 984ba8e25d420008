"""The "perception gap" section of the diagnostic: screen, PDF, Word and command line.

Present only when a staff pulse has been integrated into the diagnostic
(:attr:`diagnostic.method.report.Report.perception`); without one, no block is added and the
documents are those of the self-assessment alone, byte for byte. The findings are the sentences
``pulse.yaml`` publishes, as on the pulse owner's panel; the source line says where the figures
come from: an anonymous staff survey, its period and answer count, and the group threshold.
"""

from __future__ import annotations

from diagnostic.i18n import message
from diagnostic.method.perception_summary import PerceptionSummary, finding_texts
from diagnostic.method.report import Report
from diagnostic.outputs.blocks import Builder
from diagnostic.outputs.wording import long_date


def heading(lang: str) -> str:
    return message("perception.heading", lang)


def source_line(summary: PerceptionSummary, lang: str) -> str:
    """Where the figures come from, with n, the period, the reading date and the threshold."""
    return message(
        "perception.source",
        lang,
        title=summary.title,
        opens=long_date(summary.opens_on, lang),
        closes=long_date(summary.closes_on, lang),
        n=summary.answers,
        k=summary.min_group,
        read_on=long_date(summary.read_on, lang),
    )


def findings(report: Report, lang: str) -> list[str]:
    """The findings' sentences (empty when the pulse is consistent or none is integrated)."""
    if report.perception is None:
        return []
    return finding_texts(report.questionnaire, report.perception, lang)


def section(doc: Builder, report: Report, lang: str) -> None:
    """The document's section, just before the plan (absent when no pulse is integrated)."""
    if report.perception is None:
        return
    doc.h1(heading(lang))
    doc.para(source_line(report.perception, lang), size=9)
    texts = findings(report, lang)
    for text in texts:
        doc.bullet(text, size=9)
    doc.para(
        message("perception.in_plan" if texts else "pulse.no_finding", lang), size=8.5, style="I"
    )


def lines(report: Report, lang: str) -> list[str]:
    """The same section as plain text, for ``diagnostic report`` (nothing when none)."""
    if report.perception is None:
        return []
    title = heading(lang)
    texts = findings(report, lang)
    return [
        "",
        title,
        "=" * len(title),
        source_line(report.perception, lang),
        *(f"! {t}" for t in texts),
        message("perception.in_plan" if texts else "pulse.no_finding", lang),
    ]
