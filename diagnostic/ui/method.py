"""Method page: the scoring method (docs/method*.md) and the references catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.outputs.wording import freshness_lines
from diagnostic.ui.safe import escape

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"


def render(q: Questionnaire, lang: str) -> None:
    path = DOCS / ("method.en.md" if lang == "en" else "method.md")
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    # Our own document, not user text: shown as Markdown, minus the link to the other language.
    st.markdown(
        "\n".join(
            line
            for line in text.splitlines()
            if not line.startswith("*English") and not line.startswith("*Version")
        )
    )
    st.subheader(message("method.references", lang))
    for line in freshness_lines(q, date.today(), lang):
        st.caption(escape(line))
    frame = pd.DataFrame(
        [
            {
                "issuer": r.issuer,
                "kind": message(f"kind.{r.kind}", lang),
                "title": r.title,
                "date": r.date,
                "url": r.url,
            }
            for r in q.references.values()
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("URL")},
    )
