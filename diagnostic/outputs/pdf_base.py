"""The PDF page furniture and safe text primitives (fpdf2).

Safety rules, all enforced here so section code cannot forget them:

* every string goes through :func:`pdf_text` (control characters out, nothing else changed) and is
  written with ``cell``/``multi_cell``/``table`` without Markdown or HTML, so user text can never
  become markup or a resource path;
* a Unicode TTF (DejaVu Sans, shipped with its licence) renders French typography; a character it
  cannot draw (emoji, CJK) or cannot draw correctly without text shaping (Arabic, Hebrew, Indic
  scripts, when uharfbuzz is not installed) is replaced by a visible marker (:data:`MARKER`) and
  the document says so on its cover (see :mod:`diagnostic.outputs.pdf`): nothing disappears
  silently;
* the creation date is the report date, so the same answers give byte-identical files.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Collection
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
MARGIN = 18
BLUE = (0, 114, 178)
GREY = (90, 90, 90)
LIGHT = (235, 241, 247)
RED = (180, 40, 20)
LONG_CELL = 600  # characters; longer cells become notes under the table

MARKER = "\u25a1"  # □, in DejaVu Sans: stands for a character this PDF cannot draw
# fpdf2 logs missing glyphs; keep them visible in the server log, not in the user's face.
logging.getLogger("fpdf.fpdf").setLevel(logging.WARNING)


def _shaping_available() -> bool:
    """fpdf2 shapes text (Arabic joining, right-to-left) only with the optional uharfbuzz."""
    try:
        import uharfbuzz  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


SHAPING = _shaping_available()


def needs_shaping(ch: str) -> bool:
    """Right-to-left letters and the marks of complex scripts: wrong without a shaping engine."""
    if unicodedata.bidirectional(ch) in ("R", "AL"):
        return True
    category = unicodedata.category(ch)
    return category == "Mc" or (category == "Mn" and not "\u0300" <= ch <= "\u036f")


def unprintable(text: str, cmap: Collection[int], shaping: bool = SHAPING) -> list[str]:
    """The characters of ``text`` the font cannot draw as they should, in order, without repeats."""
    found: dict[str, None] = {}
    for ch in text:
        if ch in "\n " or ch == MARKER:
            continue
        if ord(ch) not in cmap or (not shaping and needs_shaping(ch)):
            found[ch] = None
    return list(found)


def pdf_text(value: object) -> str:
    """Text safe to write: no control characters (except newline), no lone surrogates."""
    text = "" if value is None else str(value)
    return "".join(
        ch
        for ch in text.replace("\r\n", "\n").replace("\t", " ")
        if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Co")
    )


class ReportPDF(FPDF):
    """A4 portrait, DejaVu, header with the title, footer with "page x / y"."""

    def __init__(self, title: str, running_head: str, page_label: str, on: date, lang: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_head = pdf_text(running_head)
        self.toc_title = ""
        self.page_label = page_label
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        for style, file in (
            ("", "DejaVuSans.ttf"),
            ("B", "DejaVuSans-Bold.ttf"),
            ("I", "DejaVuSans-Oblique.ttf"),
        ):
            self.add_font(FONT, style, str(FONT_DIR / file))
        self.set_font(FONT, size=10)
        # Characters every style can draw (the oblique face covers a little less than the others).
        self.cmap = frozenset.intersection(
            *(frozenset(getattr(f, "cmap", {})) for f in self.fonts.values())
        )
        self.replaced: dict[str, None] = {}  # characters drawn as MARKER, for the cover's note
        if SHAPING:
            self.set_text_shaping(True)
        self.set_creation_date(datetime(on.year, on.month, on.day, tzinfo=UTC))
        self.set_lang("fr-FR" if lang == "fr" else "en")
        self.set_title(pdf_text(title))
        self.set_creator("diagnostic-ia-sante")
        self.set_producer("diagnostic-ia-sante (fpdf2)")
        self.alias_nb_pages()

    def marked(self, text: str) -> str:
        """``text`` with each character the font cannot draw replaced by :data:`MARKER`."""
        missing = unprintable(text, self.cmap)
        if not missing:
            return text
        self.replaced.update(dict.fromkeys(missing))
        return "".join(MARKER if ch in missing else ch for ch in text)

    def normalize_text(self, text: str) -> str:
        """Strings drawn by cell/multi_cell pass here (table cells do not: see table_rows)."""
        return super().normalize_text(self.marked(text))

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "I", 8)
        self.set_text_color(*GREY)
        self.cell(0, 6, self.running_head, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(200, 200, 200)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(3)
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, size=10)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "I", 8)
        self.set_text_color(*GREY)
        self.cell(0, 6, f"{self.page_label} {self.page_no()} / {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    # --- primitives -----------------------------------------------------------------------

    def h1(self, text: str, new_page: bool = True) -> None:
        if new_page:
            self.add_page()
        self.start_section(pdf_text(text), level=0)
        self.set_font(FONT, "B", 16)
        self.set_text_color(*BLUE)
        self.multi_cell(0, 8, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(2)
        self.set_font(FONT, size=10)

    def h2(self, text: str) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.start_section(pdf_text(text), level=1)
        self.set_font(FONT, "B", 12)
        self.multi_cell(0, 6, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_font(FONT, size=10)

    def para(
        self, text: str, size: float = 10, style: str = "", color: tuple[int, int, int] = (0, 0, 0)
    ) -> None:
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        # Left-aligned: justified lines open wide gaps (a short title, a narrow page); WCAG 1.4.8.
        self.multi_cell(
            0, size * 0.5, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, size=10)
        self.ln(1)

    def bullet(self, text: str, size: float = 10, indent: float = 4) -> None:
        self.set_font(FONT, size=size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            0, size * 0.5, "• " + pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def box(self, title: str, body: str, color: tuple[int, int, int] = RED) -> None:
        """A framed banner (red flags): title in colour, body below."""
        self.set_draw_color(*color)
        self.set_line_width(0.6)
        top = self.get_y()
        self.set_x(self.l_margin + 3)
        self.set_font(FONT, "B", 10)
        self.set_text_color(*color)
        self.multi_cell(
            self.epw - 6, 5, pdf_text(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_text_color(0, 0, 0)
        self.set_x(self.l_margin + 3)
        self.set_font(FONT, size=9)
        self.multi_cell(
            self.epw - 6, 4.5, pdf_text(body), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        bottom = self.get_y() + 1
        if bottom > top:  # the box did not cross a page: draw its left rule
            self.line(self.l_margin, top, self.l_margin, bottom)
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)
        self.ln(3)

    def table_rows(
        self,
        headings: list[str],
        rows: list[list[str]],
        widths: tuple[float, ...],
        size: float = 8.5,
    ) -> None:
        """A table whose cells are plain text (no Markdown), header repeated on each page.

        A table row must fit on one page, so a very long cell (a 2,000-character comment) is
        replaced by a numbered note and printed in full just after the table.
        """
        notes: list[str] = []

        def fit(value: str) -> str:
            text = self.marked(pdf_text(value))
            if len(text) <= LONG_CELL:
                return text
            notes.append(text)
            return f"[{len(notes)}] " + text[:120] + "…"

        self.set_font(FONT, size=size)
        with self.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=size * 0.5,
            headings_style=FontFace(emphasis="BOLD", fill_color=LIGHT),
            first_row_as_headings=True,
            markdown=False,
        ) as table:
            head = table.row()
            for h in headings:
                head.cell(self.marked(pdf_text(h)))
            for row in rows:
                line = table.row()
                for value in row:
                    line.cell(fit(value))
        self.ln(2)
        for number, text in enumerate(notes, start=1):
            self.para(f"[{number}] {text}", size=size)
        self.ln(1)
        self.set_font(FONT, size=10)

    def png(self, data: bytes, alt: str, width: float | None = None) -> None:
        if self.get_y() > self.h - 90:
            self.add_page()
        self.image(BytesIO(data), x=self.l_margin, w=width or self.epw, alt_text=pdf_text(alt))
        self.ln(3)
