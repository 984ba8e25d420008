"""The PDF and Word download buttons, shared by the results page and the workshop's plan."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from diagnostic import docx_export, pdf
from diagnostic.exports import FileKind, download_name
from diagnostic.i18n import message
from diagnostic.report import Report

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


Source = Callable[[], tuple[Report, Sequence[str]]]


def _fixed(report: Report, disagreements: Sequence[str]) -> tuple[Report, Sequence[str]]:
    return report, disagreements


def _render(renderer: Callable[..., bytes], source: Source, lang: str) -> bytes:
    report, disagreements = source()
    return renderer(report, lang, disagreements)


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
    pdf_column.download_button(
        message("results.download_pdf", lang),
        data=functools.partial(_render, pdf.render, source, lang),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        on_click="ignore",
        type="primary",
    )
    docx_column.download_button(
        message("results.download_docx", lang),
        data=functools.partial(_render, docx_export.render, source, lang),
        file_name=f"{stem}.docx",
        mime=DOCX_MIME,
        on_click="ignore",
    )
