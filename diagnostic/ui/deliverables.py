"""The PDF and Word download buttons, shared by the results page and the workshop's plan."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from diagnostic import docx_export, pdf
from diagnostic.i18n import message
from diagnostic.report import Report

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


Source = Callable[[], tuple[Report, Sequence[str]]]


def _fixed(report: Report, disagreements: Sequence[str]) -> tuple[Report, Sequence[str]]:
    return report, disagreements


def _render(renderer: Callable[..., bytes], source: Source, lang: str) -> bytes:
    report, disagreements = source()
    return renderer(report, lang, disagreements)


def plan_buttons(
    pdf_column: Any, docx_column: Any, report: Report | Source, lang: str, stem: str,
    disagreements: Sequence[str] = (),
) -> None:  # fmt: skip
    """Both files are built only when clicked (no rerun).

    ``report`` is either an immutable report, or a function building one at click time: a
    workshop's plan must include answers given after the page was drawn.
    """
    source = report if callable(report) else functools.partial(_fixed, report, disagreements)
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
