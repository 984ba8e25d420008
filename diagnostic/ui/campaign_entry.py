"""An invited establishment's page, opened by its campaign link (``?c=TOKEN``).

The establishment sees its campaign's title and period, its own name and a plain statement that
the campaign owner will see its answers and results; nothing about any other establishment. It
fills the ordinary wizard: the session's answers are the entry's, and the wizard's saves go to
the entry (``Session.sink``) instead of a draft. It reads its results and downloads its PDF on
the ordinary results screen, then says "J'ai terminé" here. After the end date the page says the
entry is read-only and the wizard's saves are refused with that message.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import Answers
from diagnostic.method.bands import SIZE_BANDS
from diagnostic.outputs.campaign_columns import STATUS_KEYS
from diagnostic.outputs.wording import long_date
from diagnostic.ui import resources, state, workshop_create
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text, inline
from diagnostic.workshop import campaign_entry, campaign_workshop, creation_guard
from diagnostic.workshop.admin import CreatedWorkshop
from diagnostic.workshop.campaign_access import EntryAccess, open_entry

ACCESS_KEY, TOKEN_KEY = "ce-access", "ce-token"
TODAY_KEY = "ce-today"  # tests fix the date here
WS_CREATED_KEY = workshop_create.CREATED_KEY
REVEAL_KEY = workshop_create.REVEAL_KEY


def today() -> date:
    fixed = st.session_state.get(TODAY_KEY)
    return fixed if isinstance(fixed, date) else date.today()


def _save(access: EntryAccess, answers: Answers) -> None:
    campaign_entry.save_answers(resources.engine(), access, answers, today=today())


def prefilled(q: Questionnaire, seen: campaign_entry.EntryView) -> Answers:
    """The entry's answers, or a fresh set with the invitation's name, type and size band."""
    if seen.answers is not None:
        return seen.answers
    profile: dict[str, object] = {"establishment_name": seen.name}
    types = {o.id for o in q.profile_by_id["establishment_type"].options}
    if seen.establishment_type in types:
        profile["establishment_type"] = seen.establishment_type
    if seen.size_band in SIZE_BANDS and "beds" in q.profile_by_id:
        profile["beds"] = seen.size_band
    known = {k: v for k, v in profile.items() if k in q.profile_by_id}
    return replace(answers_mod.empty(q), profile=known)  # type: ignore[arg-type]


def _open(q: Questionnaire, s: state.Session, token: str) -> None:
    """Open the link once per token: the session's answers become the entry's."""
    ss = st.session_state
    ss[TOKEN_KEY] = token
    ss.pop(ACCESS_KEY, None)
    try:
        access = open_entry(resources.engine(), token, current_client())
        seen = campaign_entry.view(resources.engine(), q, access)
    except InputError as exc:
        s.sink = None
        ss["ce-error"] = exc
        return
    ss.pop("ce-error", None)
    ss[ACCESS_KEY] = access
    s.answers, s.token, s.express = prefilled(q, seen), None, False
    s.saved = seen.answers is not None
    s.sink = functools.partial(_save, access)
    s.step = state.first_open_step(q, s.answers)


def _act(q: Questionnaire, s: state.Session, what: str, lang: str) -> None:
    access = st.session_state.get(ACCESS_KEY)
    if not isinstance(access, EntryAccess):
        return
    try:
        if what == "finish":
            campaign_entry.finish(resources.engine(), access, today=today())
            s.notices.append(("success", "campaign.entry.finished_done"))
        elif what == "reopen":
            campaign_entry.reopen(resources.engine(), access, today=today())
        elif what in ("wizard", "results"):
            # Read again: another tab, or the workshop's consensus, may have changed the answers.
            s.answers = prefilled(q, campaign_entry.view(resources.engine(), q, access))
            s.view, s.step = what, state.first_open_step(q, s.answers)
    except InputError as exc:
        st.session_state["ce-status"] = error_text(exc, lang)


def _start_workshop(q: Questionnaire, access: EntryAccess, lang: str) -> None:
    ss = st.session_state
    try:
        ss[WS_CREATED_KEY] = campaign_workshop.run_as_workshop(
            resources.engine(),
            q,
            access,
            held_on=ss.get("ce:ws-date") or today(),
            today=today(),
            client=current_client(),
            creation_token=str(ss.get("ce:ws-token") or ""),
        )
        ss[REVEAL_KEY] = False
    except InputError as exc:
        ss["ce-status"] = error_text(exc, lang)


def _record(q: Questionnaire, access: EntryAccess, lang: str) -> None:
    ss = st.session_state
    try:
        campaign_workshop.record_consensus(
            resources.engine(),
            q,
            access,
            str(ss.get("ce:ws-key") or ""),
            today=today(),
            client=current_client(),
        )
        ss["ce-recorded"] = True
    except InputError as exc:
        ss["ce-status"] = error_text(exc, lang)


def workshop(
    q: Questionnaire, seen: campaign_entry.EntryView, access: EntryAccess, lang: str
) -> None:
    """Run the entry as a workshop instead, or record the workshop's consensus into it."""
    created = st.session_state.get(WS_CREATED_KEY)
    if isinstance(created, CreatedWorkshop):
        st.info(message("campaign.workshop.then", lang))
        workshop_create.key_step(created, lang)
        return
    if seen.mode == "workshop":
        st.info(message("campaign.workshop.is_workshop", lang))
        if st.session_state.pop("ce-recorded", False):
            st.success(message("campaign.workshop.recorded", lang))
        with st.form("ce-record", enter_to_submit=False):
            st.text_input(message("ws.key", lang), key="ce:ws-key", type="password", max_chars=200)
            st.form_submit_button(
                message("campaign.workshop.record", lang), on_click=_record, args=(q, access, lang)
            )
        return
    if seen.answers is not None:
        return
    with st.expander(message("campaign.workshop.offer", lang)):
        st.caption(message("campaign.workshop.offer_help", lang))
        st.date_input(message("ws.date", lang), key="ce:ws-date", value=today())
        if creation_guard.required_token() is not None:
            st.text_input(
                message("wc.token_label", lang), key="ce:ws-token", type="password", max_chars=200
            )
        st.button(
            message("campaign.workshop.create", lang),
            key="ce-ws-create",
            on_click=_start_workshop,
            args=(q, access, lang),
        )


