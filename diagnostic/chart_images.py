"""Render the shared Altair specs to PNG with vl-convert: offline, no browser, no network.

External URLs are refused (``allowed_base_urls=[]``) and the shipped DejaVu font is registered, so a
chart renders the same on any server and never reaches out to the internet.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import vl_convert as vlc

FONT_DIR = Path(__file__).resolve().parent / "fonts"


@functools.cache
def _fonts_registered() -> bool:
    vlc.register_font_directory(str(FONT_DIR))
    return True


def to_png(spec: dict[str, Any], lang: str, scale: float = 2.0) -> bytes:
    """PNG bytes of a Vega-Lite spec, with the number format of the report's language."""
    _fonts_registered()
    png: bytes = vlc.vegalite_to_png(
        vl_spec=spec,
        scale=scale,
        allowed_base_urls=[],
        format_locale="fr-FR" if lang == "fr" else "en-GB",
    )
    return png
