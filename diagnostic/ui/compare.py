"""Compare with an earlier diagnostic: upload last year's answers file, see what moved and why.

The earlier file never leaves this session: comparing needs no storage, so nothing about an
establishment's history is kept on the server unless someone chooses to keep it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message, number
from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import Answers
from diagnostic.ui.safe import error_text, escape
from diagnostic.ui.wizard import option_label
from diagnostic.workshop import history


def _value(q: Questionnaire, qid: str, value: object, lang: str) -> str:
    if value is None:
        return "–"
    return option_label(q, q.questions[qid], value, lang).replace("\\", "")


def render(q: Questionnaire, current: Answers, lang: str) -> None:
    with st.expander(message("compare.title", lang)):
        uploaded = st.file_uploader(
            message("compare.upload", lang), type=["json", "yaml", "yml"], key="compare-upload"
        )
        if uploaded is None:
            st.caption(message("compare.help", lang))
            return
        try:
            old = answers_mod.read(uploaded.getvalue(), q)
            diff = history.compare(old, current, q)
        except InputError as exc:
            st.error(error_text(exc, lang))
            return
        show(q, diff, lang)
        if diff.profile_changes:
            st.caption(
                escape(
                    message("compare.profile_changed", lang, fields=", ".join(diff.profile_changes))
                )
            )


def show(q: Questionnaire, diff: history.Comparison, lang: str) -> None:
    """Per-dimension scores before and now, then every answer that changed and why."""
    rows = [
        {
            message("results.col.dimension", lang): q.dimension(d.dimension_id).title.get(lang),
            message("compare.before", lang): "–" if d.old is None else number(d.old, lang),
            message("compare.after", lang): "–" if d.new is None else number(d.new, lang),
            message("compare.delta", lang): "–" if d.delta is None else f"{d.delta:+.0f}",
        }
        for d in diff.dimensions
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.markdown("**" + message("compare.changes", lang, count=len(diff.changes)) + "**")
    changes = [
        {
            message("ws.question", lang): q.questions[c.question_id].text.get(lang),
            message("compare.before", lang): _value(q, c.question_id, c.old, lang),
            message("compare.after", lang): _value(q, c.question_id, c.new, lang),
            message("compare.why", lang): c.why,
        }
        for c in diff.changes
    ]
    if changes:
        st.dataframe(pd.DataFrame(changes), hide_index=True, width="stretch")
