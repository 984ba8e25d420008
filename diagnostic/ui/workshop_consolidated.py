"""The workshop's consolidated result, on screen above its downloads.

Built, like the downloads, from the agreed levels (or the median proposals where nothing was
agreed) read from the database at this run: stage, dimension scores with their coverage and
visibility, where the room diverged, and the first actions of the plan. A result built on only
some dimensions is marked indicative, with the missing ones named
(:mod:`diagnostic.outputs.provisional`).
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, percent
from diagnostic.method.report import Report, build_report
from diagnostic.outputs import plan_text, provisional
from diagnostic.outputs.wording import score_text, stage_name
from diagnostic.ui import deliverables, peer_optin, peer_panel, resources, workshop_reveal
from diagnostic.ui.safe import escape
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop.access import FacilitatorAccess


def consolidated(
    q: Questionnaire, access: FacilitatorAccess, lang: str
) -> tuple[Report, tuple[str, ...]]:
    """The consolidated report and the disagreements, read from the database now."""
    engine = resources.engine()
    answers = workshop_results.consensus_answers(
        engine, q, access, access.workshop_id, fill_with_proposals=True
    )
    report = build_report(q, answers, resources.editions())
    disagreed = workshop_results.disagreements(engine, q, access, access.workshop_id)
    notes = tuple(
        message(
            "ws.disagreed_line",
            lang,
            question=q.questions[d.question_id].text.get(lang),
            low=d.low,
            high=d.high,
        )
        for d in disagreed
    )
    return report, notes


def render(q: Questionnaire, access: FacilitatorAccess, lang: str) -> Report:
    """The result on screen, then the downloads; returns the report shown."""
    report, notes = consolidated(q, access, lang)
    st.subheader(message("ws.consolidated", lang))
    st.caption(message("ws.consolidated_help", lang))
    st.button(message("ws.refresh", lang), key="ws-refresh-plan")
    if any(
        d.scored and workshop_reveal.held(access.workshop_id, d.dimension_id)
        for d in report.scores.dimensions
    ):
        st.info(message("ws.consolidated_held", lang))  # its scores would show the answers
    else:
        _summary(report, notes, lang)
        prefix = peer_prefix(access.workshop_id)
        peer_panel.render(report, lang, prefix)
        peer_optin.render(report, lang, prefix, facilitator=True)
    st.markdown("#### " + message("ws.downloads", lang))
    col1, col2 = st.columns(2)
    # Built at click time from the database, so answers given since the page was drawn count.
    fresh = functools.partial(consolidated, q, access, lang)
    name = report.establishment_name
    deliverables.plan_buttons(col1, col2, fresh, lang, "workshop_plan", establishment=name)
    _exports(q, access, lang, col1, col2, name)
    return report


def _summary(report: Report, notes: tuple[str, ...], lang: str) -> None:
    q, s = report.questionnaire, report.scores
    if not any(d.scored for d in s.dimensions):
        st.info(message("ws.consolidated_empty", lang))
        return
    caveat = provisional.caveat(q, s, lang)
    if caveat:
        st.warning(escape(caveat), icon="⚠️")
    st.metric(
        message("results.stage", lang),
        escape(provisional.stage_label(q, s, lang)),
        score_text(s.overall, lang),
        delta_color="off",
        delta_arrow="off",
    )
    heads = message("report.dimension_columns", lang).split("|")
    rows = [
        {
            heads[0]: q.dimension(d.dimension_id).title.get(lang),
            heads[1]: score_text(d.score, lang),
            heads[4]: stage_name(q, d.stage_id, lang),
            heads[5]: percent(d.coverage * 100, lang),
            heads[6]: "–" if d.visibility is None else percent(d.visibility * 100, lang),
        }
        for d in s.dimensions
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(message("ws.coverage_help", lang))
    st.markdown("#### " + message("pdf.disagreements", lang))
    if notes:
        st.markdown("\n".join(f"- {escape(line)}" for line in notes))
    else:
        st.caption(message("ws.no_disagreement", lang))
    st.markdown("#### " + message("ws.top_actions", lang))
    # The composed priorities, as on the self-assessment's results: published order, owners
    # this establishment has, calendar due dates (not the raw rule list).
    priorities = report.composition.priorities
    if not priorities:
        st.caption(message("ws.no_actions", lang))
    for item in priorities:
        st.markdown(f"- **[{item.priority}]** {escape(plan_text.priority_line(item, lang))}")


def _exports(
    q: Questionnaire, access: FacilitatorAccess, lang: str, col1: Any, col2: Any, name: str | None
) -> None:
    """The answers CSV, or why it would be empty, and the consensus file."""
    engine = resources.engine()
    content = workshop_results.csv_content(engine, access, access.workshop_id)
    with_text = st.checkbox(message("ws.csv_with_comments", lang), key="ws-csv-text")
    if content.exported:
        col1.download_button(
            message("ws.export_csv", lang),
            data=functools.partial(
                workshop_results.export_answers_csv,
                engine,
                q,
                access,
                access.workshop_id,
                lang,
                include_comments=with_text,
            ),
            file_name=deliverables.file_name("workshop_answers", name, lang, "csv"),
            mime="text/csv",
            on_click="ignore",
        )
    elif content.answers:
        col1.info(message("ws.csv_hidden", lang, count=content.answers, min=content.min_group))
    else:
        col1.info(message("ws.csv_empty", lang))
    col2.download_button(
        message("ws.export_consensus", lang),
        data=functools.partial(
            workshop_results.export_consensus, engine, q, access, access.workshop_id
        ),
        file_name=deliverables.file_name("workshop_consensus", name, lang, "json"),
        mime="application/json",
        on_click="ignore",
    )


def peer_prefix(workshop_id: str) -> str:
    """Widget keys of the peer opt-in, one set per workshop, that do not spell its id.

    Streamlit writes each widget's key into the page (a ``st-key-…`` class): the projected page
    must not carry the workshop id, half of what opens the facilitator panel.
    """
    return "ws-" + hashlib.sha256(workshop_id.encode("utf-8")).hexdigest()[:12]
