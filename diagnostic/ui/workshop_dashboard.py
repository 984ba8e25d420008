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
from diagnostic.workshop_access import FacilitatorAccess


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
                roles=", ".join(labels.get(r, r) for r in board.missing_roles),
            )
        )
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
