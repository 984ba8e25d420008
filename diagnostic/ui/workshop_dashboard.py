"""The facilitator's live panel: participants, dimension statistics, divergence by role.

It refreshes alone every few seconds (a Streamlit fragment), reading aggregates that already hide
role groups under the workshop's minimum size.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from diagnostic import workshop_results
from diagnostic.content import Questionnaire
from diagnostic.i18n import message
from diagnostic.ui import resources
from diagnostic.ui.safe import escape
from diagnostic.workshop_access import FacilitatorAccess
from diagnostic.workshop_stats import Dashboard


@st.fragment(run_every="5s")
def live_panel(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    """Refreshes alone every few seconds; the rest of the page stays still."""
    board = workshop_results.dashboard(
        resources.engine(), q, access, access.workshop_id, record_view=False
    )
    st.metric(message("ws.participants", lang), len(board.participants))
    if board.missing_roles:
        labels = {o.id: o.label.get(lang) for o in q.profile_by_id["respondent_role"].options}
        st.caption(
            message(
                "ws.missing_roles",
                lang,
                roles=escape(", ".join(labels.get(r, r) for r in board.missing_roles)),
            )
        )
    _progress(q, board, lang)
    dims = pd.DataFrame(
        [
            {
                message("results.col.dimension", lang): q.dimension(d.dimension_id).short_title.get(
                    lang
                ),
                message("ws.respondents", lang): d.respondents,
                message("ws.mean", lang): None if d.mean is None else round(d.mean),
                message("ws.spread", lang): None if d.stdev is None else round(d.stdev),
            }
            for d in board.dimensions
        ]
    )
    st.dataframe(dims, hide_index=True, width="stretch")
    _question_distributions(q, board, lang)
    cells = [c for c in board.divergence if c.mean is not None]
    if cells:
        frame = pd.DataFrame(
            [
                {
                    "group": message(f"ws.group.{c.group}", lang)
                    if c.group == "other_roles"
                    else dict(
                        (o.id, o.label.get(lang))
                        for o in q.profile_by_id["respondent_role"].options
                    ).get(c.group, c.group),
                    "dimension": q.dimension(c.dimension_id).short_title.get(lang),
                    "mean": round(c.mean or 0),
                    "n": c.respondents,
                }
                for c in cells
            ]
        )
        heat = (
            alt.Chart(frame)
            .mark_rect()
            .encode(
                x=alt.X("dimension:N", title=None),
                y=alt.Y("group:N", title=None),
                color=alt.Color(
                    "mean:Q",
                    scale=alt.Scale(scheme="blues", domain=[0, 100]),
                    title=message("chart.score_axis", lang),
                ),
                tooltip=["group", "dimension", "mean", "n"],
            )
        )
        text = (
            alt.Chart(frame)
            .mark_text(color="black")
            .encode(x="dimension:N", y="group:N", text="mean:Q")
        )
        st.altair_chart(
            (heat + text).properties(title=message("ws.divergence", lang)), width="stretch"
        )
    else:
        st.caption(message("ws.groups_hidden", lang))
    if board.comments:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        message("ws.question", lang): q.questions[c.question_id].text.get(lang),
                        message("wizard.comment", lang): c.text,
                    }
                    for c in board.comments
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _progress(q: Questionnaire, board: Dashboard, lang: str) -> None:
    """Each participant (numbered, never named) and how far they got in each step."""
    if not board.participants:
        return
    rows = []
    for person in board.participants:
        row: dict[str, object] = {message("ws.participant", lang): f"P{person.number}"}
        for d in q.dimensions:
            done, asked = person.answered.get(d.id, 0), person.asked.get(d.id, 0)
            row[d.short_title.get(lang)] = f"{done}/{asked}"
        rows.append(row)
    with st.expander(message("ws.progress", lang)):
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _question_distributions(q: Questionnaire, board: Dashboard, lang: str) -> None:
    """How many people chose each level, question by question."""
    rows = [
        {
            message("ws.question", lang): q.questions[s.question_id].text.get(lang),
            **{str(level): n for level, n in enumerate(s.distribution.levels)},
            "?": s.distribution.dont_know,
            message("ws.spread", lang): None if s.stdev is None else round(s.stdev, 1),
        }
        for s in board.questions
        if s.distribution.total
    ]
    if rows:
        with st.expander(message("ws.by_question", lang)):
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
