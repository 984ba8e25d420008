"""Opening a pulse, and the owner's way back in: the key shown once, then the owner's panel.

As for workshops, the owner key has its own step, masked until asked for and never projected;
"I have written down the id and the key" opens the panel with the key already checked. Coming
back later takes the pulse id and the key; wrong keys are slowed down per client and all get the
same answer.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.ui import resources
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text
from diagnostic.workshop import pulse as pulses

ACCESS_KEY, CREATED_KEY, STATUS_KEY, REVEAL_KEY = (
    "po-access",
    "po-created",
    "po-status",
    "po-reveal",
)
MASK = "••••-••••-••••-••••-••••"


def _create(q: Questionnaire, lang: str) -> None:
    ss = st.session_state
    opens = ss.get("pf:opens") or date.today()
    closes = ss.get("pf:closes") or opens + timedelta(days=14)
    try:
        ss[CREATED_KEY] = pulses.create(
            resources.engine(), str(ss.get("pf:title") or ""), opens, closes, q.id
        )
    except InputError as exc:
        ss[STATUS_KEY] = ("error", error_text(exc, lang))
        return
    ss[REVEAL_KEY] = False


def _noted(pulse_id: str, key: str, lang: str) -> None:
    ss = st.session_state
    ss.pop(CREATED_KEY, None)
    ss.pop(REVEAL_KEY, None)
    _open(pulse_id, key, lang)


def _open(pulse_id: str, key: str, lang: str) -> None:
    try:
        st.session_state[ACCESS_KEY] = pulses.verify_key(
            resources.engine(), pulse_id.strip(), key, client=current_client()
        )
    except InputError as exc:
        st.session_state[STATUS_KEY] = ("error", error_text(exc, lang))


def _open_typed(lang: str) -> None:
    ss = st.session_state
    _open(str(ss.get("pa:id") or ""), str(ss.get("pa:key") or ""), lang)


def key_step(info: pulses.PulseInfo, key: str, lang: str) -> None:
    """The pulse id and owner key on a step of their own (never to be projected)."""
    st.success(message("pulse.created", lang))
    st.warning(message("pulse.key_once", lang))
    st.markdown(message("pulse.id_label", lang))
    st.code(info.id, language=None)
    st.markdown(message("pulse.key_label", lang))
    # Masked until asked for: the key is not even sent to the browser before that.
    if st.toggle(message("pulse.reveal", lang), key=REVEAL_KEY):
        st.code(key, language=None)
    else:
        st.text(MASK)
    st.button(
        message("pulse.key_noted", lang),
        key="po-noted",
        type="primary",
        on_click=_noted,
        args=(info.id, key, lang),
    )


def entry(q: Questionnaire, lang: str) -> None:
    """No access yet: open a new pulse, or come back to one with its id and key."""
    status = st.session_state.pop(STATUS_KEY, None)
    if status:
        getattr(st, status[0])(status[1])
    created = st.session_state.get(CREATED_KEY)
    if created is not None:
        key_step(created[0], created[1], lang)
        return
    st.caption(message("pulse.owner_intro", lang))
    new, back = st.tabs([message("pulse.tab_new", lang), message("pulse.tab_back", lang)])
    with new, st.form("pulse-create"):
        st.text_input(message("pulse.title_label", lang), key="pf:title", max_chars=200)
        st.date_input(message("pulse.opens_label", lang), key="pf:opens", value=date.today())
        st.date_input(
            message("pulse.closes_label", lang),
            key="pf:closes",
            value=date.today() + timedelta(days=14),
        )
        st.form_submit_button(
            message("pulse.create", lang), type="primary", on_click=_create, args=(q, lang)
        )
    with back, st.form("pulse-access"):
        st.text_input(message("pulse.id_input", lang), key="pa:id", max_chars=64)
        st.text_input(message("pulse.key_input", lang), key="pa:key", type="password", max_chars=64)
        st.form_submit_button(message("pulse.open", lang), on_click=_open_typed, args=(lang,))
