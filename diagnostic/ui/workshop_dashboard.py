"""The facilitator's live panel, designed to be projected to the room.

It refreshes alone every few seconds (a Streamlit fragment), reading aggregates that already hide
role groups under the workshop's minimum size. For a screen read from the back of a room: large
type, one chart per dimension with its counts printed, full question texts (wrapped, never cut),
no table that scrolls sideways, and words rather than empty cells where nothing is known yet.
The facilitator may hold back the answers until revealed, dimension by dimension
(:mod:`diagnostic.ui.workshop_reveal`); progress stays in view.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, number
from diagnostic.ui import resources, workshop_charts, workshop_reveal
from diagnostic.ui.safe import escape
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop.access import FacilitatorAccess
from diagnostic.workshop.stats import Dashboard, DimensionStats

COLUMNS = 2  # dimension cards side by side on a 1280-pixel projector


@st.fragment(run_every="5s")
def live_panel(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    """Refreshes alone every few seconds; the rest of the page stays still."""
    # Projected: the whole width. Asked again at each refresh, as the page's own run asks for
    # the centred layout first and the browser does not always keep the later call.
    st.set_page_config(layout="wide")
    board = workshop_results.dashboard(
        resources.engine(), q, access, access.workshop_id, record_view=False
    )
    left, right = st.columns(2)
    left.metric(message("ws.participants", lang), len(board.participants))
    right.metric(
        message("ws.answers_received", lang),
        sum(sum(p.answered.values()) for p in board.participants),
    )
    if board.missing_roles:
        labels = _role_labels(q, lang)
        st.markdown(
            "### "
            + message(
                "ws.missing_roles",
                lang,
                roles=escape(", ".join(labels.get(r, r) for r in board.missing_roles)),
            )
        )
    _progress(q, board, lang)
    shown = workshop_reveal.revealed(access.workshop_id)
    if shown is not None:
        workshop_reveal.reveal_all_button(
            access.workshop_id,
            (
                s.dimension_id
                for s in board.dimensions
                if s.respondents and s.dimension_id not in shown
            ),
            lang,
        )
    # Row by row, so the cards read left to right in questionnaire order.
    for start in range(0, len(board.dimensions), COLUMNS):
        row = board.dimensions[start : start + COLUMNS]
        for column, stats in zip(st.columns(COLUMNS), row, strict=False):
            with column, st.container(border=True):
                _dimension(q, board, stats, lang, shown)
    _divergence(q, board, lang, shown)
    _comments(q, board, lang, shown)


def _visible(shown: frozenset[str] | None, dimension_id: str) -> bool:
    """Whether a dimension's answers may be drawn: always, unless held back and not revealed."""
    return shown is None or dimension_id in shown


def _role_labels(q: Questionnaire, lang: str) -> dict[str, str]:
    return {o.id: o.label.get(lang) for o in q.profile_by_id["respondent_role"].options}


def _dimension(
    q: Questionnaire,
    board: Dashboard,
    stats: DimensionStats,
    lang: str,
    shown: frozenset[str] | None,
) -> None:
    """One card: the dimension's full name, its figures in words, its chart, its questions.

    Held back and not yet revealed, the card says only how many have answered, and offers the
    button that reveals it.
    """
    st.markdown("### " + escape(q.dimension(stats.dimension_id).title.get(lang)))
    if stats.mean is None or stats.stdev is None:
        st.markdown("#### " + message("ws.no_answer_dimension", lang))
        return
    if not _visible(shown, stats.dimension_id):
        st.markdown("#### " + message("ws.answers_hidden", lang, respondents=stats.respondents))
        workshop_reveal.reveal_button(board.workshop.id, stats.dimension_id, lang)
        return
    st.markdown(
        "#### "
        + message(
            "ws.dimension_line",
            lang,
            mean=number(stats.mean, lang),
            respondents=stats.respondents,
            spread=number(stats.stdev, lang),
        )
    )
    st.altair_chart(workshop_charts.distribution_chart(stats.distribution, lang), width="stretch")
    questions = [
        s for s in board.questions if s.dimension_id == stats.dimension_id and s.distribution.total
    ]
    with st.expander(message("ws.by_question", lang)):
        for s in questions:
            d = s.distribution
            counts = " · ".join(f"**{lvl}** : {n}" for lvl, n in enumerate(d.levels))
            st.markdown(
                f"{escape(q.questions[s.question_id].text.get(lang))}  \n"
                f"{counts} · **?** : {d.dont_know}"
            )


def _progress(q: Questionnaire, board: Dashboard, lang: str) -> None:
    """Each participant (numbered, never named) and how far they got, as a bar."""
    if not board.participants:
        st.markdown("### " + message("ws.nobody_yet", lang))
        return
    with st.expander(message("ws.progress_all", lang)):
        columns = st.columns(COLUMNS)
        for i, person in enumerate(board.participants):
            done, asked = sum(person.answered.values()), sum(person.asked.values())
            columns[i % COLUMNS].progress(
                done / asked if asked else 0.0,
                text=message(
                    "ws.progress_line", lang, who=f"P{person.number}", done=done, asked=asked
                ),
            )


def _divergence(
    q: Questionnaire, board: Dashboard, lang: str, shown: frozenset[str] | None
) -> None:
    cells = [c for c in board.divergence if c.mean is not None]
    if not cells:
        st.caption(message("ws.groups_hidden", lang))
        return
    cells = [c for c in cells if _visible(shown, c.dimension_id)]
    if not cells:
        st.caption(message("ws.divergence_held", lang))
        return
    roles = _role_labels(q, lang)
    frame = pd.DataFrame(
        [
            {
                "group": message(f"ws.group.{c.group}", lang)
                if c.group == "other_roles"
                else roles.get(c.group, c.group),
                "dimension": q.dimension(c.dimension_id).title.get(lang),
                "mean": round(c.mean or 0),
            }
            for c in cells
        ]
    )
    st.altair_chart(workshop_charts.divergence_chart(frame, lang), width="stretch")


def _comments(q: Questionnaire, board: Dashboard, lang: str, shown: frozenset[str] | None) -> None:
    comments = [c for c in board.comments if _visible(shown, q.dimension_of[c.question_id])]
    if len(comments) < len(board.comments):
        st.caption(message("ws.comments_held", lang))
    if not comments:
        return
    st.markdown("### " + message("ws.comments", lang))
    for c in comments:
        st.markdown(f"**{escape(q.questions[c.question_id].text.get(lang))}**  \n{escape(c.text)}")
