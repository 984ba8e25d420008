"""The PDF and Word download buttons, shared by the results page and the workshop's plan."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from diagnostic.i18n import message
from diagnostic.method.report import Report
from diagnostic.outputs import deliverable_cache, docx_export, pdf
from diagnostic.outputs.exports import FileKind, download_name

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


Source = Callable[[], tuple[Report, Sequence[str]]]


def _fixed(report: Report, disagreements: Sequence[str]) -> tuple[Report, Sequence[str]]:
    return report, disagreements


def _render(
    renderer: Callable[..., bytes], kind: str, source: Source, lang: str, cache: dict[str, bytes]
) -> bytes:
    """Runs in Streamlit's download thread (the button shows a spinner meanwhile)."""
    report, disagreements = source()
    key = deliverable_cache.fingerprint(report, lang, kind, disagreements)
    return deliverable_cache.cached(cache, key, lambda: renderer(report, lang, disagreements))


def _session_cache() -> dict[str, bytes]:
    """This session's built files; the dict itself is handed to the download thread, which
    cannot read ``st.session_state``."""
    cache: dict[str, bytes] = st.session_state.setdefault("_deliverables", {})
    return cache


def file_name(kind: FileKind, establishment: str | None, lang: str, extension: str) -> str:
    """Today's download name for this establishment and language (see ``download_name``)."""
    return download_name(kind, establishment, date.today(), lang, extension)


def plan_buttons(
    pdf_column: Any, docx_column: Any, report: Report | Source, lang: str, kind: FileKind,
    disagreements: Sequence[str] = (), establishment: str | None = None,
) -> None:  # fmt: skip
    """Both files are built only when clicked (no rerun).

    ``report`` is either an immutable report, or a function building one at click time: a
    workshop's plan must include answers given after the page was drawn. The file names carry
    the establishment (``establishment``, or the report's own), the date and the language.
    """
    if callable(report):
        source: Source = report
    else:
        source = functools.partial(_fixed, report, disagreements)
        establishment = establishment or report.establishment_name
    stem = file_name(kind, establishment, lang, "pdf").removesuffix(".pdf")
    cache = _session_cache()
    pdf_column.download_button(
        message("results.download_pdf", lang),
        data=functools.partial(_render, pdf.render, "pdf", source, lang, cache),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        on_click="ignore",
        type="primary",
    )
    docx_column.download_button(
        message("results.download_docx", lang),
        data=functools.partial(_render, docx_export.render, "docx", source, lang, cache),
        file_name=f"{stem}.docx",
        mime=DOCX_MIME,
        on_click="ignore",
    )
