"""Entry point of the interface: language, sidebar navigation, notices, and the current view."""

from __future__ import annotations

import logging

import streamlit as st

from diagnostic import answers as answers_mod
from diagnostic import store
from diagnostic.content import Questionnaire
from diagnostic.errors import ContentError
from diagnostic.i18n import Lang, as_lang, message
from diagnostic.ui import (
    home,
    method,
    resources,
    results,
    state,
    wizard,
    workshop_facilitator,
    workshop_participant,
)

log = logging.getLogger(__name__)
VIEW_RENDERERS = {"home": home.render, "wizard": wizard.render, "results": results.render}


def _switch_language(lang: Lang) -> None:
    st.query_params["lang"] = "en" if lang == "fr" else "fr"


def _go(q: Questionnaire, view: str) -> None:
    state.session(q).view = view


def _forget(q: Questionnaire) -> None:
    """Delete this session's draft from the server and start afresh."""
    s = state.session(q)
    if s.token:
        try:
            store.delete_draft(resources.engine(), s.token)
        except Exception:
            log.exception("could not delete draft")
    s.answers, s.token, s.saved, s.step, s.view = answers_mod.empty(q), None, False, 0, "home"
    if "r" in st.query_params:
        del st.query_params["r"]
    s.notices.append(("success", "forget.done"))


def sidebar(q: Questionnaire, s: state.Session, lang: Lang) -> None:
    with st.sidebar:
        st.button(
            message("app.switch_language", lang),
            on_click=_switch_language,
            args=(lang,),
            key="lang",
        )
        for view in ("home", "wizard", "results", "method", "join", "facilitate"):
            st.button(
                message(f"nav.{view}", lang),
                on_click=_go,
                args=(q, view),
                key=f"nav-{view}",
                width="stretch",
                type="primary" if s.view == view else "secondary",
            )
        if s.view == "wizard":
            st.divider()
            st.caption(message("wizard.steps", lang))
            wizard.step_list(q, s, lang)
        st.divider()
        if s.token:
            st.caption(message("sidebar.resume_link", lang))
            st.button(message("sidebar.forget", lang), on_click=_forget, args=(q,), key="forget")


def main() -> None:
    lang = as_lang(st.query_params.get("lang"))
    st.set_page_config(page_title=message("app.title", lang), page_icon="🩺", layout="centered")
    try:
        q = resources.questionnaire()
    except ContentError:
        log.exception("questionnaire content is invalid")
        st.error(message("app.content_error", lang))
        return
    s = state.session(q)
    # A workshop link (?view=join&w=CODE) or a participant's resume link (?p=TOKEN) opens the
    # participant screen directly: on a phone there is nothing else to find.
    if st.query_params.get("p") or st.query_params.get("view") == "join":
        if s.view != "join":
            s.view = "join"
        st.query_params.pop("view", None)
    sidebar(q, s, lang)
    while s.notices:
        kind, key = s.notices.pop(0)
        getattr(st, kind)(message(key, lang))
    if s.view == "method":
        method.render(q, lang)
    elif s.view == "join":
        workshop_participant.render(q, lang)
    elif s.view == "facilitate":
        workshop_facilitator.render(q, lang)
    else:
        VIEW_RENDERERS.get(s.view, home.render)(q, s, lang)
