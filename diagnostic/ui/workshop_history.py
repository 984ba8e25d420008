"""The establishment's history, for a facilitator: keep this consensus, compare with earlier ones.

A workshop reaches a history only when its facilitator presents that history's secret (issued
once, when the history is started with a first consensus): the establishment name in the
workshop's profile opens nothing. The access lives in this browser session only.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import Answers
from diagnostic.outputs.wording import long_date
from diagnostic.ui import compare, resources
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text, escape
from diagnostic.workshop import history, history_access
from diagnostic.workshop.history_access import HistoryAccess, HistoryDenied
from diagnostic.workshop.queries import WorkshopInfo

ACCESS_KEY, SECRET_KEY, STATUS_KEY = "hist-access", "hist-secret", "hist-status"


def _establishment(info: WorkshopInfo) -> str:
    name = info.profile.get("establishment_name")
    return name if isinstance(name, str) and name.strip() else info.title


def _access(info: WorkshopInfo) -> HistoryAccess | None:
    """The history opened for *this* workshop: opening another workshop does not carry it over."""
    value = st.session_state.get(ACCESS_KEY)
    if isinstance(value, tuple) and len(value) == 2 and value[0] == info.id:
        access = value[1]
        return access if isinstance(access, HistoryAccess) else None
    return None


def _open(info: WorkshopInfo, lang: str) -> None:
    ss = st.session_state
    try:
        ss[ACCESS_KEY] = (
            info.id,
            history_access.open_history(
                resources.engine(), str(ss.get("hist:secret") or ""), client=current_client()
            ),
        )
    except InputError as exc:
        ss[STATUS_KEY] = error_text(exc, lang)
    ss["hist:secret"] = ""


def _start(info: WorkshopInfo, consensus: Answers, lang: str) -> None:
    ss = st.session_state
    try:
        access, secret, _ = history.start_history(
            resources.engine(), _establishment(info), info.held_on, "workshop", consensus
        )
    except InputError as exc:
        ss[STATUS_KEY] = error_text(exc, lang)
        return
    ss[ACCESS_KEY], ss[SECRET_KEY] = (info.id, access), secret


def _confirmed(
    access: HistoryAccess, answers: Answers, key: str, lang: str, name: str | None = None
) -> bool:
    """True when the answers name this history's establishment, or the user confirms they belong."""
    mismatch = history.import_needs_confirmation(access, answers, name)
    if mismatch is None:
        return True
    name, found = mismatch
    st.warning(
        escape(
            message(
                "history.mismatch", lang, name=name, found=found or message("history.no_name", lang)
            )
        )
    )
    return st.checkbox(escape(message("history.mismatch_confirm", lang, name=name)), key=key)


def render(q: Questionnaire, info: WorkshopInfo, consensus: Answers, lang: str) -> None:
    ss = st.session_state
    st.subheader(message("history.title", lang))
    st.caption(message("history.help", lang))
    status = ss.pop(STATUS_KEY, None)
    if status:
        st.error(status)
    secret = ss.get(SECRET_KEY)
    if isinstance(secret, str):
        st.warning(message("history.secret_once", lang))
        st.code(secret, language=None)
        st.button(
            message("history.secret_noted", lang),
            key="hist-noted",
            on_click=ss.pop,
            args=(SECRET_KEY, None),
        )
    access = _access(info)
    if access is None:
        st.caption(message("history.open_help", lang))
        with st.form("hist-open"):
            st.text_input(
                message("history.secret_label", lang),
                key="hist:secret",
                type="password",
                max_chars=200,
            )
            st.form_submit_button(message("history.open", lang), on_click=_open, args=(info, lang))
        st.button(
            message("history.start", lang),
            key="hist-start",
            on_click=_start,
            args=(info, consensus, lang),
        )
        return
    try:
        _opened(q, access, info, consensus, lang)
    except HistoryDenied as exc:  # its code was rotated meanwhile: close it, keep the workshop
        ss.pop(ACCESS_KEY, None)
        st.error(error_text(exc, lang))


def _opened(
    q: Questionnaire, access: HistoryAccess, info: WorkshopInfo, consensus: Answers, lang: str
) -> None:
    engine = resources.engine()
    st.caption(escape(message("history.opened", lang, name=access.name)))
    st.button(
        message("history.close", lang),
        key="hist-close",
        on_click=st.session_state.pop,
        args=(ACCESS_KEY, None),
    )
    if _confirmed(access, consensus, "hist-ok-save", lang, _establishment(info)) and st.button(
        message("history.save", lang), key="hist-save"
    ):
        try:
            history.save_diagnostic(engine, access, info.held_on, "workshop", consensus)
            st.success(message("history.saved", lang))
        except InputError as exc:
            st.error(error_text(exc, lang))
    uploaded = st.file_uploader(
        message("history.import", lang), type=["json", "yaml", "yml"], key="hist-upload"
    )
    if uploaded is not None and st.session_state.get("hist-done") != uploaded.file_id:
        try:
            self_assessment = answers_mod.read(uploaded.getvalue(), q)
            if _confirmed(access, self_assessment, "hist-ok-import", lang):
                when = self_assessment.updated_at or self_assessment.created_at
                history.save_diagnostic(
                    engine, access, when.date() if when else date.today(), "self", self_assessment
                )
                st.session_state["hist-done"] = uploaded.file_id
                st.success(message("history.saved", lang))
        except InputError as exc:
            st.error(error_text(exc, lang))
    entries = history.list_diagnostics(engine, access)
    if not entries:
        return
    labels = {
        e.id: f"{long_date(e.held_on, lang)} — {message(f'history.source.{e.source}', lang)}"
        for e in entries
    }
    chosen = st.selectbox(
        message("history.compare_with", lang),
        list(labels),
        format_func=labels.__getitem__,
        index=None,
        key="hist-pick",
    )
    if chosen is None:
        return
    diff = history.compare(history.load_diagnostic(engine, access, q, chosen), consensus, q)
    compare.show(q, diff, lang)
