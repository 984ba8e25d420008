"""Showing text as text: every string from content or users goes through ``escape`` first.

Streamlit renders most strings as Markdown, where ``[x](javascript:…)``, images or raw HTML-like
syntax could turn text into markup. Escaping every Markdown metacharacter makes any string read
exactly as typed.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def escape(text: str) -> str:
    """Backslash-escape every Markdown metacharacter so the text is shown literally."""
    return _SPECIAL.sub(r"\\\1", text)
