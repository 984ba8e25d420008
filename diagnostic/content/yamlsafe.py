"""Read YAML that nobody has to trust: safe loader only, no anchors or aliases, no tags.

Why not ``yaml.safe_load`` alone: it still expands aliases (a few hundred bytes can walk out to tens
of megabytes), silently keeps the last of two duplicate keys, and forgets line numbers. Here the
document is composed node by node, refused at the first anchor, alias, explicit tag or duplicate
key, and every key path is mapped to its line so error messages can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
MAX_DEPTH = 64


@dataclass(frozen=True)
class YamlProblem(Exception):
    """Why a YAML text was refused; ``kind`` is stable, ``detail`` is for people.

    ``detail`` is English, for content authors at the command line. A user's import goes through
    the locale files instead (``import.yaml_<kind>``, see
    :func:`diagnostic.method.answers.parse_bytes`),
    with ``line`` and ``value`` (the tag or the key concerned) as parameters.
    """

    kind: str
    detail: str
    line: int | None = None
    value: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.detail}"


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data plus the line of every key path (1-based)."""

    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """Line of the deepest known prefix of ``path``."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and explicit tags while composing."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        _refuse(self.peek_event())  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


def _refuse(event: Any) -> None:
    """Refuse an alias, an anchor or an explicit tag, naming the line."""
    line = event.start_mark.line + 1 if event.start_mark else None
    if isinstance(event, yaml.AliasEvent):
        raise YamlProblem("alias", "aliases (*name) are not allowed; write the value out", line)
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise YamlProblem("anchor", f"anchors (&{anchor}) are not allowed", line)
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem("tag", f"tags such as {shown} are not allowed", line, shown)


def decode(raw: bytes) -> str:
    """Decode UTF-8 (a leading byte-order mark is tolerated), or say why not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            "encoding",
            f"the file is not UTF-8 text (byte {exc.start} is invalid)",
            raw.count(b"\n", 0, exc.start) + 1,  # the line to open in the editor
        ) from None
    if "\x00" in text:
        raise YamlProblem(
            "encoding",
            "the file contains NUL bytes: it is not a text file",
            text.count("\n", 0, text.index("\x00")) + 1,
        )
    return text


# libyaml's C parser when available (about ten times faster on the 100 KB rule files); the
# pure-Python strict loader otherwise. Both refuse the same things.
_FAST = getattr(yaml, "CSafeLoader", None)


def _screen(text: str) -> None:
    """Walk the event stream once (C parser, iterative) and refuse before anything is built."""
    assert _FAST is not None
    depth = 0
    for event in yaml.parse(text, Loader=_FAST):
        _refuse(event)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(
                    "too_deep", f"the document is nested more than {MAX_DEPTH} levels"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse(text: str) -> YamlDocument:
    """Parse one YAML document into plain data with key-path line numbers."""
    loader: Any = None
    try:
        if _FAST is not None:
            _screen(text)
            loader = _FAST(text)
        else:
            loader = _StrictLoader(text)
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        data = _build(loader, node, (), lines, 0) if node is not None else None
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(
            "syntax", f"YAML syntax error: {exc.problem or exc.context}", line
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("syntax", f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise YamlProblem(
            "too_deep", f"the document is nested more than {MAX_DEPTH} levels"
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(data, lines)


def _build(
    loader: _StrictLoader, node: Any, path: Path_, lines: dict[Path_, int], depth: int
) -> Any:
    if depth > MAX_DEPTH:
        raise YamlProblem("too_deep", f"the document is nested more than {MAX_DEPTH} levels")
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("key", "keys must be plain text", line, "?")
            if key_node.value == "<<":
                raise YamlProblem("alias", "merge keys (<<) are not allowed", line)
            key = loader.construct_object(key_node)
            if not isinstance(key, str | int | bool) or isinstance(key, bool):
                raise YamlProblem(
                    "key",
                    f'the key "{key_node.value}" must be text: put it in quotes',
                    line,
                    str(key_node.value),
                )
            key = str(key)
            if key in result:
                raise YamlProblem("duplicate_key", f'the key "{key}" appears twice', line, key)
            lines[(*path, key)] = line
            result[key] = _build(loader, value_node, (*path, key), lines, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, child, (*path, i), lines, depth + 1)
            for i, child in enumerate(node.value)
        ]
    value = loader.construct_object(node)
    if isinstance(value, float) and value != value:  # NaN
        raise YamlProblem("number", "NaN is not a number we can use", node.start_mark.line + 1)
    return value
