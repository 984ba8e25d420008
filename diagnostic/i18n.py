"""Interface messages in French and English, read from ``diagnostic/locale/``.

Each language has a main file (``fr.yaml``) and optional fragments (``fr/<area>.yaml``), one per
area of the interface, so that translators and parallel changes do not collide on one long file.
A key defined twice across a language's files is an error, not a silent override.

Content (questions, help, recommendations) carries its own translations in the questionnaire YAML;
this catalogue holds the few sentences the code itself produces: import errors, CLI headings,
explanations of conditions. Keeping them out of the code lets a translator work on one file.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Literal, get_args

import yaml

Lang = Literal["fr", "en"]
LANGS: tuple[str, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "fr"

_LOCALE_DIR = Path(__file__).with_name("locale")
_log = logging.getLogger(__name__)
# Tests turn this on (tests/conftest.py, or DIAGNOSTIC_I18N_STRICT=1 for a server under test): a
# missing message then raises instead of printing its key in a deliverable.
_strict = os.environ.get("DIAGNOSTIC_I18N_STRICT") == "1"
_reported: set[tuple[str, str]] = set()


class MissingMessage(KeyError):
    """A message key that neither the requested language nor French defines (strict mode)."""


def set_strict(on: bool) -> bool:
    """Make a missing message raise :class:`MissingMessage` (tests); returns the previous mode."""
    global _strict
    previous, _strict = _strict, on
    return previous


def locale_files(lang: str) -> list[Path]:
    """The files holding one language's messages: the main file, then its fragments by name."""
    return [_LOCALE_DIR / f"{lang}.yaml", *sorted((_LOCALE_DIR / lang).glob("*.yaml"))]


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Load one language's messages (shipped with the package, trusted, read once)."""
    merged: dict[str, str] = {}
    for path in locale_files(lang):
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        if not isinstance(data, dict):
            raise RuntimeError(f"locale file {path.name} is not a mapping")
        for key, value in data.items():
            if str(key) in merged:
                raise RuntimeError(f"message {key} is defined twice ({path.name})")
            merged[str(key)] = str(value)
    return merged


def as_lang(value: str | None) -> Lang:
    """Map anything a user or URL gives (``EN``, ``en-GB``, None) to a supported language."""
    code = (value or "").strip().lower()[:2]
    return "en" if code == "en" else "fr"


def message(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Render a message in a language.

    A key missing from the language raises in strict mode (tests); in production it falls back to
    French, then to the key itself, and is logged once per key and language so it gets fixed.
    """
    code = as_lang(lang)
    text = catalogue(code).get(key)
    if text is None:
        if _strict:
            raise MissingMessage(f"message {key!r} is missing from {code}")
        if (key, code) not in _reported:
            _reported.add((key, code))
            _log.error("message %r is missing from the %s locale", key, code)
        text = catalogue("fr").get(key) or key
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def number(value: float, lang: str, decimals: int = 0) -> str:
    """French: 1 051,5 (narrow no-break space, decimal comma); English: 1,051.5."""
    text = f"{value:,.{decimals}f}"
    if as_lang(lang) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(value: float, lang: str, decimals: int = 0) -> str:
    """French puts a narrow no-break space before %; English does not."""
    sep = "\u202f" if as_lang(lang) == "fr" else ""
    return f"{number(value, lang, decimals)}{sep}%"
