"""What a Streamlit page would turn into markup, read from AppTest's element tree.

Streamlit renders Markdown in element bodies and in widget labels, help tooltips, radio options,
metric values and progress texts; raw HTML it would show only with ``unsafe_allow_html``, which
the sink gate forbids. To hold the app to "text from users and content is shown as text", every
such string is rendered here with a CommonMark parser *with raw HTML enabled* (the worst case),
and the result may hold only formatting tags, links to ordinary https pages, and no Streamlit
directive (``$…$`` maths, ``:red[…]`` colours, ``:material/…:`` icons, ``:smile:`` emoji).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from diagnostic.outputs.pdf_base import MARKER, needs_shaping

PAYLOADS: list[str] = (
    (Path(__file__).resolve().parent / "fixtures" / "xss_payloads.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)
FONT = Path(__file__).resolve().parent.parent / "diagnostic" / "fonts" / "DejaVuSans.ttf"

_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
FORMATTING = {
    "p", "strong", "em", "code", "br", "ul", "ol", "li", "hr", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "pre", "del", "s", "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
# Field names that Streamlit renders as Markdown; other strings (values, plain options) are text.
MARKDOWN_FIELDS = {"body", "label", "help", "delta", "text"}
# Elements whose strings are data or code, never Markdown.
PLAIN_ELEMENTS = {"Dataframe", "UnknownElement", "Code", "Text", "Json", "Table"}
# An odd number of backslashes before a character escapes it.
_DIRECTIVE = re.compile(r"(?<!\\)(?:\\\\)*(\$|:[a-z]+\[|:material/|:[a-z_]+:)")

Allow = Callable[[str, str, str], bool]


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", []))


def squash(text: str) -> str:
    return " ".join(text.split())


@cache
def _parsed(source: str) -> _Html:
    parser = _Html()
    parser.feed(_MD.render(source))
    parser.close()
    return parser


def visible(source: str) -> str:
    """The text a reader sees once ``source`` is rendered as Markdown."""
    return squash("".join(_parsed(source).text))


def problems(source: str) -> list[str]:
    """Everything in ``source`` that would render as markup rather than as the text typed."""
    found = []
    for tag, attrs in _parsed(source).tags:
        if tag not in FORMATTING:
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name != "href" or tag != "a":
                found.append(f"<{tag} {name}=…>")
            elif not (value or "").startswith("https://") or "evil" in (value or ""):
                found.append(f"link to {value!r}")
    found += [f"directive {m.group(1)!r}" for m in _DIRECTIVE.finditer(source)]
    return found


def _strings(proto: Any, fields: set[str]) -> Iterator[tuple[str, str]]:
    for descriptor, value in proto.ListFields():
        if descriptor.name in fields and isinstance(value, str):
            yield descriptor.name, value
        elif descriptor.name == "options" and not isinstance(value, str | bytes):
            yield from (("options", v) for v in value if isinstance(v, str))


def rendered(at: Any) -> Iterator[tuple[str, str, str, str]]:
    """(element class, widget key, field, Markdown source) for every Markdown string shown."""

    def walk(node: Any) -> Iterator[tuple[str, str, str, str]]:
        kind = type(node).__name__
        proto = getattr(node, "proto", None)
        if proto is not None and kind not in PLAIN_ELEMENTS and hasattr(proto, "ListFields"):
            fields = MARKDOWN_FIELDS | ({"options"} if kind == "Radio" else set())
            key = str(getattr(node, "key", "") or "")
            for field, text in _strings(proto, fields):
                if field != "options" or kind == "Radio":
                    yield kind, key, field, text
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    yield from walk(at._tree)


def _ours(kind: str, text: str) -> bool:
    """The app's own constant page scripts and style (diagnostic/ui/focus.py, style.py), exactly."""
    from diagnostic.ui import focus, live_progress, style

    if kind != "Html":
        return False
    if text in (style.CSS, focus._REFUSAL_SCRIPT):
        return True
    numbers = re.search(r"w.__liveProgress = (\{.*?\});\n", text)
    if numbers:
        n = json.loads(numbers.group(1))
        args = (n["answered"], n["asked"], n["stepAnswered"])
        return any(text == live_progress.script(*args, lang) for lang in ("fr", "en"))
    found = re.search(r"w.__focusDone = (\d+);\n", text)
    return bool(found) and any(
        text == focus.script(int(found.group(1)), heading, lang)
        for heading in focus.SELECTORS
        for lang in ("fr", "en")
    )


def page_problems(at: Any, allow: Allow = lambda kind, key, field: False) -> list[str]:
    """Markup found on the page now shown, except where ``allow(kind, key, field)``."""
    return [
        f"{kind}[{key}].{field}: {found} in {text[:120]!r}"
        for kind, key, field, text in rendered(at)
        if not allow(kind, key, field) and not _ours(kind, text)
        for found in problems(text)
    ]


def page_text(at: Any) -> str:
    return " ".join(visible(text) for _, _, _, text in rendered(at))


def chunks(limit: int, payloads: list[str] = PAYLOADS) -> list[str]:
    """Payloads packed into texts of at most ``limit`` characters (one field holds several)."""
    out: list[str] = []
    for payload in payloads:
        if out and len(out[-1]) + 1 + len(payload) <= limit:
            out[-1] += " " + payload
        else:
            out.append(payload)
    return out


@cache
def _font_chars() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    # The PDF draws only what all three shipped faces have (pdf_base marks the rest with □).
    faces = (FONT, FONT.with_name("DejaVuSans-Bold.ttf"), FONT.with_name("DejaVuSans-Oblique.ttf"))
    return frozenset.intersection(*(frozenset(TTFont(str(f)).getBestCmap()) for f in faces))


def printable(text: str) -> str:
    """Text as a PDF extraction can give it back, for comparison on both sides.

    Line wrapping makes spaces unreliable (a zero-width space is a break opportunity), and the PDF
    marks what it cannot draw (pdf_base). So: no whitespace, no format characters, □ for what the shipped
    faces lack or would need shaping (right-to-left letters); every other character as typed.
    """
    chars = _font_chars()
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace() or category in ("Cc", "Cs", "Co"):  # pdf_text drops these
            continue
        if ord(ch) not in chars or needs_shaping(ch):
            out.append(MARKER)
        elif category != "Cf":  # drawn, but zero-width: extraction gives nothing back
            out.append(ch)
    return "".join(out)
