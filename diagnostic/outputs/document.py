"""The deliverable as a sequence of blocks, built from the report object alone.

Sections, in order: cover, executive summary (stage with confidence, red flags, chart, five
priorities, 30/90/365 days), method, scores and charts, benchmarks, findings, action plan and
"to check" list, roadmap, regulatory calendar, use-case readiness, "to consider next" annex,
appendix (every answer) and references. The PDF and the Word copy render the same blocks, so
they always say the same thing. Titles come from the locale files, in the report's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from diagnostic.i18n import message, number, percent
from diagnostic.method.report import Report
from diagnostic.outputs import chart_images, charts, document_plan, plan_text, provisional
from diagnostic.outputs.blocks import BLUE, GREY, Builder, Document
from diagnostic.outputs.perception_text import section as perception_section
from diagnostic.outputs.wording import (
    figure,
    freshness_lines,
    long_date,
    score_text,
    stage_name,
    target_line,
)


def _profile_label(report: Report, field: str, lang: str) -> str:
    q = report.questionnaire
    value = report.answers.profile.get(field)
    pq = q.profile_by_id.get(field)
    if value is None or pq is None:
        return "–"
    labels = {o.id: o.label.get(lang) for o in pq.options}
    values = (value,) if isinstance(value, str) else value
    return ", ".join(labels.get(v, v) for v in values) or "–"


def cover(doc: Builder, report: Report, lang: str) -> None:
    q = report.questionnaire
    doc.cover_space()
    doc.para(message("pdf.kicker", lang), size=11, color=GREY)
    doc.para(q.meta.title.get(lang), size=20, style="B", color=BLUE)
    if report.establishment_name:
        doc.para(report.establishment_name, size=16, style="B")
    doc.para(_profile_label(report, "establishment_type", lang), size=12)
    facts = [
        (message("pdf.date", lang), long_date(report.generated_on, lang)),
        (
            message("pdf.version", lang),
            message(
                "pdf.questionnaire_version", lang, title=q.meta.title.get(lang), version=q.version
            ),
        ),
        (message("pdf.content_reviewed", lang), long_date(q.meta.reviewed_on, lang)),
        (message("pdf.respondents", lang), _profile_label(report, "respondent_role", lang)),
        (
            message("pdf.stage", lang),
            f"{provisional.stage_label(q, report.scores, lang)}"
            f" ({score_text(report.scores.overall, lang)})"
            + (
                f" — {message('plan.indicative', lang)}"
                if report.composition.confidence.indicative
                and not provisional.is_provisional(report.scores)
                else ""
            ),
        ),
        (
            message("plan.confidence_column", lang),
            plan_text.confidence_value(report.composition.confidence.overall, lang),
        ),
    ]
    for label, value in facts:
        doc.para(f"{label} : {value}" if lang == "fr" else f"{label}: {value}", size=10)
    doc.contents(message("pdf.toc", lang))


def method(doc: Builder, report: Report, lang: str) -> None:
    doc.h1(message("pdf.method", lang))
    for key in (
        "pdf.method_scores",
        "pdf.method_stages",
        "pdf.method_benchmarks",
        "pdf.method_limits",
    ):
        doc.para(message(key, lang), size=9)


def scores(doc: Builder, report: Report, lang: str) -> None:
    q = report.questionnaire
    doc.h1(message("report.dimensions", lang))
    rows = []
    confidence = report.composition.confidence.dimensions
    for d, cmp in zip(report.scores.dimensions, report.benchmarks.dimensions, strict=True):
        conf = confidence.get(d.dimension_id)
        rows.append(
            [
                q.dimension(d.dimension_id).title.get(lang),
                score_text(d.score, lang),
                "–" if cmp.target is None else number(cmp.target, lang),
                stage_name(q, d.stage_id, lang),
                percent(d.coverage * 100, lang),
                "–" if d.visibility is None else percent(d.visibility * 100, lang),
                "–" if conf is None else message(f"plan.confidence.{conf.level}", lang),
            ]
        )
    heads = message("report.dimension_columns", lang).split("|")
    doc.table(
        [*heads[:3], *heads[4:7], message("plan.confidence_column", lang)],
        rows,
        (48, 18, 14, 24, 24, 24, 22),
    )
    doc.para(plan_text.coverage_explained(q, lang), size=8, style="I")
    spec = charts.as_spec(charts.dimensions_chart(report, lang))
    doc.image(chart_images.to_png(spec, lang), message("chart.dimensions_alt", lang))


def benchmarks_section(doc: Builder, report: Report, lang: str) -> None:
    q, bench = report.questionnaire, report.benchmarks
    doc.h1(message("report.benchmarks", lang, edition=bench.edition or "–"))
    doc.para(message("results.benchmarks_note", lang), size=9, style="I")
    if not bench.indicators:
        doc.para(message("report.no_benchmarks", lang))
        return
    rows = []
    for ic in bench.indicators:
        ind = ic.indicator
        ref = q.references.get(ind.reference)
        rows.append(
            [
                f"{ic.establishment_label.get(lang) or ic.establishment_label['fr']} : "
                f"{ic.establishment_value.get(lang) or ic.establishment_value['fr']}",
                f"{ind.label.get(lang)} : {figure(ic, lang)}",
                ("" if ind.sample_size is None else number(ind.sample_size, lang)),
                long_date(ind.period, lang),
                message(f"position.{ic.position}", lang) if ic.position else "–",
                f"{ref.issuer} ({long_date(ref.date, lang)})" if ref else ind.reference,
            ]
        )
    chart = charts.national_comparison_chart(report, lang)
    if chart is not None:
        png = chart_images.to_png(charts.as_spec(chart), lang)
        doc.image(png, message("chart.national_alt", lang))
        doc.para(message("pdf.national_chart_help", lang), size=8.5)
    heads = message("pdf.benchmark_columns", lang).split("|")
    doc.table(heads, rows, (48, 46, 14, 22, 16, 28), size=7.5)
    # Short text instead of one dense paragraph per indicator: where the figures come from,
    # once, then only the caveats that change how a figure reads.
    kinds = Counter(ic.indicator.provenance for ic in bench.indicators)
    doc.h2(message("pdf.benchmark_caveats", lang))
    doc.para(
        "; ".join(f"{message(f'provenance.{k}', lang)} ({n})" for k, n in kinds.items()), size=8
    )
    for ic in bench.indicators:
        caveat = ic.note.get(lang) if ic.note else None
        if ic.indicator.caveat:
            caveat = ic.indicator.caveat.get(lang) if caveat is None else caveat
        if caveat:
            doc.bullet(f"{ic.indicator.label.get(lang)} — {caveat}", size=7.5)
    for ind in bench.targets:
        doc.bullet(target_line(ind, lang), size=8)


def findings_section(doc: Builder, report: Report, lang: str) -> None:
    """Answers that contradict each other, quoted, just before the plan (absent when none)."""
    if not report.findings:
        return
    doc.h1(message("findings.heading", lang))
    doc.para(message("findings.help", lang), size=9)
    for finding in report.findings:
        doc.para(finding.check.title.get(lang), size=10, style="B")
        for x in finding.quotes:
            doc.bullet(
                message("findings.quote", lang, question=x.question[lang], answer=x.answer[lang]),
                size=9,
            )
        doc.para(finding.check.explanation.get(lang), size=8.5, style="I")


def calendar(doc: Builder, report: Report, lang: str) -> None:
    doc.h1(message("report.calendar", lang))
    for line in freshness_lines(report.questionnaire, report.generated_on, lang):
        doc.para(line, size=9, style="I")
    rows = [
        [
            long_date(d.entry.date, lang),
            message(d.state_key, lang),
            d.entry.title.get(lang),
            d.entry.meaning.get(lang)
            + (" ⚠ " + d.entry.caveat.get(lang) if d.entry.caveat else ""),
        ]
        for d in report.deadlines
    ]
    doc.table(message("pdf.calendar_columns", lang).split("|"), rows, (20, 22, 50, 82), size=8)


def use_cases(doc: Builder, report: Report, lang: str) -> None:
    doc.h1(message("report.use_cases", lang))
    rows = []
    for r in report.readiness:
        details = [b.get(lang, b["fr"]) for b in r.blockers] if r.status == "not_advised" else []
        if r.status == "ready_once":
            details = [m.get(lang, m["fr"]) for m in r.missing]
        rows.append(
            [r.use_case.title.get(lang), message(f"status.{r.status}", lang), "; ".join(details)]
        )
    doc.table(message("pdf.use_case_columns", lang).split("|"), rows, (58, 36, 80), size=8)


def appendix(doc: Builder, report: Report, lang: str) -> None:
    q, a = report.questionnaire, report.answers
    doc.h1(message("pdf.appendix", lang))
    for dimension in q.dimensions:
        doc.h2(dimension.title.get(lang))
        rows = []
        for question in dimension.questions:
            value = a.answers.get(question.id)
            if isinstance(value, int):
                answer = next(
                    f"{lv.level} — {lv.label.get(lang)}"
                    for lv in q.levels_of(question)
                    if lv.level == value
                )
            else:
                answer = message(f"answer.{value or 'unanswered'}", lang).strip('«» "')
            evidence = message(f"evidence.{a.evidence.get(question.id) or 'none'}", lang)
            rows.append(
                [question.text.get(lang), answer, a.comments.get(question.id, ""), evidence]
            )
        doc.table(message("pdf.answer_columns", lang).split("|"), rows, (62, 44, 50, 18), size=7.5)
    doc.h1(message("pdf.references", lang))
    for ref in q.references.values():
        kind = message(f"kind.{ref.kind}", lang)
        note = f" ⚠ {ref.note.get(lang)}" if ref.note else ""
        when = long_date(ref.date, lang)
        doc.bullet(
            f"{ref.issuer}, « {ref.title} », {when} [{kind}]. {ref.url}{note}"
            if lang == "fr"
            else f'{ref.issuer}, "{ref.title}", {when} [{kind}]. {ref.url}{note}',
            size=7.5,
        )


summary = document_plan.executive_summary

SECTIONS: tuple[Callable[[Builder, Report, str], None], ...] = (
    summary,
    method,
    scores,
    benchmarks_section,
    findings_section,
    perception_section,  # only with an integrated staff pulse
    document_plan.plan_section,
    document_plan.roadmap,
    calendar,
    use_cases,
    document_plan.later_annex,
    appendix,
)


def build(report: Report, lang: str = "fr", disagreements: Sequence[str] = ()) -> Document:
    """The blocks of the deliverable, in the report's language.

    ``disagreements`` (a workshop's consolidated plan) adds a "where we disagreed" section after
    the summary: one line per question on which participants diverged.
    """
    q = report.questionnaire
    name = report.establishment_name
    doc = Builder(
        title=q.meta.title.get(lang),
        subject=message("pdf.subject", lang, name=name or "–"),
        running_head=q.meta.title.get(lang) + (f" — {name}" if name else ""),
        lang=lang,
        on=report.generated_on,
    )
    cover(doc, report, lang)
    for section in SECTIONS:
        section(doc, report, lang)
        if section is summary and disagreements:
            doc.h1(message("pdf.disagreements", lang))
            doc.para(message("pdf.disagreements_help", lang), size=9)
            for line in disagreements:
                doc.bullet(line, size=9)
    return doc.document()
