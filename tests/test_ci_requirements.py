"""A system tool the suite drives (chromium, qpdf, PostgreSQL) is required under CI, optional else."""

from __future__ import annotations

import pytest

from .conftest import require


def test_a_missing_tool_fails_the_test_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="qpdf is missing"):
        require(False, "qpdf is missing")


def test_a_missing_tool_skips_the_test_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="qpdf is missing"):
        require(False, "qpdf is missing")
    require(True, "never raised")
