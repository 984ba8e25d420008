"""A tiny document model: the blocks a deliverable is made of, in order.

Sections append blocks through :class:`Builder`; the PDF and Word renderers replay them. Blocks
hold plain text only (no markup), which is what keeps user text inert in every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Color = tuple[int, int, int]
BLUE: Color = (0, 114, 178)
GREY: Color = (90, 90, 90)
RED: Color = (180, 40, 20)
BLACK: Color = (0, 0, 0)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 starts a new page and a main bookmark, 1 a sub-section


@dataclass(frozen=True)
class Para:
    text: str
    size: float = 10
    style: str = ""  # "", "B" or "I"
    color: Color = BLACK


@dataclass(frozen=True)
class Bullet:
    text: str
    size: float = 10


@dataclass(frozen=True)
class Box:
    title: str
    body: str


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative widths (mm on A4 for the PDF)
    size: float = 8.5


@dataclass(frozen=True)
class Image:
    png: bytes
    alt: str


@dataclass(frozen=True)
class CoverSpace:
    """Vertical room at the top of the cover."""


@dataclass(frozen=True)
class Contents:
    """Where the table of contents goes (after the cover)."""

    title: str


Block = Heading | Para | Bullet | Box | Table | Image | CoverSpace | Contents


@dataclass(frozen=True)
class Document:
    title: str
    subject: str
    running_head: str
    lang: str
    on: date
    blocks: tuple[Block, ...]

    def headings(self, level: int = 0) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Heading) and b.level == level]


@dataclass
class Builder:
    """Collects blocks with the same verbs the sections use."""

    title: str
    subject: str
    running_head: str
    lang: str
    on: date
    blocks: list[Block] = field(default_factory=list)

    def cover_space(self) -> None:
        self.blocks.append(CoverSpace())

    def contents(self, title: str) -> None:
        self.blocks.append(Contents(title))

    def h1(self, text: str) -> None:
        self.blocks.append(Heading(text, 0))

    def h2(self, text: str) -> None:
        self.blocks.append(Heading(text, 1))

    def para(self, text: str, size: float = 10, style: str = "", color: Color = BLACK) -> None:
        self.blocks.append(Para(text, size, style, color))

    def bullet(self, text: str, size: float = 10) -> None:
        self.blocks.append(Bullet(text, size))

    def box(self, title: str, body: str) -> None:
        self.blocks.append(Box(title, body))

    def table(
        self,
        headings: list[str],
        rows: list[list[str]],
        widths: tuple[float, ...],
        size: float = 8.5,
    ) -> None:
        self.blocks.append(Table(tuple(headings), tuple(tuple(r) for r in rows), widths, size))

    def image(self, png: bytes, alt: str) -> None:
        self.blocks.append(Image(png, alt))

    def document(self) -> Document:
        return Document(
            self.title, self.subject, self.running_head, self.lang, self.on, tuple(self.blocks)
        )
