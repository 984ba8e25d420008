"""The PDF action plan: the document blocks laid out with fpdf2 (see
:mod:`diagnostic.outputs.pdf_base`).

Usable from the UI (download button), the command line (``diagnostic pdf``) and Python
(``render(report, lang)``). With a fixed report date, the same answers give the same bytes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.outline import OutlineSection

from diagnostic.i18n import message
from diagnostic.method.report import Report
from diagnostic.outputs import document
from diagnostic.outputs.blocks import (
    Box,
    Bullet,
    Contents,
    CoverSpace,
    Document,
    Heading,
    Image,
    Para,
    Table,
)
from diagnostic.outputs.pdf_base import FONT, MARKER, ReportPDF, pdf_text, unprintable


def _toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    """Main sections only, with their page numbers (the bookmarks hold the full tree)."""
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT, "B", 16)
    pdf.cell(0, 12, pdf_text(getattr(pdf, "toc_title", "")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=11)
    for section in outline:
        if section.level != 0:
            continue
        link = pdf.add_link(page=section.page_number)
        pdf.cell(pdf.epw - 15, 8, pdf_text(section.name), link=link)
        pdf.cell(
            15,
            8,
            str(section.page_number),
            align="R",
            link=link,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _texts(doc: Document) -> str:
    parts = [doc.running_head]
    for block in doc.blocks:
        if isinstance(block, Heading | Para | Bullet | Contents):
            parts.append(block.title if isinstance(block, Contents) else block.text)
        elif isinstance(block, Box):
            parts += [block.title, block.body]
        elif isinstance(block, Table):
            parts += [*block.headings, *(cell for row in block.rows for cell in row)]
        elif isinstance(block, Image):
            parts.append(block.alt)
    return "\n".join(pdf_text(p) for p in parts)


def _replacement_note(pdf: ReportPDF, missing: list[str], lang: str) -> None:
    """Said on the cover: which characters the marker stands for, and where to read them."""
    names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in missing[:4])
    more = f" (+{len(missing) - 4})" if len(missing) > 4 else ""
    note = message("pdf.glyphs_replaced", lang, marker=MARKER, names=names + more)
    pdf.para(note, size=8.5, style="I")


def layout(doc: Document) -> bytes:
    """Replay the blocks onto A4 pages."""
    pdf = ReportPDF(doc.title, doc.running_head, message("pdf.page", doc.lang), doc.on, doc.lang)
    pdf.set_subject(pdf_text(doc.subject))
    missing = unprintable(_texts(doc), pdf.cmap)
    pdf.add_page()
    after_contents = False
    for block in doc.blocks:
        if isinstance(block, CoverSpace):
            pdf.set_y(60)
        elif isinstance(block, Contents):
            if missing:
                _replacement_note(pdf, missing, doc.lang)
            pdf.toc_title = block.title
            pdf.add_page()
            pdf.insert_toc_placeholder(_toc, pages=1)  # drawn at the end; breaks the page now
            after_contents = True
        elif isinstance(block, Heading):
            if block.level == 0:
                pdf.h1(block.text, new_page=not after_contents)
                after_contents = False
            else:
                pdf.h2(block.text)
        elif isinstance(block, Para):
            pdf.para(block.text, block.size, block.style, block.color)
        elif isinstance(block, Bullet):
            pdf.bullet(block.text, block.size)
        elif isinstance(block, Box):
            pdf.box(block.title, block.body)
        elif isinstance(block, Table):
            pdf.table_rows(
                list(block.headings), [list(r) for r in block.rows], block.widths, block.size
            )
        elif isinstance(block, Image):
            pdf.png(block.png, block.alt)
    return bytes(pdf.output())


def render(report: Report, lang: str = "fr", disagreements: Sequence[str] = ()) -> bytes:
    """The PDF bytes for a report."""
    return layout(document.build(report, lang, disagreements))
