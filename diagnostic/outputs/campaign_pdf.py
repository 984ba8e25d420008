"""The campaign PDF for a steering committee.

Sections: cover (title, period, date), participation, distribution per dimension (chart and
table), stages, most frequent red flags with what they mean, one section per GHT (members side by
side and consolidated priorities, :mod:`diagnostic.outputs.campaign_pdf_ght`), the establishments
table and a note on the method. The blocks are laid out by the single-diagnostic PDF's engine
(:func:`diagnostic.outputs.pdf.layout`: same fonts, page furniture, and a creation date that is
the report date, so a fixed date gives the same bytes).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, number, percent
from diagnostic.method.campaign_rows import CampaignInfo, CampaignRow
from diagnostic.method.campaign_stats import CampaignSummary, summary
from diagnostic.outputs import chart_images, charts
from diagnostic.outputs.blocks import BLUE, GREY, Builder, Document
from diagnostic.outputs.campaign_chart import distribution_chart
from diagnostic.outputs.campaign_columns import header, status_label, type_label
from diagnostic.outputs.campaign_pdf_ght import ght_sections
from diagnostic.outputs.pdf import layout
from diagnostic.outputs.wording import long_date, stage_name


def _labelled(label: str, value: str, lang: str) -> str:
    return f"{label} : {value}" if lang == "fr" else f"{label}: {value}"


def cover(doc: Builder, q: Questionnaire, info: CampaignInfo, stats: CampaignSummary) -> None:
    lang = doc.lang
    doc.cover_space()
    doc.para(message("campaign_report.kicker", lang), size=11, color=GREY)
    doc.para(info.title, size=20, style="B", color=BLUE)
    period = message(
        "campaign_report.period_value",
        lang,
        start=long_date(info.starts_on, lang),
        end=long_date(info.ends_on, lang),
    )
    version = message(
        "pdf.questionnaire_version", lang, title=q.meta.title.get(lang), version=q.version
    )
    for label, value in (
        (message("campaign_report.period", lang), period),
        (message("pdf.date", lang), long_date(doc.on, lang)),
        (message("pdf.version", lang), version),
        (message("campaign_report.invited", lang), number(stats.invited, lang)),
    ):
        doc.para(_labelled(label, value, lang), size=10)
    doc.contents(message("pdf.toc", lang))


def participation(doc: Builder, stats: CampaignSummary) -> None:
    lang = doc.lang
    doc.h1(message("campaign_report.participation", lang))
    counts = stats.statuses
    started = counts["started"] + counts["finished"]
    rows = [
        [message("campaign_report.invited", lang), number(stats.invited, lang)],
        [message("campaign_report.started", lang), number(started, lang)],
        [message("campaign_report.finished", lang), number(counts["finished"], lang)],
        [message("campaign_report.status.not_started", lang), number(counts["not_started"], lang)],
    ]
    doc.table(
        [message("campaign_report.figure", lang), message("campaign_report.count", lang)],
        rows,
        (120, 54),
    )
    if stats.invited:
        share = percent(100 * counts["finished"] / stats.invited, lang)
        doc.para(message("campaign_report.participation_line", lang, share=share), size=9)


def distributions(doc: Builder, q: Questionnaire, stats: CampaignSummary) -> None:
    lang = doc.lang
    doc.h1(message("campaign_report.distribution", lang))
    if not stats.scored:
        doc.para(message("campaign_report.nothing_finished", lang))
        return
    doc.para(message("campaign_report.distribution_help", lang, n=stats.scored), size=9)
    spec = charts.as_spec(distribution_chart(q, stats.dimensions, lang))
    doc.image(chart_images.to_png(spec, lang), message("campaign_report.chart_alt", lang))
    rows = []
    named = [(d.title.get(lang), stats.dimensions[d.id]) for d in q.dimensions]
    for title, dist in [*named, (header("overall", lang), stats.overall)]:
        if dist is None:
            rows.append([title, "0", "–", "–", "–"])
            continue
        figures = (dist.q1, dist.median, dist.q3)
        rows.append([title, number(dist.n, lang), *(number(v, lang, 1) for v in figures)])
    heads = message("campaign_report.distribution_columns", lang).split("|")
    doc.table(heads, rows, (60, 30, 28, 28, 28))


def stages(doc: Builder, q: Questionnaire, stats: CampaignSummary) -> None:
    lang = doc.lang
    doc.h1(message("campaign_report.stages", lang))
    rows = [[stage_name(q, s, lang), number(n, lang)] for s, n in stats.stages.items()]
    doc.table([header("stage", lang), message("campaign_report.count", lang)], rows, (120, 54))
    doc.para(message("campaign_report.stages_help", lang), size=9, style="I")


def red_flags(doc: Builder, q: Questionnaire, stats: CampaignSummary) -> None:
    lang = doc.lang
    doc.h1(message("campaign_report.red_flags", lang))
    if not stats.red_flags:
        doc.para(message("campaign_report.no_red_flags", lang))
        return
    by_id = {f.id: f for f in q.red_flags}
    for flag_id, count in stats.red_flags.items():
        flag = by_id[flag_id]
        doc.para(flag.title.get(lang), size=10, style="B")
        doc.para(
            message("campaign_report.flag_count", lang, n=number(count, lang), of=stats.scored),
            size=9,
        )
        doc.para(flag.explanation.get(lang), size=9, style="I")


def establishments(
    doc: Builder, q: Questionnaire, rows: Sequence[CampaignRow], stage_of: dict[int, str | None]
) -> None:
    lang = doc.lang
    doc.h1(message("campaign_report.establishments", lang))
    heads = [header(c, lang) for c in ("name", "establishment_type", "status", "stage")]
    table = [
        [
            r.name,
            type_label(q, r.establishment_type, lang),
            status_label(r.status, lang),
            stage_name(q, stage_of.get(r.entry_id), lang) if r.status == "finished" else "–",
        ]
        for r in rows
    ]
    doc.table(heads, table, (64, 46, 30, 34))


def method_note(doc: Builder) -> None:
    doc.h1(message("campaign_report.method", doc.lang))
    for key in (
        "campaign_report.method_scores",
        "campaign_report.method_distribution",
        "campaign_report.method_ght",
        "campaign_report.method_owner",
        "campaign_report.method_reference",
    ):
        doc.para(message(key, doc.lang), size=9)


def build(
    q: Questionnaire, info: CampaignInfo, rows: Sequence[CampaignRow], lang: str, today: date
) -> Document:
    """The blocks of the campaign report, in ``lang``."""
    from diagnostic.method.campaign_table import scored_table

    stats = summary(q, rows)
    doc = Builder(
        title=info.title,
        subject=message("campaign_report.subject", lang, title=info.title),
        running_head=message("campaign_report.running_head", lang, title=info.title),
        lang=lang,
        on=today,
    )
    cover(doc, q, info, stats)
    participation(doc, stats)
    distributions(doc, q, stats)
    stages(doc, q, stats)
    red_flags(doc, q, stats)
    ght_sections(doc, q, rows, today)
    table = scored_table(q, rows)
    establishments(doc, q, rows, dict(zip(table["entry_id"], table["stage"], strict=True)))
    method_note(doc)
    return doc.document()


def campaign_pdf(
    q: Questionnaire, info: CampaignInfo, rows: Sequence[CampaignRow], lang: str, today: date
) -> bytes:
    """The campaign PDF's bytes; with a fixed ``today``, the same campaign gives the same bytes."""
    return layout(build(q, info, rows, lang, today))
