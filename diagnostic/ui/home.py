"""Home page: what the diagnostic is, who should answer, privacy, and the three ways in."""

from __future__ import annotations

import streamlit as st

from diagnostic import answers as answers_mod
from diagnostic.content import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.ui import state
from diagnostic.ui.safe import error_text, escape


def start(q: Questionnaire) -> None:
    s = state.session(q)
    s.view, s.step = "wizard", 0


def _go(q: Questionnaire, view: str) -> None:
    state.session(q).view = view


def import_file(q: Questionnaire, s: state.Session, raw: bytes, lang: str) -> bool:
    """Replace the answers with an imported file's, or explain why not (answers untouched)."""
    try:
        imported = answers_mod.read(raw, q)
    except InputError as exc:
        st.error(error_text(exc, lang))
        return False
    s.answers = imported
    s.step = state.first_open_step(q, imported)
    s.view = "wizard"
    state.persist(q, s)
    s.notices.append(("success", "import.done"))
    return True


def upload_box(q: Questionnaire, s: state.Session, lang: str, key: str) -> None:
    """Resume from a saved answers file. Each upload is handled once, whatever the reruns."""
    uploaded = st.file_uploader(
        message("home.resume_label", lang),
        type=["json", "yaml", "yml"],
        key=key,
        help=message("home.resume_help", lang),
    )
    if uploaded is None or uploaded.file_id == s.handled_upload:
        return
    s.handled_upload = uploaded.file_id
    if import_file(q, s, uploaded.getvalue(), lang):
        st.rerun()


def render(q: Questionnaire, s: state.Session, lang: str) -> None:
    st.title(escape(q.meta.title.get(lang)))
    st.markdown(escape(q.meta.description.get(lang)))
    st.subheader(message("home.who_title", lang))
    st.markdown(message("home.who", lang))
    st.info(message("home.privacy", lang), icon="🔒")
    st.subheader(message("home.dimensions", lang))
    for number, dimension in enumerate(q.dimensions, start=1):
        title, text = escape(dimension.title.get(lang)), escape(dimension.description.get(lang))
        st.markdown(f"**{number}\\. {title}** — {text}")
    st.divider()
    col1, col2 = st.columns(2)
    with col1:
        st.subheader(message("home.start_title", lang))
        label = "home.continue" if s.answers.answers or s.answers.profile else "home.start"
        st.button(message(label, lang), type="primary", on_click=start, args=(q,), key="start")
    with col2:
        st.subheader(message("home.resume_title", lang))
        upload_box(q, s, lang, "upload-home")
    st.subheader(message("home.workshop_title", lang))
    st.caption(message("home.workshop_help", lang))
    col1, col2 = st.columns(2)
    col1.button(message("nav.join", lang), key="home-join", on_click=_go, args=(q, "join"))
    col2.button(
        message("nav.facilitate", lang), key="home-facilitate", on_click=_go, args=(q, "facilitate")
    )
