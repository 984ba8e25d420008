"""Shared resources: an edited content file is picked up, without walking the folder every rerun."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from diagnostic.ui import resources


def _touch(path: Path, mtime: float) -> None:
    os.utime(path, (mtime, mtime))


def test_content_edit_is_seen_once_the_check_interval_has_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    _touch(tmp_path / "a.yaml", 1_000.0)
    assert resources._mtime(tmp_path) == 1_000.0
    _touch(tmp_path / "a.yaml", 2_000.0)
    # Within the interval the last reading is reused: no folder walk on every rerun.
    assert resources._mtime(tmp_path) == 1_000.0
    monkeypatch.setattr(resources, "MTIME_CHECK_SECONDS", 0.0)
    assert resources._mtime(tmp_path) == 2_000.0
