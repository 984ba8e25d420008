"""Shared fixtures. Tests write only to pytest's temporary directories."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from diagnostic.content import loader as content
from diagnostic.content.loader import Questionnaire

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "questionnaires" / "ia-sante"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
EXAMPLES = ROOT / "examples"

# CI runs a fixed number of derandomised examples so a red build is reproducible; elsewhere
# Hypothesis keeps its default (random) profile, so that local runs keep finding new cases.
settings.register_profile(
    "ci", max_examples=200, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
if os.environ.get("CI"):
    settings.load_profile("ci")


def require(present: bool, missing: str) -> None:
    """Skip a test whose system tool is missing, but fail it under CI, where it must be there.

    ``make test`` installs the tools (scripts/system-deps.sh); a CI run that silently skipped
    the PDF or browser checks would pass without testing them.
    """
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing} (CI=true: required)")
    pytest.skip(missing)


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return content.load(SHIPPED)


@pytest.fixture(scope="session")
def mini() -> Questionnaire:
    return content.load(MINI)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini questionnaire, for tests that break it on purpose."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ia-sante"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture(autouse=True)
def _isolated_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own SQLite file; nothing is written in the work tree."""
    db = tmp_path_factory.mktemp("store") / "diagnostic.sqlite3"
    monkeypatch.setenv("DIAGNOSTIC_DATABASE_URL", f"sqlite:///{db}")


@pytest.fixture(autouse=True, scope="session")
def _strict_messages() -> None:
    """A message key missing from a locale fails the test instead of printing the raw key."""
    from diagnostic import i18n

    i18n.set_strict(True)
