"""Objects shared by every session: content, benchmark editions, the store engine.

All immutable or thread-safe, so ``st.cache_resource`` may share them; nothing per user lives here.
Content is cached per file modification time, so an edited YAML file is picked up on next load.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from diagnostic.content import loader as content
from diagnostic.content.benchmark_data import EditionFile
from diagnostic.method import benchmarks
from diagnostic.workshop import admin as workshop_admin
from diagnostic.workshop import store

log = logging.getLogger(__name__)


# Walking the content folder costs about half a millisecond, on every rerun of every session;
# checking at most every few seconds is enough to pick up an edit. Holds no per-user data.
MTIME_CHECK_SECONDS = 5.0
_checked: dict[Path, tuple[float, float]] = {}


def _mtime(path: Path) -> float:
    now = time.monotonic()
    seen = _checked.get(path)
    if seen is not None and now - seen[0] < MTIME_CHECK_SECONDS:
        return seen[1]
    mtime = max((p.stat().st_mtime for p in path.rglob("*.yaml")), default=0.0)
    _checked[path] = (now, mtime)
    return mtime


@st.cache_resource(show_spinner=False)
def _questionnaire(path: str, mtime: float) -> content.Questionnaire:
    del mtime  # part of the cache key on purpose
    return content.load(path)


@st.cache_resource(show_spinner=False)
def _editions(path: str, mtime: float) -> Mapping[str, EditionFile]:
    del mtime
    return benchmarks.load_editions(Path(path))


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """One engine per process; expired drafts and workshops are purged when it starts."""
    engine = store.make_engine(url)
    try:
        store.purge_expired(engine)
        workshop_admin.purge_expired(engine)
    except Exception:  # a purge failure must not stop the app; the next start tries again
        log.exception("retention purge failed")
    return engine


def questionnaire() -> content.Questionnaire:
    directory = content.questionnaire_dirs(content.default_root())[0]
    return _questionnaire(str(directory), _mtime(directory))


def editions() -> Mapping[str, EditionFile]:
    root = benchmarks.default_root()
    return _editions(str(root), _mtime(root))


def engine() -> Engine:
    return _engine(store.database_url())