def render(q: Questionnaire, s: state.Session, lang: str) -> None:
    token = str(st.query_params.get("c") or "")
    if token and st.session_state.get(TOKEN_KEY) != token:
        _open(q, s, token)
    error = st.session_state.get("ce-error")
    access = st.session_state.get(ACCESS_KEY)
    if access is None:
        st.title(message("campaign.entry.title_unknown", lang))
        st.error(error_text(error, lang) if error else message("campaign.entry.no_link", lang))
        return
    try:
        seen = campaign_entry.view(resources.engine(), q, access)
    except InputError as exc:
        st.session_state.pop(ACCESS_KEY, None)
        s.sink = None
        st.error(error_text(exc, lang))
        return
    st.title(inline(seen.campaign_title))
    st.subheader(message("campaign.entry.for", lang, name=inline(seen.name)))
    st.info(message("campaign.entry.owner_sees", lang))
    period = message(
        "campaign.entry.period",
        lang,
        start=long_date(seen.starts_on, lang),
        end=long_date(seen.ends_on, lang),
    )
    st.markdown(period)
    status = message(STATUS_KEYS[seen.status], lang)
    st.markdown(message("campaign.entry.status", lang, status=status))
    note = st.session_state.pop("ce-status", None)
    if note:
        st.error(note)
    closed = seen.closed(today())
    if closed:
        st.warning(message("campaign.closed", lang))
    left, middle, right = st.columns(3)
    if not closed and seen.mode != "workshop":
        left.button(
            message(
                "campaign.entry.fill" if seen.answers is None else "campaign.entry.resume", lang
            ),
            key="ce-wizard",
            type="primary" if seen.status != "finished" else "secondary",
            on_click=_act,
            args=(q, s, "wizard", lang),
        )
    if seen.answers is not None:
        middle.button(
            message("campaign.entry.results", lang),
            key="ce-results",
            on_click=_act,
            args=(q, s, "results", lang),
        )
    if closed:
        return
    workshop(q, seen, access, lang)
    if seen.mode == "workshop":
        return
    if seen.status == "started":
        right.button(
            message("campaign.entry.finish", lang),
            key="ce-finish",
            type="primary",
            on_click=_act,
            args=(q, s, "finish", lang),
        )
        st.caption(message("campaign.entry.finish_help", lang))
    elif seen.status == "finished":
        right.button(
            message("campaign.entry.reopen", lang),
            key="ce-reopen",
            on_click=_act,
            args=(q, s, "reopen", lang),
        )
        st.success(message("campaign.entry.is_finished", lang, end=long_date(seen.ends_on, lang)))
