"""Erased means gone from the disk: the database file, its -wal and its -shm are read byte by byte
after each erasure, with the app's engine still open (as in a running server). Also: draft resume
tokens are never stored in clear, including drafts saved before migration 3."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from diagnostic.workshop import admin as workshop_admin
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop import store
from diagnostic.workshop.queries import workshops

PROFILE = {"establishment_type": "chu"}


def raw(db: Path) -> bytes:
    """Everything SQLite has on disk for this database."""
    return b"".join(
        p.read_bytes() for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()
    )


def marker(what: str) -> str:
    return f"ZQ{what}{secrets.token_hex(6)}QZ"


def open_db(tmp_path: Path) -> tuple[Path, Engine]:
    db = tmp_path / "diagnostic.sqlite3"
    return db, store.make_engine(f"sqlite:///{db}")


def test_a_draft_erased_leaves_no_trace_and_its_token_is_never_stored(tmp_path) -> None:
    db, engine = open_db(tmp_path)
    name, comment = marker("name"), marker("comment")
    tokens = [store.new_token() for _ in range(3)]
    for token in tokens:
        store.save_draft(engine, token, "q", f"establishment_name: {name}\ncomment: {comment}")
    before = raw(db)
    assert name.encode() in before  # the test can see what it looks for
    assert not any(t.encode() in before for t in tokens)
    assert store.load_draft(engine, tokens[0]) is not None  # found by its hash
    for token in tokens:
        store.delete_draft(engine, token)  # "Effacer mes réponses de ce serveur"
    after = raw(db)
    assert name.encode() not in after and comment.encode() not in after
    assert Path(f"{db}-wal").stat().st_size == 0


def test_retention_purge_of_drafts_leaves_no_trace(tmp_path) -> None:
    db, engine = open_db(tmp_path)
    name = marker("old")
    store.save_draft(engine, store.new_token(), "q", name)
    with store.writing(engine) as conn:
        conn.execute(store.drafts.update().values(updated_at="2000-01-01T00:00:00+00:00"))
    assert name.encode() in raw(db)
    assert store.purge_expired(engine) == 1
    assert name.encode() not in raw(db)


def test_participant_erasure_leaves_no_trace(tmp_path, mini) -> None:
    db, engine = open_db(tmp_path)
    created = workshop.create_workshop(
        engine, mini, title="Atelier", held_on=date(2026, 3, 2), profile=PROFILE
    )
    mine, other = marker("mine"), marker("other")
    me = workshop.join(engine, created.join_code, "dpo").token
    you = workshop.join(engine, created.join_code, "cio").token
    for note in ("first draft " + mine, mine):  # an earlier version of the comment too
        workshop.save_answer(engine, mini, me, "alpha.one", 2, note)
    workshop.save_answer(engine, mini, you, "alpha.one", 3, other)
    assert mine.encode() in raw(db)
    assert workshop.erase_my_answers(engine, me) == 1
    after = raw(db)
    assert mine.encode() not in after
    assert other.encode() in after  # someone else's answer stays


def test_workshop_delete_and_purge_leave_no_trace(tmp_path, mini) -> None:
    db, engine = open_db(tmp_path)
    markers, ids = [], {}
    for how in ("delete", "purge"):
        title, name, note = marker(f"{how}title"), marker(f"{how}name"), marker(f"{how}note")
        markers += [title, name, note]
        created = workshop.create_workshop(
            engine,
            mini,
            title=title,
            held_on=date(2026, 3, 2),
            profile=PROFILE | {"establishment_name": name},
        )
        ids[how] = created
        for role in ("dpo", "cio", "hr"):
            token = workshop.join(engine, created.join_code, role).token
            workshop.save_answer(engine, mini, token, "alpha.one", 1, note)
        access = workshop.verify_key(engine, created.workshop_id, created.facilitator_key)
        workshop_results.set_consensus(
            engine, mini, access, created.workshop_id, "alpha.one", 1, note
        )
        if how == "delete":
            deleting = access
    before = raw(db)
    assert all(m.encode() in before for m in markers)
    workshop_results.delete_workshop(engine, deleting, ids["delete"].workshop_id)
    with store.writing(engine) as conn:  # the other one reaches the end of its retention
        conn.execute(
            workshops.update()
            .where(workshops.c.id == ids["purge"].workshop_id)
            .values(expires_at="2026-04-01T00:00:00+00:00")
        )
    assert workshop_admin.purge_expired(engine) == (ids["purge"].workshop_id,)
    after = raw(db)
    assert [m for m in markers if m.encode() in after] == []


def test_drafts_saved_before_migration_3_are_hashed_by_it(tmp_path, monkeypatch) -> None:
    db = tmp_path / "old.sqlite3"
    url = f"sqlite:///{db}"
    with monkeypatch.context() as m:  # a database as the previous release left it
        m.setattr(store, "MIGRATIONS", {v: f for v, f in store.MIGRATIONS.items() if v < 3})
        m.setattr(store, "hash_token", lambda token: token)
        old = store.make_engine(url)
        token = store.new_token()
        store.save_draft(old, token, "q", "document")
        old.dispose()
    assert token.encode() in raw(db)
    engine = store.make_engine(url)  # migration 3 runs
    assert store.load_draft(engine, token) == "document"
    assert token.encode() not in raw(db)
