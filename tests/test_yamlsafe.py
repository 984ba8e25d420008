"""The strict YAML reader refuses what safe_load would let through."""

from __future__ import annotations

import pytest

from diagnostic.content import yamlsafe
from diagnostic.content.yamlsafe import MAX_DEPTH, YamlProblem, decode, parse


@pytest.fixture(params=["libyaml", "pure-python"], autouse=True)
def parser(request, monkeypatch):
    """Every test runs with libyaml's C parser and with the pure-Python fallback."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlsafe, "_FAST", None)
    elif yamlsafe._FAST is None:
        pytest.skip("PyYAML was built without libyaml")
    return request.param


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        pytest.param("a: &x 1\nb: *x\n", "anchor", 1, id="anchor"),
        pytest.param("a: [1]\nb: *x\n", "alias", 2, id="alias-without-anchor"),
        pytest.param("a: !!python/object/apply:os.system ['true']\n", "tag", 1, id="python-tag"),
        pytest.param("a: !!binary aGVsbG8=\n", "tag", 1, id="binary-tag"),
        pytest.param("a: 1\nb: 2\na: 3\n", "duplicate_key", 3, id="duplicate-key"),
        pytest.param("a: .nan\n", "number", 1, id="nan"),
        pytest.param("? [1, 2]\n: x\n", "key", 1, id="complex-key"),
        pytest.param("a:\n  <<: {b: 1}\n", "alias", 2, id="merge-key"),
        pytest.param("a: [1, 2\n", "syntax", None, id="unclosed-list"),
    ],
)
def test_refused(text: str, kind: str, line: int | None) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert caught.value.kind == kind
    if line is not None:
        assert caught.value.line == line


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(YamlProblem) as caught:
        parse(bomb)
    assert caught.value.kind == "anchor"


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))
    assert caught.value.kind == "too_deep"


def test_very_deep_nesting_does_not_crash() -> None:
    with pytest.raises(YamlProblem):
        parse("[" * 5000 + "]" * 5000)


def test_lines_are_recorded_per_key_path() -> None:
    doc = parse("a:\n  b:\n    - x\n    - c: 1\n")
    assert doc.data == {"a": {"b": ["x", {"c": 1}]}}
    assert doc.lines[("a", "b")] == 2
    assert doc.lines[("a", "b", 1, "c")] == 4
    assert doc.line_of(("a", "b", 1, "c", "missing")) == 4


def test_bom_is_tolerated_and_non_utf8_refused() -> None:
    assert parse(decode("\ufeffa: é\n".encode())).data == {"a": "é"}
    with pytest.raises(YamlProblem) as caught:
        decode("a: é\n".encode("latin-1"))
    assert caught.value.kind == "encoding"
    with pytest.raises(YamlProblem):
        decode(b"a: 1\x00\n")
