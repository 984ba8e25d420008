"""The embedded store: drafts saved, replaced, expired and deleted; schema migrated once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from diagnostic.workshop import store


def engine(tmp_path: Path):
    return store.make_engine(f"sqlite:///{tmp_path / 'test.sqlite3'}")


def test_draft_round_trip_and_idempotent_save(tmp_path: Path) -> None:
    e = engine(tmp_path)
    store.save_draft(e, "tok", "ia_sante", '{"a": 1}')
    store.save_draft(e, "tok", "ia_sante", '{"a": 2}')
    assert store.load_draft(e, "tok") == '{"a": 2}'
    with e.connect().execution_options(immediate=False) as conn:
        assert len(conn.execute(select(store.drafts)).all()) == 1


def test_unknown_and_expired_tokens_give_nothing(tmp_path: Path) -> None:
    e = engine(tmp_path)
    store.save_draft(e, "old", "ia_sante", "{}")
    old = (datetime.now(UTC) - store.DRAFT_RETENTION - timedelta(days=1)).isoformat()
    with store.writing(e) as conn:
        conn.execute(update(store.drafts).values(updated_at=old))
    assert store.load_draft(e, "old") is None
    assert store.load_draft(e, "nope") is None
    assert store.load_draft(e, "x" * 500) is None
    assert store.purge_expired(e) == 1


def test_delete_draft(tmp_path: Path) -> None:
    e = engine(tmp_path)
    store.save_draft(e, "tok", "ia_sante", "{}")
    store.delete_draft(e, "tok")
    assert store.load_draft(e, "tok") is None


def test_migrations_run_once(tmp_path: Path) -> None:
    engine(tmp_path)
    e = engine(tmp_path)  # second start: nothing to redo
    with e.connect().execution_options(immediate=False) as conn:
        assert list(conn.scalars(select(store.migrations_table.c.version))) == sorted(
            store.MIGRATIONS
        )


def test_concurrent_writers_all_land(tmp_path: Path) -> None:
    e = engine(tmp_path)
    errors: list[Exception] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                store.save_draft(e, f"t{n}-{i % 3}", "ia_sante", f'{{"n": {i}}}')
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with e.connect().execution_options(immediate=False) as conn:
        assert len(conn.execute(select(store.drafts)).all()) == 60


def test_tokens_are_unguessable() -> None:
    tokens = {store.new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(len(t) >= 22 for t in tokens)
