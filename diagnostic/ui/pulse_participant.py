"""The staff pulse survey on a phone: one screen, eight questions, "merci", no account.

Opened by the link ``?pulse=CODE`` (or its QR code). A closed, not yet open or unknown pulse says
so in one plain sentence. One answer per browser is *encouraged*, not enforced against a
determined person: Streamlit can read cookies but not set them without a custom component, so the
random marker lives in this tab's session and in the page's address (``&m=…``); reloading the page
keeps it and the store refuses a second answer from it. A new link opened afresh gets a new marker.
"""

from __future__ import annotations

import re
import secrets
from datetime import date

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.content.pulse_models import PulseItem
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method.disclosure import configured_min_group
from diagnostic.ui import resources
from diagnostic.ui.safe import error_text, escape
from diagnostic.workshop import pulse as pulses

CODE_PARAM, MARKER_PARAM = "pulse", "m"
MARKER_KEY, STATUS_KEY = "pulse-marker", "pulse-status"
MARKER_SHAPE = re.compile(r"^[0-9a-f]{32}$")


def marker() -> str:
    """This browser's random marker: from the session, else the address, else a new one."""
    ss = st.session_state
    current = ss.get(MARKER_KEY)
    if not isinstance(current, str):
        given = str(st.query_params.get(MARKER_PARAM) or "")
        current = given if MARKER_SHAPE.match(given) else secrets.token_hex(16)
        ss[MARKER_KEY] = current
    if st.query_params.get(MARKER_PARAM) != current:
        st.query_params[MARKER_PARAM] = current
    return current


def _done_key(code: str) -> str:
    return f"pulse-done:{code}"


def _raw(q: Questionnaire) -> dict[str, object]:
    ss = st.session_state
    assert q.pulse is not None
    raw: dict[str, object] = {}
    for item in q.pulse.items:
        if item.kind == "single":
            value = ss.get(f"pq:{item.id}")
            if value is not None:
                raw[item.id] = value
        else:
            raw[item.id] = [o.id for o in item.options if ss.get(f"pq:{item.id}:{o.id}")]
    return raw


def _send(q: Questionnaire, code: str, lang: str) -> None:
    assert q.pulse is not None
    try:
        pulses.submit(resources.engine(), q.pulse, code, _raw(q), marker(), date.today())
    except InputError as exc:
        st.session_state[STATUS_KEY] = error_text(exc, lang)
        return
    st.session_state[_done_key(code)] = True


def _item(item: PulseItem, lang: str) -> None:
    labels = {o.id: o.label.get(lang) for o in item.options}
    if item.kind == "single":
        st.radio(
            f"**{escape(item.text.get(lang))}**",
            list(labels),
            index=None,
            format_func=lambda v: escape(labels[v]),
            key=f"pq:{item.id}",
        )
        return
    st.markdown(f"**{escape(item.text.get(lang))}**")
    if item.max_choices:
        st.caption(message("pulse.choose_up_to", lang, max=item.max_choices))
    for option_id, label in labels.items():
        st.checkbox(escape(label), key=f"pq:{item.id}:{option_id}")


def render(q: Questionnaire, lang: str) -> None:
    code = str(st.query_params.get(CODE_PARAM) or "")
    st.header(message("pulse.participant_title", lang))
    info = pulses.find(resources.engine(), code) if code else None
    if info is None or q.pulse is None:
        st.error(message("pulse.unknown", lang))
        return
    st.subheader(escape(info.title))
    state = info.state(date.today())
    if state != "open":
        st.info(message(pulses.REFUSAL[state], lang))
        return
    browser = marker()
    if st.session_state.get(_done_key(info.join_code)):
        st.success(message("pulse.thanks", lang))
        st.caption(message("pulse.thanks_detail", lang, k=configured_min_group()))
        return
    if pulses.already_answered(resources.engine(), info.id, browser):
        st.info(message("pulse.already_answered", lang))
        return
    st.caption(escape(q.pulse.intro.get(lang).replace("{min}", str(configured_min_group()))))
    if error := st.session_state.pop(STATUS_KEY, None):
        st.error(error)
    with st.form("pulse-form"):
        for item in q.pulse.items:
            _item(item, lang)
        st.form_submit_button(
            message("pulse.send", lang),
            type="primary",
            width="stretch",
            on_click=_send,
            args=(q, info.join_code, lang),
        )
