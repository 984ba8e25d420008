"""Objects shared by every session: content, benchmark editions, the store engine.

All immutable or thread-safe, so ``st.cache_resource`` may share them; nothing per user lives here.
Content is cached per file modification time, so an edited YAML file is picked up on next load.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from diagnostic import benchmarks, content, store
from diagnostic.benchmark_data import EditionFile


def _mtime(path: Path) -> float:
    return max((p.stat().st_mtime for p in path.rglob("*.yaml")), default=0.0)


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
    return store.make_engine(url)


def questionnaire() -> content.Questionnaire:
    directory = content.questionnaire_dirs(content.default_root())[0]
    return _questionnaire(str(directory), _mtime(directory))


def editions() -> Mapping[str, EditionFile]:
    root = benchmarks.default_root()
    return _editions(str(root), _mtime(root))


def engine() -> Engine:
    return _engine(store.database_url())
