"""The PDF and Word download buttons, shared by the results page and the workshop's plan."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from diagnostic import docx_export, pdf
from diagnostic.i18n import message
from diagnostic.report import Report

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def plan_buttons(
    pdf_column: Any, docx_column: Any, report: Report, lang: str, stem: str,
    disagreements: Sequence[str] = (),
) -> None:  # fmt: skip
    """Both files are built only when clicked, from this immutable report (no rerun)."""
    pdf_column.download_button(
        message("results.download_pdf", lang),
        data=functools.partial(pdf.render, report, lang, disagreements),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        on_click="ignore",
        type="primary",
    )
    docx_column.download_button(
        message("results.download_docx", lang),
        data=functools.partial(docx_export.render, report, lang, disagreements),
        file_name=f"{stem}.docx",
        mime=DOCX_MIME,
        on_click="ignore",
    )
