"""Home page: the two ways to start first (full or express), then who, privacy, the dimensions.

The calls to action come right after the title and the one-paragraph description, so that they are
in the first screen at 1366×768 and on a 390×844 phone (they were about 1,500 px down).
"""

from __future__ import annotations

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method import answers as answers_mod
from diagnostic.ui import state
from diagnostic.ui.safe import error_text, escape


def start(q: Questionnaire, express: bool = False) -> None:
    s = state.session(q)
    s.view, s.step, s.express = "wizard", 0, express


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
    s.express = False
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
    st.caption(message("journey.upload_limit", lang))
    if uploaded is None or uploaded.file_id == s.handled_upload:
        return
    s.handled_upload = uploaded.file_id
    if import_file(q, s, uploaded.getvalue(), lang):
        st.rerun()


def _calls_to_action(q: Questionnaire, s: state.Session, lang: str) -> None:
    full, express = st.columns(2)
    with full:
        label = "home.continue" if s.answers.answers or s.answers.profile else "home.start"
        st.button(message(label, lang), type="primary", on_click=start, args=(q,), key="start")
        st.caption(message("journey.full_caption", lang, questions=len(q.questions)))
    with express:
        st.button(
            message("journey.express", lang), on_click=start, args=(q, True), key="start-express"
        )
        st.caption(message("journey.express_caption", lang, questions=len(state.core_ids(q))))


def render(q: Questionnaire, s: state.Session, lang: str) -> None:
    st.title(escape(q.meta.title.get(lang)))
    st.markdown(escape(q.meta.description.get(lang)))
    _calls_to_action(q, s, lang)
    st.subheader(message("home.who_title", lang))
    st.markdown(message("journey.who", lang))
    st.info(message("home.privacy", lang), icon="🔒")
    st.subheader(message("home.dimensions", lang))
    for number, dimension in enumerate(q.dimensions, start=1):
        title, text = escape(dimension.title.get(lang)), escape(dimension.description.get(lang))
        st.markdown(f"**{number}\\. {title}** — {text}")
    st.divider()
    st.subheader(message("home.resume_title", lang))
    upload_box(q, s, lang, "upload-home")
    st.subheader(message("home.workshop_title", lang))
    st.caption(message("home.workshop_help", lang))
    col1, col2 = st.columns(2)
    col1.button(message("nav.join", lang), key="home-join", on_click=_go, args=(q, "join"))
    col2.button(
        message("nav.facilitate", lang), key="home-facilitate", on_click=_go, args=(q, "facilitate")
    )
