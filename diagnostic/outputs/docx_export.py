"""The editable Word copy: the same document blocks as the PDF, through python-docx.

Consultants adapt the plan before handing it over, so the copy keeps real headings (navigable in
Word), real tables and the charts as images. Text is added as plain runs: nothing is interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO

from docx import Document as new_docx
from docx.shared import Mm, Pt, RGBColor

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
from diagnostic.outputs.pdf_base import pdf_text

BLUE = RGBColor(0, 114, 178)
RED = RGBColor(180, 40, 20)


def layout(doc: Document) -> bytes:
    """Replay the blocks into a .docx (deterministic core properties from the report date)."""
    out = new_docx()
    props = out.core_properties
    props.title, props.subject, props.author = pdf_text(doc.title), pdf_text(doc.subject), ""
    props.language = "fr-FR" if doc.lang == "fr" else "en"
    props.created = props.modified = datetime(doc.on.year, doc.on.month, doc.on.day, tzinfo=UTC)
    for block in doc.blocks:
        if isinstance(block, CoverSpace):
            out.add_paragraph()
        elif isinstance(block, Contents):
            out.add_page_break()  # type: ignore[no-untyped-call]
        elif isinstance(block, Heading):
            if block.level == 0 and len(out.paragraphs) > 2:
                out.add_page_break()  # type: ignore[no-untyped-call]
            out.add_heading(pdf_text(block.text), level=block.level + 1)
        elif isinstance(block, Para):
            run = out.add_paragraph().add_run(pdf_text(block.text))
            run.font.size = Pt(block.size)
            run.bold, run.italic = "B" in block.style, "I" in block.style
            if block.color != (0, 0, 0):
                run.font.color.rgb = RGBColor(*block.color)
        elif isinstance(block, Bullet):
            out.add_paragraph(pdf_text(block.text), style="List Bullet")
        elif isinstance(block, Box):
            title = out.add_paragraph().add_run(pdf_text(block.title))
            title.bold, title.font.color.rgb = True, RED
            out.add_paragraph(pdf_text(block.body))
        elif isinstance(block, Table):
            table = out.add_table(rows=1, cols=len(block.headings))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.headings, strict=True):
                cell.text = pdf_text(text)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = pdf_text(text)
            out.add_paragraph()
        elif isinstance(block, Image):
            out.add_picture(BytesIO(block.png), width=Mm(160))
            out.add_paragraph(pdf_text(block.alt)).runs[0].italic = True
    buffer = BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def render(report: Report, lang: str = "fr", disagreements: Sequence[str] = ()) -> bytes:
    """The .docx bytes for a report."""
    return layout(document.build(report, lang, disagreements))
