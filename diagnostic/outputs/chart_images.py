"""Render the shared Altair specs to PNG with vl-convert: offline, no browser, no network.

External URLs are refused (``allowed_base_urls=[]``) and the shipped DejaVu font is registered, so a
chart renders the same on any server and never reaches out to the internet.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import vl_convert as vlc

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"


@functools.cache
def _fonts_registered() -> bool:
    vlc.register_font_directory(str(FONT_DIR))
    return True


def to_png(spec: dict[str, Any], lang: str, scale: float = 2.0) -> bytes:
    """PNG bytes of a Vega-Lite spec, with the number format of the report's language.

    Rendering is deterministic, so identical specs (the same report downloaded again, in PDF
    then in Word) are rendered once and served from a small cache of immutable bytes.
    """
    return _render(json.dumps(spec, sort_keys=True), lang, scale)


@functools.lru_cache(maxsize=32)
def _render(spec_json: str, lang: str, scale: float) -> bytes:
    _fonts_registered()
    png: bytes = vlc.vegalite_to_png(
        vl_spec=spec_json,
        scale=scale,
        allowed_base_urls=[],
        format_locale="fr-FR" if lang == "fr" else "en-GB",
    )
    return png
