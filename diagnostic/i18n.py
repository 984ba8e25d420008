"""Interface messages in French and English, read from ``diagnostic/locale/*.yaml``.

Content (questions, help, recommendations) carries its own translations in the questionnaire YAML;
this catalogue holds the few sentences the code itself produces: import errors, CLI headings,
explanations of conditions. Keeping them out of the code lets a translator work on one file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal, get_args

import yaml

Lang = Literal["fr", "en"]
LANGS: tuple[str, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "fr"

_LOCALE_DIR = Path(__file__).with_name("locale")


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Load one language's messages (shipped with the package, trusted, read once)."""
    with (_LOCALE_DIR / f"{lang}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise RuntimeError(f"locale file {lang}.yaml is not a mapping")
    return {str(k): str(v) for k, v in data.items()}


def as_lang(value: str | None) -> Lang:
    """Map anything a user or URL gives (``EN``, ``en-GB``, None) to a supported language."""
    code = (value or "").strip().lower()[:2]
    return "en" if code == "en" else "fr"


def message(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Render a message; a missing key falls back to French, then to the key itself."""
    text = catalogue(as_lang(lang)).get(key) or catalogue("fr").get(key) or key
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
