"""Turn pydantic's validation errors into messages a content author can act on.

pydantic reports a location tuple and a terse message; authors need the file, the line, the id of
the question they were editing, the keys that were allowed there and a guess at what they meant.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from diagnostic.content.models import OPERATORS
from diagnostic.content.yamlsafe import Path_, YamlDocument
from diagnostic.errors import ContentProblem, did_you_mean

_EXPECTED_BY_TYPE = {
    "string_type": "text (put it in quotes if it looks like a number, a date or yes/no)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "tuple_type": "a list (lines starting with '- ')",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "literal_error": "one of the allowed values",
    "string_pattern_mismatch": "a value of the documented form",
    "string_too_short": "a non-empty text",
    "too_short": "at least one item",
    "greater_than": "a larger number",
    "greater_than_equal": "a larger number",
    "less_than_equal": "a smaller number",
    "finite_number": "a finite number",
}


def describe_path(path: Path_) -> str:
    """``('questions', 2, 'help', 'en')`` → ``questions[2].help.en``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def enclosing_id(data: Any, path: Path_) -> str | None:
    """The ``id`` of the innermost mapping on the path that has one (for 'in governance.x')."""
    found: str | None = None
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        found = node["id"]
    return found


def locate(doc: YamlDocument, path: Path_) -> str:
    """Readable location: line, key path and the id of the element being edited."""
    parts = []
    line = doc.line_of(path)
    if line is not None:
        parts.append(f"line {line}")
    text = describe_path(path)
    ident = enclosing_id(doc.data, path)
    if text:
        parts.append(f"{text} (in {ident})" if ident and ident not in text else text)
    return ", ".join(parts)


def _unwrap(annotation: Any) -> list[tuple[str | None, Any]]:
    """Model classes reachable from an annotation, with their union tag when tagged."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        tag = next((getattr(x, "tag", None) for x in extras if hasattr(x, "tag")), None)
        return [(tag or t, m) for t, m in _unwrap(base)]
    if origin in (typing.Union, types.UnionType, tuple, list, dict):
        found: list[tuple[str | None, Any]] = []
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(None, annotation)]
    return []


def model_at(root: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (following union tags)."""
    current: type[BaseModel] | None = root
    pending: list[tuple[str | None, Any]] = []
    for part in loc:
        if isinstance(part, int):
            continue
        if pending:
            tagged = [m for t, m in pending if t == part]
            if tagged:
                current, pending = tagged[0], []
                continue
            untagged = [m for t, m in pending if t is None]
            current, pending = (untagged[0] if untagged else None), []
        if current is None:
            return None
        field = next(
            (f for n, f in current.model_fields.items() if part in (n, f.alias)),
            None,
        )
        if field is None:
            return None
        pending = _unwrap(field.annotation)
        current = None
    if pending:
        untagged = [m for t, m in pending if t is None]
        return untagged[0] if len(pending) == 1 or untagged else None
    return current


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return sorted(f.alias or n for n, f in model.model_fields.items())


def _clean_loc(loc: tuple[int | str, ...]) -> Path_:
    """Drop the union tags pydantic inserts (``when.profile_in.profile_in``)."""
    out: list[str | int] = []
    for part in loc:
        if out and part == out[-1] and isinstance(part, str):
            continue
        if isinstance(part, str) and "[" in part:  # function-wrap / class names
            continue
        out.append(part)
    return tuple(out)


def problems_from_validation(
    exc: ValidationError, model: type[BaseModel], doc: YamlDocument, file: str
) -> Iterator[ContentProblem]:
    """One :class:`ContentProblem` per pydantic error, de-duplicated by location."""
    seen: set[tuple[Path_, str]] = set()
    errors = exc.errors()
    deeper = {tuple(e["loc"])[:n] for e in errors for n in range(len(e["loc"]))}
    # A misspelt required key shows up twice (unknown "hlep", missing "help"): say it once.
    guessed = set()
    for e in errors:
        if e["type"] == "extra_forbidden":
            parent = model_at(model, tuple(e["loc"])[:-1])
            guess = did_you_mean(str(e["loc"][-1]), allowed_keys(parent) if parent else [])
            if guess:
                guessed.add((*tuple(e["loc"])[:-1], guess))
    for error in errors:
        kind = error["type"]
        raw_loc = tuple(error["loc"])
        if kind == "too_short" and raw_loc in deeper:
            continue  # a list whose items all failed: the item errors say why
        if kind == "missing" and raw_loc in guessed:
            continue
        loc = _clean_loc(raw_loc)
        if kind == "extra_forbidden":
            key = str(loc[-1])
            parent = model_at(model, raw_loc[:-1])
            keys = allowed_keys(parent) if parent else []
            guess = did_you_mean(key, keys)
            problem = ContentProblem(
                file,
                locate(doc, loc),
                f'unknown key "{key}"',
                f"one of {', '.join(keys)}" if keys else "",
                f'did you mean "{guess}"?' if guess else "remove it or check the spelling",
            )
        elif kind == "missing":
            problem = ContentProblem(
                file, locate(doc, loc[:-1]), f'missing key "{loc[-1]}"', "", "add it"
            )
        elif kind == "union_tag_invalid":
            op = str(error.get("ctx", {}).get("tag", ""))
            guess = did_you_mean(op, OPERATORS)
            problem = ContentProblem(
                file,
                locate(doc, loc),
                f'unknown condition operator "{op}"',
                f"one of {', '.join(OPERATORS)}",
                f'did you mean "{guess}"?' if guess else "see docs/authoring.md, Conditions",
            )
        elif kind == "union_tag_not_found":
            problem = ContentProblem(
                file,
                locate(doc, loc),
                "a condition must be a mapping with exactly one operator key",
                f"one of {', '.join(OPERATORS)}",
                "combine several conditions with all: [...] or any: [...]",
            )
        else:
            value = error.get("input")
            shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
            problem = ContentProblem(
                file,
                locate(doc, loc),
                f"{error['msg'].removeprefix('Value error, ')} (got {shown[:80]})",
                _EXPECTED_BY_TYPE.get(kind, ""),
                "",
            )
        marker = (loc, problem.problem)
        if marker not in seen:
            seen.add(marker)
            yield problem
