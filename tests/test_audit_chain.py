"""The audit log's hash chain: intact on a live database, broken on a copy edited by hand."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import text

from diagnostic.workshop import audit, store
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import results as workshop_results

from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

PROFILE = {"establishment_type": "chu"}


def activity(engine, q) -> None:
    created = workshop.create_workshop(
        engine, q, title="Atelier", held_on=date(2026, 3, 2), profile=PROFILE
    )
    token = workshop.join(engine, created.join_code, "dpo").token
    access = workshop.verify_key(engine, created.workshop_id, created.facilitator_key)
    workshop.erase_my_answers(engine, token)
    workshop_results.close_workshop(engine, access, created.workshop_id)


def verify_cli(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diagnostic", "audit", "verify", "--database", url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_verify_passes_live_and_fails_on_an_edited_copy(tmp_path, mini) -> None:
    live = tmp_path / "live.sqlite3"
    engine = store.make_engine(f"sqlite:///{live}")
    activity(engine, mini)
    ok = verify_cli(f"sqlite:///{live}")
    assert ok.returncode == 0, ok.stderr
    assert "5 row(s)" in ok.stdout
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(live) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with sqlite3.connect(copy) as conn:  # what anyone holding the file can do
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET action = 'joined', actor = 'system' WHERE id = 3")
    broken = verify_cli(f"sqlite:///{copy}")
    assert broken.returncode == 1
    assert "row id 3" in broken.stderr
    # Removing a row is caught too, at the row after it.
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute(
            "UPDATE audit_log SET action = 'key_accepted', actor = 'facilitator' WHERE id = 3"
        )
        conn.execute("DELETE FROM audit_log WHERE id = 2")
    removed = verify_cli(f"sqlite:///{copy}")
    assert removed.returncode == 1 and "row id 3" in removed.stderr
    assert verify_cli(f"sqlite:///{live}").returncode == 0  # the live file was never touched


def test_chain_on_both_databases(engine, mini) -> None:
    activity(engine, mini)
    with store.reading(engine) as conn:
        report = audit.verify(conn)
    assert report.broken_at is None and report.rows == 5
    # An administrator with the rights to lift the trigger edits a row: the chain shows it.
    with store.writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET detail = '{}' WHERE id = 4"))
    with store.reading(engine) as conn:
        assert audit.verify(conn).broken_at == 4


def test_migration_3_chains_rows_written_before_it(db_url, monkeypatch, mini) -> None:
    with monkeypatch.context() as m:  # the previous release: no hashes written
        m.setattr(store, "MIGRATIONS", {v: f for v, f in store.MIGRATIONS.items() if v < 3})
        m.setattr(audit, "_head", lambda conn: None)
        m.setattr(audit, "chain_hash", lambda prev, row: None)
        m.setattr(store, "hash_token", lambda token: token)  # and draft tokens in clear
        old = store.make_engine(db_url)
        workshop.create_workshop(
            old, mini, title="Atelier", held_on=date(2026, 3, 2), profile=PROFILE
        )
        store.save_draft(old, "legacy-token", "mini", "{}")
        with store.writing(old) as conn:  # release 2's table had no hash columns
            for column in ("prev_hash", "row_hash"):
                conn.execute(text(f"ALTER TABLE audit_log DROP COLUMN {column}"))
        old.dispose()
    engine = store.make_engine(db_url)  # migration 3
    activity(engine, mini)
    with store.reading(engine) as conn:
        report = audit.verify(conn)
        tokens = list(conn.scalars(store.drafts.select().with_only_columns(store.drafts.c.token)))
    assert report.broken_at is None and report.rows == 6
    assert tokens == [store.hash_token("legacy-token")]
    assert store.load_draft(engine, "legacy-token") == "{}"
    with pytest.raises(Exception, match="append-only"), store.writing(engine) as conn:
        conn.execute(text("UPDATE audit_log SET action = 'x'"))  # the triggers are back
    engine.dispose()
