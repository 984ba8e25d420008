"""The three examples' scores, plan and PDF text are those recorded in the golden file.

A refactor must leave them identical. A change meant to alter them regenerates the file with
``.venv/bin/python -m tests.reference_outputs --write`` (see ``tests/reference_outputs.py``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .reference_outputs import EXAMPLES, GOLDEN, outputs

HOW = "if the change is intended: .venv/bin/python -m tests.reference_outputs --write"


@pytest.fixture(scope="module")
def current() -> dict[str, Any]:
    return outputs()


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("part", ["scores", "plan", "pdf_text"])
def test_reference_output_unchanged(current, golden, name: str, part: str) -> None:
    assert current[name][part] == golden[name][part], f"{name} {part} changed; {HOW}"


def test_golden_covers_every_example(golden) -> None:
    assert sorted(golden) == sorted(EXAMPLES)
    assert all(golden[n]["plan"] and golden[n]["pdf_text"] for n in EXAMPLES)
