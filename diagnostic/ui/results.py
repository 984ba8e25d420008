"""Results: stage, red flags, chart, dimensions, benchmarks, plan, roadmap, calendar, use cases.

Every string that comes from content or from the user is escaped (or shown in a dataframe, which
never interprets markup).
"""

from __future__ import annotations

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, number, percent
from diagnostic.method import answers as answers_mod
from diagnostic.method.conditions import is_asked
from diagnostic.method.report import Report
from diagnostic.outputs import charts, plan_text
from diagnostic.outputs.exports import results_csv
from diagnostic.outputs.wording import (
    benchmark_sentence,
    comparison_note,
    freshness_lines,
    long_date,
    score_text,
    stage_name,
    target_line,
)
from diagnostic.ui import (
    compare,
    deliverables,
    express,
    peer_optin,
    peer_panel,
    perception_section,
    plan_view,
    state,
)
from diagnostic.ui.safe import escape


def unanswered(q: Questionnaire, s: state.Session) -> list[tuple[int, str]]:
    """(step, question id) of every asked question still without an answer."""
    facts = s.answers.facts
    return [
        (index, question.id)
        for index, dimension in enumerate(q.dimensions, start=1)
        for question in dimension.questions
        if is_asked(question, facts) and question.id not in s.answers.answers
    ]


def _go(q: Questionnaire, step: int) -> None:
    s = state.session(q)
    s.view, s.step = "wizard", step


def render(q: Questionnaire, s: state.Session, lang: str) -> None:
    st.title(message("results.title", lang))
    if not express.computable(q, s, lang):
        return
    report = perception_section.report(q, s)  # with an integrated staff pulse, if any
    name = report.establishment_name
    if name:
        st.subheader(escape(name))
    express.render(q, s, report, lang)
    _unanswered(q, s, lang)
    _overall(report, lang)
    plan_view.summary(report, lang)
    st.altair_chart(charts.dimensions_chart(report, lang), width="stretch")
    _dimensions(report, lang)
    _benchmarks(report, lang)
    peer_panel.render(report, lang, "results")
    _findings(report, lang)
    perception_section.render(q, s, report, lang)
    _plan(report, lang)
    _roadmap(report, lang)
    _strengths(report, lang)
    _calendar(report, lang)
    _use_cases(report, lang)
    _downloads(report, s, lang)
    peer_optin.render(report, lang, "results")
    compare.render(q, s.answers, lang)


def _unanswered(q: Questionnaire, s: state.Session, lang: str) -> None:
    missing = unanswered(q, s)
    if not missing:
        return
    with st.expander(message("results.unanswered", lang, count=len(missing)), expanded=False):
        for step in sorted({i for i, _ in missing}):
            ids = [qid for i, qid in missing if i == step]
            st.markdown(f"**{escape(q.dimensions[step - 1].title.get(lang))}**")
            for qid in ids:
                st.markdown("- " + escape(q.questions[qid].text.get(lang)))
            st.button(
                message("results.go_back", lang), key=f"back-{step}", on_click=_go, args=(q, step)
            )


def _overall(report: Report, lang: str) -> None:
    """Red flags first, in their own banners, then the stage and what it means."""
    q, s = report.questionnaire, report.scores
    for raised in s.red_flags:
        flag = next(f for f in q.red_flags if f.id == raised.flag_id)
        title, body = escape(flag.title.get(lang)), escape(flag.explanation.get(lang))
        st.error(f"**{title}**\n\n{body}", icon="🚩")
    st.metric(
        message("results.stage", lang),
        escape(stage_name(q, s.stage, lang)),  # metric values render Markdown too
        score_text(s.overall, lang),
        delta_color="off",
        delta_arrow="off",  # the score is not a change: no up/down arrow
    )
    if s.stage:
        st.markdown(escape(q.stage(s.stage).description.get(lang)))
    if s.stage != s.uncapped_stage:
        st.caption(
            message("report.capped", lang, stage=escape(stage_name(q, s.uncapped_stage, lang)))
        )


def _dimensions(report: Report, lang: str) -> None:
    q = report.questionnaire
    st.subheader(message("report.dimensions", lang))
    st.caption(escape(plan_text.coverage_explained(q, lang)))
    columns = st.columns(2)
    for i, (d, cmp) in enumerate(
        zip(report.scores.dimensions, report.benchmarks.dimensions, strict=True)
    ):
        with columns[i % 2], st.container(border=True):
            target = "–" if cmp.target is None else number(cmp.target, lang)
            st.metric(
                escape(q.dimension(d.dimension_id).title.get(lang)), score_text(d.score, lang)
            )
            st.caption(
                message(
                    "results.card",
                    lang,
                    stage=escape(stage_name(q, d.stage_id, lang)),
                    target=target,
                    coverage=percent(d.coverage * 100, lang),
                    visibility="–" if d.visibility is None else percent(d.visibility * 100, lang),
                )
            )
            if conf := report.composition.confidence.dimensions.get(d.dimension_id):
                st.caption(escape(plan_text.confidence(conf, lang)))


