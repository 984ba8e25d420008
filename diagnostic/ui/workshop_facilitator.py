"""Workshop facilitator: create a workshop, project the join code, watch live results, agree.

The facilitator key is shown once, at creation. Every result screen needs a
:class:`~diagnostic.workshop_access.FacilitatorAccess` obtained from the key in this session;
nothing in the URL or in hand-set session state opens a workshop's data.
"""

from __future__ import annotations

import io
from datetime import date
from typing import cast

import segno
import streamlit as st

from diagnostic import workshop, workshop_results
from diagnostic.content import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.ui import (
    resources,
    workshop_consensus,
    workshop_consolidated,
    workshop_dashboard,
    workshop_history,
)
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text, escape
from diagnostic.workshop_access import FacilitatorAccess, verify_key

ACCESS_KEY, CREATED_KEY, STATUS_KEY = "ws-access", "ws-created", "ws-fstatus"
PROFILE_FIELDS = (
    "establishment_name",
    "establishment_type",
    "legal_status",
    "beds",
    "staff",
    "activities",
    "ai_tools",
)


def _access() -> FacilitatorAccess | None:
    value = st.session_state.get(ACCESS_KEY)
    return value if isinstance(value, FacilitatorAccess) else None


def _create(q: Questionnaire, lang: str) -> None:
    ss = st.session_state
    profile = {
        f: ss.get(f"wf:{f}") for f in PROFILE_FIELDS if ss.get(f"wf:{f}") not in (None, "", [])
    }
    try:
        created = workshop.create_workshop(
            resources.engine(),
            q,
            title=str(ss.get("wf:title") or ""),
            held_on=ss.get("wf:date") or date.today(),
            profile=cast("dict[str, str | list[str]]", profile),
            expected_roles=list(ss.get("wf:roles") or []),
            retention_days=int(ss.get("wf:retention") or 30),
        )
    except InputError as exc:
        ss[STATUS_KEY] = ("error", error_text(exc, lang))
        return
    ss[CREATED_KEY] = created


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


def _join_link(code: str) -> str:
    try:
        base = str(st.context.url or "").split("?")[0]
    except Exception:  # older Streamlit or no request context (tests)
        base = ""
    return f"{base.rstrip('/')}/?view=join&w={code}"


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
        _show_created(created, lang)
    tab_open, tab_new = st.tabs([message("ws.open_title", lang), message("ws.create_title", lang)])
    with tab_open:
        _login_form(lang)
    with tab_new:
        _create_form(q, lang)


def _show_created(created: workshop.CreatedWorkshop, lang: str) -> None:
    link = _join_link(created.join_code)
    st.success(message("ws.created", lang))
    left, right = st.columns([2, 1])
    left.markdown(message("ws.code_is", lang))
    left.code(created.join_code, language=None)
    left.caption(message("ws.link_is", lang))
    left.code(link, language=None)
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
    right.image(buffer.getvalue(), caption=message("ws.qr_caption", lang))
    st.warning(message("ws.key_once", lang))
    st.button(
        message("ws.key_noted", lang),
        key="ws-noted",
        on_click=st.session_state.pop,
        args=(CREATED_KEY, None),
    )
    st.code(
        f"{message('ws.workshop_id', lang)} {created.workshop_id}\n"
        f"{message('ws.key', lang)} {created.facilitator_key}",
        language=None,
    )


def _login_form(lang: str) -> None:
    with st.form("ws-login"):
        st.text_input(message("ws.workshop_id", lang), key="wf:id", max_chars=40)
        st.text_input(message("ws.key", lang), key="wf:key", type="password", max_chars=200)
        st.form_submit_button(
            message("ws.open", lang), type="primary", on_click=_login, args=(lang,)
        )


def _create_form(q: Questionnaire, lang: str) -> None:
    roles = q.profile_by_id["respondent_role"]
    role_labels = {o.id: o.label.get(lang) for o in roles.options}
    with st.form("ws-create"):
        st.text_input(message("ws.title", lang), key="wf:title", max_chars=200)
        st.date_input(message("ws.date", lang), key="wf:date", value=date.today())
        for field in PROFILE_FIELDS:
            pq = q.profile_by_id[field]
            labels = {o.id: o.label.get(lang) for o in pq.options}
            if pq.kind == "text":
                st.text_input(escape(pq.text.get(lang)), key=f"wf:{field}", max_chars=pq.max_length)
            elif pq.kind == "single":
                st.selectbox(
                    escape(pq.text.get(lang)),
                    list(labels),
                    index=None,
                    format_func=labels.__getitem__,
                    key=f"wf:{field}",
                    placeholder=message("wizard.choose", lang),
                )
            else:
                st.multiselect(
                    escape(pq.text.get(lang)),
                    list(labels),
                    format_func=labels.__getitem__,
                    key=f"wf:{field}",
                    placeholder=message("wizard.choose_many", lang),
                )
        st.multiselect(
            message("ws.expected_roles", lang),
            list(role_labels),
            format_func=lambda v: role_labels[v],
            key="wf:roles",
        )
        st.number_input(
            message("ws.retention", lang), min_value=1, max_value=365, value=30, key="wf:retention"
        )
        st.form_submit_button(
            message("ws.create", lang), type="primary", on_click=_create, args=(q, lang)
        )


def _workshop_screen(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    # The live panel is projected: the whole width of the screen, one dimension per card.
    st.set_page_config(layout="wide")
    engine = resources.engine()
    info = workshop_results.workshop(engine, access, access.workshop_id)
    st.header(escape(info.title))
    st.caption(message("ws.code_is", lang) + f" {info.join_code}")
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
