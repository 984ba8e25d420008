"""The composed plan in the deliverable: executive summary, plan, to check, and the annex.

The executive summary is the first page(s) a board reads: stage with confidence, red flags, the
dimension chart with targets, "you / national benchmark" for the indicators that compare
directly, the five priorities with owners and dates, and what happens at 30, 90 and 365 days.
The plan section lists the composed plan in its published order; "to consider next" is an
annex.
"""

from __future__ import annotations

from diagnostic.i18n import message
from diagnostic.method.composition import Item
from diagnostic.method.report import Report
from diagnostic.outputs import chart_images, charts, plan_text, provisional
from diagnostic.outputs.blocks import GREY, Builder
from diagnostic.outputs.wording import references_line, score_text, stage_name


def _budget(report: Report) -> int:
    policy = report.questionnaire.plan_policy
    return policy.budgets.first_quarter if policy else 8


def stage_line(report: Report, lang: str) -> str:
    """ "Overall stage: X (n/100) — confidence: …", with "indicative" when it is."""
    q, s, conf = report.questionnaire, report.scores, report.composition.confidence
    text = message(
        "report.overall",
        lang,
        stage=provisional.stage_label(q, s, lang),
        score=score_text(s.overall, lang).split("/")[0],
    )
    if conf.indicative and not provisional.is_provisional(s):
        text += f" — {message('plan.indicative', lang)}"
    return f"{text} — {plan_text.confidence(conf.overall, lang)}"


def executive_summary(doc: Builder, report: Report, lang: str) -> None:
    q, s, comp = report.questionnaire, report.scores, report.composition
    doc.h1(message("pdf.summary", lang))
    doc.para(stage_line(report, lang), size=12, style="B")
    if caveat := provisional.caveat(q, s, lang):
        doc.box(message("provisional.title", lang), caveat)
    if banner := plan_text.indicative_banner(q, comp, lang):
        doc.box("⚠ " + message("plan.indicative", lang), banner)
    if s.stage:
        doc.para(q.stage(s.stage).description.get(lang), size=9)
    if s.stage != s.uncapped_stage:
        doc.para(
            message("report.capped", lang, stage=stage_name(q, s.uncapped_stage, lang)),
            size=9,
            style="I",
        )
    for raised in s.red_flags:
        flag = next(f for f in q.red_flags if f.id == raised.flag_id)
        doc.box("⚠ " + flag.title.get(lang), flag.explanation.get(lang))
    spec = charts.as_spec(charts.dimensions_chart(report, lang))
    doc.image(chart_images.to_png(spec, lang), message("chart.dimensions_alt", lang))
    national = charts.national_comparison_chart(report, lang)
    if national is not None:
        png = chart_images.to_png(charts.as_spec(national), lang)
        doc.image(png, message("chart.national_alt", lang))
    doc.h2(message("plan.priorities", lang))
    for n, item in enumerate(comp.priorities, start=1):
        doc.para(f"{n}. [{item.priority}] {plan_text.priority_line(item, lang)}", size=9)
        step = plan_text.steps(q, comp, item, lang)[0]
        doc.para("   " + message("plan.first_step", lang, step=step), size=8, color=GREY)
    doc.h2(message("plan.milestones", lang))
    for line in plan_text.milestones(comp, report.generated_on, lang):
        doc.bullet(line, size=8.5)
    for line in plan_text.context_lines(q, comp, _group(report), lang):
        doc.para(line, size=8.5, style="I")
    doc.h2(message("report.strengths", lang))
    if not report.plan.strengths:
        doc.para(message("results.no_strengths", lang), size=9)
    for strength in report.plan.strengths:
        title = q.dimension(strength.dimension_id).title.get(lang)
        doc.bullet(f"{title} ({score_text(strength.score, lang)})")


def _group(report: Report) -> str:
    value = report.answers.profile.get("group_membership")
    return value if isinstance(value, str) else ""


def _item(doc: Builder, report: Report, n: int, item: Item, lang: str) -> None:
    q, comp = report.questionnaire, report.composition
    rule = item.rule
    marker = (
        f" — {message('report.quick_win', lang)}" if item.action and item.action.quick_win else ""
    )
    doc.h2(f"{n}. [{item.priority}] {plan_text.title(item, lang)}")
    doc.para(
        message(
            "plan.owner_due",
            lang,
            owner=plan_text.role(item.owner, lang),
            due=plan_text.day(item.due, lang),
            effort=message(f"effort.{rule.effort if rule else 'S'}", lang),
        )
        + marker,
        size=8.5,
        color=GREY,
    )
    doc.para(plan_text.description(item, lang), size=9)
    for step in plan_text.steps(q, comp, item, lang):
        doc.bullet(step, size=9)
    if item.action is not None:
        because = plan_text.because(item, lang)
        doc.para(message("report.because", lang, because=because), size=8, style="I")
        doc.para(references_line(q, item.action.references, lang), size=7.5, color=GREY)
    reason = plan_text.reason(q, item, lang, _budget(report))
    doc.para(message("plan.why", lang, reason=reason), size=7.5, color=GREY)
    if rule is not None and rule.levers:
        levers = ", ".join(q.levers[lv].title.get(lang) for lv in rule.levers)
        doc.para(message("report.levers", lang, levers=levers), size=7.5, color=GREY)


def plan_section(doc: Builder, report: Report, lang: str) -> None:
    """The composed plan in its published order, then the grouped "to check" list."""
    q, comp = report.questionnaire, report.composition
    doc.h1(message("report.plan", lang))
    for line in plan_text.context_lines(q, comp, _group(report), lang):
        doc.para(line, size=9, style="I")
    for n, item in enumerate(comp.items, start=1):
        _item(doc, report, n, item, lang)
    if comp.checklist:
        doc.h1(message("plan.checklist", lang))
        doc.para(message("plan.checklist_help", lang), size=9)
        for line in plan_text.check_lines(q, comp, lang):
            doc.bullet(line, size=8.5)


def roadmap(doc: Builder, report: Report, lang: str) -> None:
    doc.h1(message("report.roadmap", lang))
    for bucket in ("30", "90", "365", "later"):
        doc.h2(message(f"roadmap.{bucket}", lang))
        items = report.composition.bucket(bucket)
        if not items:
            doc.para(message("report.none", lang), size=9)
        for item in items:
            owner = plan_text.role(item.owner, lang)
            doc.bullet(
                f"{plan_text.title(item, lang)} ({owner}, {plan_text.day(item.due, lang)})", size=9
            )


def later_annex(doc: Builder, report: Report, lang: str) -> None:
    """ "To consider next": the actions beyond the plan's budget (absent when none)."""
    comp = report.composition
    if not comp.later:
        return
    policy = report.questionnaire.plan_policy
    doc.h1(message("plan.later", lang))
    doc.para(message("plan.later_help", lang, n=policy.budgets.plan if policy else 0), size=9)
    for n, item in enumerate(comp.later, start=len(comp.items) + 1):
        _item(doc, report, n, item, lang)
