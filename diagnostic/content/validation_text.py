"""Pydantic's refusals of an imported file, told in the reader's language.

pydantic words its errors in English for developers (``constrained-int: Input should be a valid
integer``). A director importing a file needs the field, what was expected and what was found, in
French or English: each error *type* maps to one message of the catalogue, and the union members
pydantic adds to the location (``constrained-int``, ``literal[...]``, ``list[str]``) are dropped,
their errors merged into one sentence for the field.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import ValidationError

from diagnostic.errors import ByLanguage
from diagnostic.i18n import LANGS, message, number

MAX_SHOWN = 5  # errors listed; the rest are usually consequences of the first ones
_TYPE_NAMES = {"str", "int", "float", "bool", "list", "dict", "none"}
# pydantic error type -> message key (the first matching prefix wins).
_BY_TYPE = (
    ("string_too_long", "validation.too_long"),
    ("string_too_short", "validation.too_short"),
    ("too_long", "validation.too_long"),
    ("int_", "validation.whole_number"),
    ("less_than", "validation.too_large"),
    ("greater_than", "validation.too_small"),
    ("finite_number", "validation.finite"),
    ("float_", "validation.finite"),
    ("string_type", "validation.text"),
    ("literal_error", "validation.choice"),
    ("enum", "validation.choice"),
    ("extra_forbidden", "validation.unknown_key"),
    ("missing", "validation.missing"),
    ("date", "validation.date"),
    ("dict_type", "validation.mapping"),
    ("model_type", "validation.mapping"),
    ("list_type", "validation.list"),
    ("tuple_type", "validation.list"),
)


def _is_union_member(part: object) -> bool:
    text = str(part)
    return "[" in text or "-" in text or text in _TYPE_NAMES


def _shown(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict | list):
        return type(value).__name__
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _key_for(errors: list[dict[str, Any]], field: str) -> str:
    kinds = {e["type"] for e in errors}
    if len(errors) > 1:  # a union: one sentence for the field, from what it accepts
        if field.endswith("answer"):
            return "validation.answer_level"
        if kinds <= {"string_type", "list_type"}:
            return "validation.text_or_list"
    kind = errors[0]["type"]
    return next((key for prefix, key in _BY_TYPE if kind.startswith(prefix)), "validation.other")


def _params(error: dict[str, Any], lang: str) -> dict[str, object]:
    ctx = error.get("ctx") or {}
    value = error.get("input")
    bounds = ("max_length", "min_length", "le", "lt", "ge", "gt")
    limit = next((ctx[k] for k in bounds if k in ctx), "")
    expected = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    return {
        "value": _shown(value),
        "limit": number(limit, lang) if isinstance(limit, int) else limit,
        "expected": expected,
        "length": number(len(value), lang) if isinstance(value, str) else "",
    }


def import_details(exc: ValidationError) -> ByLanguage:
    """One sentence per faulty field (at most :data:`MAX_SHOWN`), in French and in English."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for error in exc.errors():
        parts = [str(p) for p in error["loc"] if not _is_union_member(p)]
        grouped.setdefault(".".join(parts), []).append(dict(error))
    texts = {}
    for lang in LANGS:
        sentences = [
            message(
                _key_for(errors, field),
                lang,
                field=field or message("validation.top_level", lang),
                **_params(errors[0], lang),
            )
            for field, errors in list(grouped.items())[:MAX_SHOWN]
        ]
        texts[lang] = message("validation.separator", lang).join(sentences)
    return ByLanguage(texts)
