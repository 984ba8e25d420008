"""Workshop facilitator: open a workshop, watch live results, agree (creation: workshop_create).

The facilitator key is shown once, at creation, on a step of its own. Every result screen needs a
:class:`~diagnostic.workshop.access.FacilitatorAccess` obtained from the key in this session;
nothing in the URL or in hand-set session state opens a workshop's data.
"""

from __future__ import annotations

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.ui import (
    resources,
    workshop_consensus,
    workshop_consolidated,
    workshop_create,
    workshop_dashboard,
    workshop_history,
    workshop_reveal,
)
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text, escape
from diagnostic.ui.workshop_create import ACCESS_KEY, CREATED_KEY, STATUS_KEY
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop.access import FacilitatorAccess, verify_key


def _access() -> FacilitatorAccess | None:
    value = st.session_state.get(ACCESS_KEY)
    return value if isinstance(value, FacilitatorAccess) else None


def _login(lang: str) -> None:
    ss = st.session_state
    try:
        ss[ACCESS_KEY] = verify_key(
            resources.engine(),
            str(ss.get("wf:id") or "").strip(),
            str(ss.get("wf:key") or "").strip(),
            client=current_client(),
        )
    except InputError as exc:
        ss.pop(ACCESS_KEY, None)
        ss[STATUS_KEY] = ("error", error_text(exc, lang))


def render(q: Questionnaire, lang: str) -> None:
    status = st.session_state.pop(STATUS_KEY, None)
    if status:
        getattr(st, status[0])(status[1])
    access = _access()
    if access is not None:
        try:
            _workshop_screen(q, access, lang)
            return
        except InputError as exc:  # expired access, deleted workshop
            st.session_state.pop(ACCESS_KEY, None)
            st.error(error_text(exc, lang))
    created = st.session_state.get(CREATED_KEY)
    if isinstance(created, workshop.CreatedWorkshop):
        workshop_create.key_step(created, lang)  # alone on screen: nothing here is projected
        return
    tab_open, tab_new = st.tabs([message("ws.open_title", lang), message("ws.create_title", lang)])
    with tab_open:
        _login_form(lang)
    with tab_new:
        workshop_create.create_form(q, lang)


def _login_form(lang: str) -> None:
    with st.form("ws-login"):
        st.text_input(message("ws.workshop_id", lang), key="wf:id", max_chars=40)
        st.text_input(message("ws.key", lang), key="wf:key", type="password", max_chars=200)
        st.form_submit_button(
            message("ws.open", lang), type="primary", on_click=_login, args=(lang,)
        )


def _workshop_screen(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    # The live panel is projected: the whole width of the screen, one dimension per card.
    st.set_page_config(layout="wide")
    engine = resources.engine()
    info = workshop_results.workshop(engine, access, access.workshop_id)
    st.header(escape(info.title))
    workshop_create.projection(info.join_code, lang)
    live, agree, close = st.tabs(
        [
            message("ws.tab_live", lang),
            message("ws.tab_consensus", lang),
            message("ws.tab_manage", lang),
        ]
    )
    with live:
        if "ws-viewed" not in st.session_state:
            workshop_results.dashboard(engine, q, access, access.workshop_id)  # audited once
            st.session_state["ws-viewed"] = True
        workshop_reveal.option(access.workshop_id, lang)
        workshop_dashboard.live_panel(q, access, lang)
    with agree:
        workshop_consensus.render(q, access, lang)
    with close:
        _manage(q, access, lang)


def _manage(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    engine = resources.engine()
    report = workshop_consolidated.render(q, access, lang)
    answers = report.answers
    st.divider()
    workshop_history.render(
        q, workshop_results.workshop(engine, access, access.workshop_id), answers, lang
    )
    st.divider()
    if st.button(message("ws.close", lang), key="ws-close"):
        workshop_results.close_workshop(engine, access, access.workshop_id)
        st.success(message("ws.closed_done", lang))
    if st.checkbox(message("ws.delete_confirm", lang), key="ws-del-ok") and st.button(
        message("ws.delete", lang), key="ws-del", type="primary"
    ):
        workshop_results.delete_workshop(engine, access, access.workshop_id)
        st.session_state.pop(ACCESS_KEY, None)
        st.session_state[STATUS_KEY] = ("success", message("ws.deleted", lang))
        st.rerun()
