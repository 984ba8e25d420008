"""The composed plan on screen: summary at the top of the results, the plan, the roadmap.

Kept apart from :mod:`diagnostic.ui.results` so the page layout and the plan can change
independently. Every string from content or from the user is escaped.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from diagnostic.i18n import message
from diagnostic.method.composition import Item
from diagnostic.method.report import Report
from diagnostic.outputs import plan_text
from diagnostic.outputs.wording import references_line
from diagnostic.ui.safe import escape


def _group(report: Report) -> str:
    value = report.answers.profile.get("group_membership")
    return value if isinstance(value, str) else ""


def confidence(report: Report, lang: str) -> None:
    """Confidence next to the stage, and the banner saying why when the result is indicative."""
    q, comp = report.questionnaire, report.composition
    st.caption(escape(plan_text.confidence(comp.confidence.overall, lang)))
    if banner := plan_text.indicative_banner(q, comp, lang):
        st.warning(escape(banner), icon="⚠️")


def summary(report: Report, lang: str) -> None:
    """ "Your priorities" (at most five, owner and due date) and what happens at 30/90/365 days."""
    q, comp = report.questionnaire, report.composition
    confidence(report, lang)
    st.subheader(message("plan.priorities", lang))
    st.caption(message("plan.priorities_help", lang))
    for n, item in enumerate(comp.priorities, start=1):
        step = plan_text.steps(q, comp, item, lang)[0]
        st.markdown(
            # "2\\." keeps Markdown from starting a numbered list (<ol start>) at each entry
            f"**{n}\\. [{item.priority}] {escape(plan_text.priority_line(item, lang))}**  \n"
            + escape(message("plan.first_step", lang, step=step))
        )
    with st.container(border=True):
        st.markdown("**" + message("plan.milestones", lang) + "**")
        for line in plan_text.milestones(comp, report.generated_on, lang):
            st.markdown("- " + escape(line))
    for line in plan_text.context_lines(q, comp, _group(report), lang):
        st.info(escape(line))


def _details(report: Report, item: Item, lang: str) -> None:
    q, comp = report.questionnaire, report.composition
    st.markdown(escape(plan_text.description(item, lang)))
    st.markdown("**" + message("report.steps", lang) + "**")
    for step in plan_text.steps(q, comp, item, lang):
        st.markdown("- " + escape(step))
    if item.action is not None:
        because = plan_text.because(item, lang)
        st.caption(escape(message("report.because", lang, because=because)))
        st.caption(escape(references_line(q, item.action.references, lang)))
    budget = q.plan_policy.budgets.first_quarter if q.plan_policy else 8
    st.caption(escape(message("plan.why", lang, reason=plan_text.reason(q, item, lang, budget))))
    if item.rule is not None and item.rule.levers:
        levers = ", ".join(q.levers[lv].title.get(lang) for lv in item.rule.levers)
        st.caption(escape(message("report.levers", lang, levers=levers)))


def _plan_columns(lang: str) -> dict[str, Any]:
    """Short columns sized to their longest value; the action title takes the rest.

    With an equal share each, "Échéance" was cut ("3 à 12 mo"); 150 px holds a date in words
    ("30 septembre 2027") at the table's font size.
    """
    return {
        message("results.col.priority", lang): st.column_config.TextColumn(width="small"),
        message("results.col.action", lang): st.column_config.TextColumn(width="large"),
        message("results.col.owner", lang): st.column_config.TextColumn(width="medium"),
        message("results.col.horizon", lang): st.column_config.TextColumn(width=150),
    }


def plan(report: Report, lang: str) -> None:
    """The plan in its published order, the "to check" list, "to consider next" collapsed."""
    q, comp = report.questionnaire, report.composition
    st.subheader(message("report.plan", lang))
    items = list(comp.items)
    owners = sorted({i.owner for i in items})
    chosen = st.multiselect(
        message("results.filter_owner", lang),
        owners,
        format_func=lambda o: plan_text.role(o, lang),
        placeholder=message("journey.filter_all", lang),
        select_all=False,  # Streamlit's "Select all" option is English only
        key="filter-owner",
    )
    shown = [i for i in items if not chosen or i.owner in chosen]
    table = pd.DataFrame(
        [
            {
                message("results.col.priority", lang): i.priority,
                message("results.col.action", lang): plan_text.title(i, lang),
                message("results.col.owner", lang): plan_text.role(i.owner, lang),
                message("results.col.horizon", lang): plan_text.day(i.due, lang),
            }
            for i in shown
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", column_config=_plan_columns(lang))
    for item in shown:
        with st.expander(escape(f"[{item.priority}] {plan_text.title(item, lang)}")):
            _details(report, item, lang)
    if comp.checklist:
        st.subheader(message("plan.checklist", lang))
        st.caption(message("plan.checklist_help", lang))
        for line in plan_text.check_lines(q, comp, lang):
            st.markdown("- " + escape(line))
    if comp.later:
        n = q.plan_policy.budgets.plan if q.plan_policy else len(items)
        label = f"{message('plan.later', lang)} ({len(comp.later)})"
        with st.expander(label, expanded=False):
            st.caption(message("plan.later_help", lang, n=n))
            for item in comp.later:
                owner = plan_text.role(item.owner, lang)
                st.markdown(f"- [{item.priority}] {escape(plan_text.title(item, lang))} ({owner})")


def roadmap(report: Report, lang: str) -> None:
    comp = report.composition
    st.subheader(message("report.roadmap", lang))
    for bucket, column in zip(("30", "90", "365"), st.columns(3), strict=True):
        with column:
            st.markdown("**" + message(f"roadmap.{bucket}", lang) + "**")
            for item in comp.bucket(bucket):
                st.markdown("- " + escape(plan_text.title(item, lang)))
    later = comp.bucket("later")
    if later:
        titles = "; ".join(plan_text.title(i, lang) for i in later)
        st.caption(escape(message("roadmap.later", lang) + " : " + titles))
