"""Dependencies are honest: what tests/ and perf/ import is declared, and the locks pin it all.

``deptry`` (``make check``) does the same for the application; it is told to skip tests/ and perf/
because their packages live in the ``test`` and ``perf`` extras, which this test checks instead.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FIRST_PARTY = {"diagnostic", "perf", "tests", "scripts"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement line (``psycopg[binary]>=3`` → psycopg)."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def declared(*extras: str) -> set[str]:
    project = PYPROJECT["project"]
    lines = [*project["dependencies"]]
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    return {_name(line) for line in lines}


def imported(folder: str) -> dict[str, str]:
    """Top-level third-party modules imported under ``folder``, with one file importing each."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in FIRST_PARTY:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize(("folder", "extras"), [("tests", ("test",)), ("perf", ("perf",))])
def test_every_package_imported_is_declared(folder: str, extras: tuple[str, ...]) -> None:
    distributions = packages_distributions()
    allowed = declared(*extras)
    missing = {
        module: where
        for module, where in imported(folder).items()
        if not {_name(d) for d in distributions.get(module, [module])} & allowed
    }
    assert missing == {}, f"declare these in pyproject.toml ({', '.join(extras)} extra): {missing}"


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("requirements.lock", ()), ("requirements-dev.lock", ("test", "dev", "perf"))],
)
def test_the_lock_pins_every_declared_package(lock: str, extras: tuple[str, ...]) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    pinned = {_name(line) for line in text.splitlines() if re.match(r"[A-Za-z0-9]", line)}
    assert declared(*extras) - pinned == set(), f"run `make lock` and commit {lock}"


def test_streamlit_has_an_upper_bound_with_its_reason() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    line = next(d for d in PYPROJECT["project"]["dependencies"] if _name(d) == "streamlit")
    assert "<" in line
    assert "newest minor version tested" in text
