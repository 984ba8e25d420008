"""Workshop participant, on a phone: join with the code, choose a role, answer, resume any time.

Each answer is saved the moment it is given (the radio's change callback), and the screen says
"saved" only once the database has committed it. A lost connection or a locked phone loses
nothing: the participant's token is in the link, and reopening it resumes at the next question.
"""

from __future__ import annotations

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method.conditions import allows_not_applicable, is_asked
from diagnostic.ui import resources
from diagnostic.ui.safe import error_text, escape
from diagnostic.ui.wizard import option_label, options_for
from diagnostic.workshop import participant as workshop

TOKEN_PARAM, CODE_PARAM = "p", "w"
STEP_KEY, STATUS_KEY = "ws-step", "ws-status"


def _join(q: Questionnaire, lang: str) -> None:
    code = str(st.session_state.get("ws-code") or "")
    role = st.session_state.get("ws-role")
    try:
        session = workshop.join(resources.engine(), code, str(role or ""))
    except InputError as exc:
        st.session_state[STATUS_KEY] = ("error", error_text(exc, lang))
        return
    st.query_params[TOKEN_PARAM] = session.token
    st.query_params.pop(CODE_PARAM, None)
    st.session_state[STATUS_KEY] = ("success", message("ws.joined", lang))


def _save(q: Questionnaire, token: str, question_id: str, lang: str) -> None:
    """Change callback: save this one answer now; say "saved" only after the commit."""
    value = st.session_state.get(f"wq:{question_id}")
    comment = st.session_state.get(f"wc:{question_id}")
    try:
        workshop.save_answer(resources.engine(), q, token, question_id, value, comment)
    except InputError as exc:
        st.session_state[f"ws-saved:{question_id}"] = ("error", error_text(exc, lang))
        return
    st.session_state[f"ws-saved:{question_id}"] = ("ok", message("ws.saved", lang))


def _erase(token: str, lang: str) -> None:
    try:
        count = workshop.erase_my_answers(resources.engine(), token)
    except InputError as exc:
        st.session_state[STATUS_KEY] = ("error", error_text(exc, lang))
        return
    st.session_state[STATUS_KEY] = ("success", message("ws.erased", lang, count=count))


def _unsaved(question_id: str, state: workshop.ParticipantState) -> bool:
    """True when the screen shows an answer or a comment the database does not hold.

    After a server restart the tab reconnects to a new session and sends back the values it
    still displays; one given just before the restart was never saved, and must not look saved.
    """
    shown = st.session_state.get(f"wq:{question_id}")
    if shown is not None and shown != state.answers.answers.get(question_id):
        return True
    note = st.session_state.get(f"wc:{question_id}")
    try:
        typed = workshop.cleaned_note(note if isinstance(note, str) else None)
    except InputError:  # too long to be saved: certainly not saved
        return True
    return typed is not None and typed != state.answers.comments.get(question_id)


def render(q: Questionnaire, lang: str) -> None:
    status = st.session_state.pop(STATUS_KEY, None)
    if status:
        getattr(st, status[0])(status[1])
    token = st.query_params.get(TOKEN_PARAM)
    if not token:
        _join_form(q, lang)
        return
    try:
        state = workshop.resume(resources.engine(), q, token)
    except InputError as exc:
        st.error(error_text(exc, lang))
        st.query_params.pop(TOKEN_PARAM, None)
        return
    _questions(q, token, state, lang)


def _join_form(q: Questionnaire, lang: str) -> None:
    st.header(message("ws.join_title", lang))
    roles = q.profile_by_id["respondent_role"]
    labels = {o.id: o.label.get(lang) for o in roles.options}
    with st.form("ws-join"):
        st.text_input(
            message("ws.code", lang),
            value=st.query_params.get(CODE_PARAM, ""),
            key="ws-code",
            max_chars=16,
        )
        st.selectbox(
            message("ws.role", lang),
            list(labels),
            index=None,
            format_func=lambda v: labels[v],
            placeholder=message("wizard.choose", lang),
            key="ws-role",
        )
        st.caption(message("ws.join_privacy", lang))
        st.form_submit_button(
            message("ws.join", lang), type="primary", on_click=_join, args=(q, lang)
        )


def _questions(q: Questionnaire, token: str, state: workshop.ParticipantState, lang: str) -> None:
    st.header(escape(state.workshop.title))
    facts_profile = state.workshop.profile
    from diagnostic.content.facts import Facts

    facts = Facts(profile=facts_profile)
    asked = [(d, x) for d in q.dimensions for x in d.questions if is_asked(x, facts)]
    done = sum(1 for _, x in asked if x.id in state.answers.answers)
    st.progress(
        done / len(asked) if asked else 0.0,
        text=message("wizard.progress", lang, answered=done, asked=len(asked)),
    )
    if STEP_KEY not in st.session_state:
        first = next(
            (
                i
                for i, d in enumerate(q.dimensions)
                if any(x.id == state.next_question for x in d.questions)
            ),
            0,
        )
        st.session_state[STEP_KEY] = first
    step = int(st.session_state[STEP_KEY])
    dimension = q.dimensions[step]
    st.subheader(f"{step + 1}/{len(q.dimensions)} — {escape(dimension.title.get(lang))}")
    for question in dimension.questions:
        if not is_asked(question, facts):
            continue
        options = options_for(q, question, allows_not_applicable(question, facts))
        current = state.answers.answers.get(question.id)
        st.radio(
            escape(question.text.get(lang)),
            options,
            index=options.index(current) if current in options else None,
            format_func=lambda v, question=question: option_label(q, question, v, lang),
            key=f"wq:{question.id}",
            on_change=_save,
            args=(q, token, question.id, lang),
        )
        with st.expander(message("wizard.comment_and_evidence", lang)):
            st.text_area(
                message("wizard.comment", lang),
                value=state.answers.comments.get(question.id, ""),
                key=f"wc:{question.id}",
                max_chars=2000,
                help=message("wizard.no_patient_data", lang),
                on_change=_save,
                args=(q, token, question.id, lang),
            )
        saved = st.session_state.get(f"ws-saved:{question.id}")
        if saved and saved[0] != "ok":
            st.error(saved[1])
        elif _unsaved(question.id, state):
            st.warning(message("ws.not_saved", lang))
        elif saved:
            st.caption(saved[1])
    left, right = st.columns(2)
    if step > 0 and left.button(message("wizard.previous", lang), key="ws-prev"):
        st.session_state[STEP_KEY] = step - 1
        st.rerun()
    if step < len(q.dimensions) - 1 and right.button(
        message("wizard.next", lang), key="ws-next", type="primary"
    ):
        st.session_state[STEP_KEY] = step + 1
        st.rerun()
    st.divider()
    st.caption(message("ws.resume_hint", lang))
    if st.checkbox(message("ws.erase_confirm", lang), key="ws-erase-ok"):
        st.button(message("ws.erase", lang), key="ws-erase", on_click=_erase, args=(token, lang))
