"""The consensus tab: question by question, what the room answered and the level agreed on.

Answers keep arriving while this tab is open, so every run re-reads them, and the proposed level
(the participants' median) follows them into "Niveau retenu" until the facilitator picks a level
by hand or records one: a choice made in the room is never overwritten by a refresh.
"""

from __future__ import annotations

import functools

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.content.models import Question
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.ui import resources, workshop_reveal
from diagnostic.ui.safe import error_text, escape
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop.access import FacilitatorAccess
from diagnostic.workshop.results import ConsensusItem

# Set by the facilitator's page (workshop_facilitator.STATUS_KEY): shown once at the next run.
STATUS_KEY = "ws-fstatus"
OPTIONS = (0, 1, 2, 3, 4, "dont_know", "not_applicable")


def _set(q: Questionnaire, access: FacilitatorAccess, question_id: str, lang: str) -> None:
    value = st.session_state.get(f"wa:{question_id}")
    why = st.session_state.get(f"wr:{question_id}") or ""
    try:
        workshop_results.set_consensus(
            resources.engine(), q, access, access.workshop_id, question_id, value, why
        )
    except InputError as exc:
        st.session_state[STATUS_KEY] = ("error", error_text(exc, lang))


def _default(item: ConsensusItem, held: bool) -> None:
    """Put the agreed level, else the proposal, in the selector, unless changed by hand.

    ``wd:`` remembers what was last put there: while the selector still shows it, the facilitator
    has not chosen, and the default may move with the answers that arrived since. While the
    answers are held back (:mod:`diagnostic.ui.workshop_reveal`), no proposal: it would show them.
    """
    ss = st.session_state
    key, shown = f"wa:{item.question_id}", f"wd:{item.question_id}"
    chosen = item.agreed if item.agreed is not None else None if held else item.proposal
    if key not in ss or ss[key] == ss.get(shown):
        ss[key] = chosen
    ss[shown] = chosen
    if item.agreed is not None:
        ss.setdefault(f"wr:{item.question_id}", item.rationale)


def render(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    """The consensus tab, from the answers in the database at this run."""
    st.caption(message("ws.consensus_help", lang))
    # Only the live panel refreshes by itself; this reloads the answers given meanwhile.
    st.button(message("ws.refresh", lang), key="ws-refresh-consensus")
    items = workshop_results.consensus_items(resources.engine(), q, access, access.workshop_id)
    received = sum(i.distribution.total for i in items)
    agreed = sum(1 for i in items if i.agreed is not None)
    st.caption(
        message("ws.consensus_status", lang, answers=received, agreed=agreed, total=len(items))
    )
    for item in items:
        _item(q, access, item, lang)


def _label(q: Questionnaire, question: Question, lang: str, value: object) -> str:
    """Plain text: a selectbox shows its options as typed, so no Markdown escaping (unlike the
    participant's radio, whose labels are Markdown)."""
    if isinstance(value, str):
        return message(f"wizard.{value}", lang)
    level = next(lv for lv in q.levels_of(question) if lv.level == value)
    return f"{value} — {level.label.get(lang)}"


def _item(q: Questionnaire, access: FacilitatorAccess, item: ConsensusItem, lang: str) -> None:
    question = q.questions[item.question_id]
    d = item.distribution
    spread = " · ".join(f"{lvl}: {n}" for lvl, n in enumerate(d.levels)) + f" · ? {d.dont_know}"
    held = workshop_reveal.held(access.workshop_id, q.dimension_of[item.question_id])
    _default(item, held)
    with st.expander(escape(question.text.get(lang)) + ("  ✓" if item.agreed is not None else "")):
        if d.total and held:
            st.caption(message("ws.consensus_held", lang, answers=d.total))
        elif d.total:
            st.caption(message("ws.distribution", lang, spread=spread))
        else:
            st.caption(message("ws.no_answer_yet", lang))
        st.selectbox(
            message("ws.agreed", lang),
            list(OPTIONS),
            format_func=functools.partial(_label, q, question, lang),
            key=f"wa:{item.question_id}",
            placeholder=message("ws.no_proposal", lang),
        )
        st.text_input(message("ws.rationale", lang), key=f"wr:{item.question_id}", max_chars=2000)
        st.button(
            message("ws.record", lang),
            key=f"wb:{item.question_id}",
            on_click=_set,
            args=(q, access, item.question_id, lang),
        )
