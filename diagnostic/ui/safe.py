"""Showing text as text: every string from content or users goes through ``escape`` first.

Streamlit renders most strings as Markdown, where ``[x](javascript:…)``, images or raw HTML-like
syntax could turn text into markup. Escaping every Markdown metacharacter makes any string read
exactly as typed.
"""

from __future__ import annotations

import re
import unicodedata

from diagnostic.errors import InputError
from diagnostic.i18n import message

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
# Inside a sentence (never at the start of a line) ".", "-" and "+" cannot start a list or a
# heading, so values quoted in a message keep them as typed ("version 0.3", "2.0 Mo").
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$:&])")


def escape(text: str) -> str:
    """Backslash-escape every Markdown metacharacter so the text is shown literally."""
    return _SPECIAL.sub(r"\\\1", text)


def inline(text: str) -> str:
    """A value quoted inside a sentence: on one line, without control characters, escaped.

    Line breaks would let the value start a new Markdown block (a list, a heading, code); control
    characters and lone surrogates cannot be sent to the browser at all.
    """
    kept = "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(kept.split()))  # split: every line break


def error_text(exc: InputError, lang: str) -> str:
    """An error for ``st.error``: the catalogue's sentence, every value in it shown as typed.

    An import error quotes what the file contains (an unknown id, a version); a crafted file must
    not be able to put a link or an image into the message that tells the user what went wrong.
    """
    params = {k: inline(v) if isinstance(v, str) else v for k, v in exc.params.items()}
    return message(exc.key, lang, **params)
