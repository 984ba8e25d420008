"""Home page: what the diagnostic is, and its eight dimensions."""

from __future__ import annotations

import streamlit as st

from diagnostic import content
from diagnostic.errors import ContentError
from diagnostic.i18n import as_lang, message
from diagnostic.ui.safe import escape


@st.cache_resource
def _questionnaire(path: str, mtime: float) -> content.Questionnaire:
    """Loaded once per content version (the mtime is part of the cache key, on purpose)."""
    del mtime
    return content.load(path)


def load_questionnaire() -> content.Questionnaire:
    directory = content.questionnaire_dirs(content.default_root())[0]
    mtime = max(p.stat().st_mtime for p in directory.rglob("*.yaml"))
    return _questionnaire(str(directory), mtime)


def render() -> None:
    lang = as_lang(st.query_params.get("lang"))
    st.set_page_config(page_title=message("app.title", lang), layout="centered")
    try:
        q = load_questionnaire()
    except ContentError:
        st.error(message("app.content_error", lang))
        return
    st.title(q.meta.title.get(lang))
    st.markdown(escape(q.meta.description.get(lang)))
    st.subheader(message("app.dimensions", lang))
    for number, dimension in enumerate(q.dimensions, start=1):
        st.markdown(f"**{number}\\. {escape(dimension.title.get(lang))}**")
        st.caption(escape(dimension.description.get(lang)))
    other = "en" if lang == "fr" else "fr"
    st.link_button(message("app.switch_language", lang), f"?lang={other}")
