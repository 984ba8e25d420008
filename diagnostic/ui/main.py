"""Entry point of the interface: language, sidebar navigation, notices, and the current view."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import ContentError
from diagnostic.i18n import Lang, as_lang, message
from diagnostic.method import answers as answers_mod
from diagnostic.ui import focus, resources, state, style, wizard
from diagnostic.workshop import store

log = logging.getLogger(__name__)
# view -> (module, whether it takes the session). Views other than home and the wizard are
# imported when first shown: results, PDF, Word and charts pull in pandas, altair, fpdf2 and
# python-docx, about a second of imports that would otherwise delay the first page.
VIEWS: dict[str, tuple[str, bool]] = {
    "home": ("diagnostic.ui.home", True),
    "wizard": ("diagnostic.ui.wizard", True),
    "results": ("diagnostic.ui.results", True),
    "method": ("diagnostic.ui.method", False),
    "join": ("diagnostic.ui.workshop_participant", False),
    "facilitate": ("diagnostic.ui.workshop_facilitator", False),
    "pulse": ("diagnostic.ui.pulse_owner", True),
    "pulse_join": ("diagnostic.ui.pulse_participant", False),
    "campaign": ("diagnostic.ui.campaign_owner", False),
    "entry": ("diagnostic.ui.campaign_entry", True),
}


def _renderer(view: str) -> tuple[Callable[..., Any], bool]:
    module, with_session = VIEWS.get(view, VIEWS["home"])
    return importlib.import_module(module).render, with_session


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
        for view in (
            "home",
            "wizard",
            "results",
            "method",
            "join",
            "facilitate",
            "pulse",
            "campaign",
            "entry",
        ):
            if view == "entry" and not st.session_state.get("ce-access"):
                continue  # a campaign entry's page, once its link has opened it
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
    style.apply()
    # A workshop link (?view=join&w=CODE) or a participant's resume link (?p=TOKEN) opens the
    # participant screen directly: on a phone there is nothing else to find.
    if st.query_params.get("p") or st.query_params.get("view") == "join":
        if s.view != "join":
            s.view = "join"
        st.query_params.pop("view", None)
    # A pulse link (?pulse=CODE) opens the staff survey directly, like a workshop link.
    if st.query_params.get("pulse") and not st.session_state.get("pulse-routed"):
        st.session_state["pulse-routed"], s.view = True, "pulse_join"
    # A campaign entry link (?c=TOKEN) opens that establishment's page, once per link.
    if st.query_params.get("c") and st.session_state.get("ce-token") != st.query_params.get("c"):
        s.view = "entry"
    sidebar(q, s, lang)
    while s.notices:
        kind, key = s.notices.pop(0)
        getattr(st, kind)(message(key, lang))
    render, with_session = _renderer(s.view)
    if with_session:
        render(q, s, lang)
    else:
        render(q, lang)
    focus.on_new_place(*_place(s), lang=lang)


def _place(s: state.Session) -> tuple[str, str]:
    """What is shown (it changes when a new screen opens) and the level of its title."""
    if s.view == "wizard":
        return f"wizard:{s.step}", "h2"
    if s.view == "join":
        # The participant's screen: the join form (h2), then one step per dimension (h3).
        joined = bool(st.query_params.get("p"))
        step = st.session_state.get("ws-step")
        return f"join:{joined}:{step}", "h3" if joined else "h2"
    if s.view == "facilitate":
        return "facilitate", "h2"
    return s.view, "h1"
