"""The establishment's history, for a facilitator: keep this consensus, compare with earlier ones.

History sits behind the facilitator key: it is listed only from an opened workshop, under the
establishment named in that workshop's profile (or its title).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from diagnostic import answers as answers_mod
from diagnostic import history
from diagnostic.answers import Answers
from diagnostic.content import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.ui import compare, resources
from diagnostic.ui.safe import error_text, escape
from diagnostic.wording import long_date
from diagnostic.workshop_store import WorkshopInfo


def _establishment(info: WorkshopInfo) -> str:
    name = info.profile.get("establishment_name")
    return name if isinstance(name, str) and name.strip() else info.title


def render(q: Questionnaire, info: WorkshopInfo, consensus: Answers, lang: str) -> None:
    engine = resources.engine()
    establishment = _establishment(info)
    st.subheader(message("history.title", lang))
    st.caption(escape(message("history.help", lang, name=establishment)))
    if st.button(message("history.save", lang), key="hist-save"):
        try:
            history.save_diagnostic(engine, establishment, info.held_on, "workshop", consensus)
            st.success(message("history.saved", lang))
        except InputError as exc:
            st.error(error_text(exc, lang))
    uploaded = st.file_uploader(
        message("history.import", lang), type=["json", "yaml", "yml"], key="hist-upload"
    )
    if uploaded is not None and st.session_state.get("hist-done") != uploaded.file_id:
        try:
            self_assessment = answers_mod.read(uploaded.getvalue(), q)
            when = self_assessment.updated_at or self_assessment.created_at
            history.save_diagnostic(
                engine,
                establishment,
                when.date() if when else date.today(),
                "self",
                self_assessment,
            )
            st.session_state["hist-done"] = uploaded.file_id
            st.success(message("history.saved", lang))
        except InputError as exc:
            st.error(error_text(exc, lang))
    entries = history.list_diagnostics(engine, establishment)
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
    diff = history.compare(history.load_diagnostic(engine, q, chosen), consensus, q)
    compare.show(q, diff, lang)