def _benchmarks(report: Report, lang: str) -> None:
    q, bench = report.questionnaire, report.benchmarks
    st.subheader(message("report.benchmarks", lang, edition=bench.edition or "–"))
    st.caption(message("results.benchmarks_note", lang))
    if not bench.indicators:
        st.write(message("report.no_benchmarks", lang))
    for ic in bench.indicators:
        line = benchmark_sentence(q, ic, lang)
        if ic.position:
            line += " — " + message(
                "report.position", lang, position=message(f"position.{ic.position}", lang)
            )
        st.markdown("- " + escape(line))
        st.caption(escape(comparison_note(ic, lang)))
    chart = charts.benchmark_chart(report, lang)
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    for ind in bench.targets:
        st.caption(escape(target_line(ind, lang)))


def _findings(report: Report, lang: str) -> None:
    """Answers that contradict each other, quoted side by side, above the plan."""
    if not report.findings:
        return
    st.subheader(message("findings.heading", lang))
    st.caption(message("findings.help", lang))
    for finding in report.findings:
        quotes = "\n".join(
            "- "
            + escape(
                message("findings.quote", lang, question=x.question[lang], answer=x.answer[lang])
            )
            for x in finding.quotes
        )
        body = escape(finding.check.explanation.get(lang))
        st.warning(f"**{escape(finding.check.title.get(lang))}**\n\n{quotes}\n\n{body}")


def _plan(report: Report, lang: str) -> None:
    plan_view.plan(report, lang)


def _roadmap(report: Report, lang: str) -> None:
    plan_view.roadmap(report, lang)


def _strengths(report: Report, lang: str) -> None:
    q = report.questionnaire
    st.subheader(message("report.strengths", lang))
    if not report.plan.strengths:
        st.write(message("results.no_strengths", lang))
    for strength in report.plan.strengths:
        st.markdown(
            f"**{escape(q.dimension(strength.dimension_id).title.get(lang))}**"
            f" ({score_text(strength.score, lang)})"
        )
        for qid, level in strength.evidence:
            question = q.questions[qid]
            label = next(lv.label.get(lang) for lv in q.levels_of(question) if lv.level == level)
            st.markdown("- " + escape(f"{question.text.get(lang)} → {label}"))


def _calendar(report: Report, lang: str) -> None:
    st.subheader(message("report.calendar", lang))
    for line in freshness_lines(report.questionnaire, report.generated_on, lang):
        st.caption(escape(line))
    for d in report.deadlines:
        state_ = message(d.state_key, lang)
        when = escape(long_date(d.entry.date, lang))
        st.markdown(f"**{when}** ({state_}) — {escape(d.entry.title.get(lang))}")
        st.caption(
            escape(
                d.entry.meaning.get(lang)
                + (" ⚠ " + d.entry.caveat.get(lang) if d.entry.caveat else "")
            )
        )


def _use_cases(report: Report, lang: str) -> None:
    st.subheader(message("report.use_cases", lang))
    icons = {"in_production": "🟦", "ready_now": "🟩", "ready_once": "🟨", "not_advised": "🟥"}
    for r in report.readiness:
        st.markdown(
            f"{icons[r.status]} **{escape(r.use_case.title.get(lang))}**"
            f" — {message(f'status.{r.status}', lang)}"
        )
        details = [b.get(lang, b["fr"]) for b in r.blockers] if r.status == "not_advised" else []
        if r.status == "ready_once":
            details = [
                message(
                    "report.missing", lang, items="; ".join(m.get(lang, m["fr"]) for m in r.missing)
                )
            ]
        for detail in details:
            st.caption(escape(detail))


def _downloads(report: Report, s: state.Session, lang: str) -> None:
    st.subheader(message("results.downloads", lang))
    col1, col2 = st.columns(2)
    deliverables.plan_buttons(col1, col2, report, lang, "plan")
    name = report.establishment_name
    col1.download_button(
        message("results.download_answers", lang),
        data=answers_mod.dump(s.answers),
        file_name=deliverables.file_name("answers", name, lang, "json"),
        mime="application/json",
        on_click="ignore",
    )
    col2.download_button(
        message("results.download_csv", lang),
        data=results_csv(report, lang),
        file_name=deliverables.file_name("results", name, lang, "csv"),
        mime="text/csv",
        on_click="ignore",
    )
