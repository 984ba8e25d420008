"""The embedded store: resume drafts now, workshops later (SQLAlchemy Core).

SQLite by default (a file under ``data/``), PostgreSQL when ``DIAGNOSTIC_DATABASE_URL`` says so.
Every write runs in its own short transaction; on SQLite it starts with ``BEGIN IMMEDIATE`` so two
writers queue instead of failing half-way, and a locked database is retried with jittered back-off.
The schema is created and upgraded by numbered migrations recorded in ``schema_migrations``.
"""

from __future__ import annotations

import hashlib
import os
import random
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    select,
)
from sqlalchemy.exc import DBAPIError, OperationalError

from diagnostic.workshop.access_tables import migrate_v4, migrate_v5
from diagnostic.workshop.campaign_tables import migrate_v6
from diagnostic.workshop.peer_tables import migrate_v7
from diagnostic.workshop.pulse_tables import migrate_v8
from diagnostic.workshop.queries import migrate_v2, migrate_v3
from diagnostic.workshop.tables import metadata

T = TypeVar("T")
DEFAULT_DB = Path("data") / "diagnostic.sqlite3"
RETRIES = 6
DRAFT_RETENTION = timedelta(days=30)

migrations_table = Table(
    "schema_migrations", metadata, Column("version", Integer, primary_key=True)
)
drafts = Table(
    "drafts",
    metadata,
    # SHA-256 of the resume token (migration 3): a copy of the database does not let anyone resume.
    Column("token", String(64), primary_key=True),
    Column("questionnaire_id", String(80), nullable=False),
    Column("document", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)


def _v3(conn: Connection) -> None:
    """Migration 3: draft tokens hashed; per-client key throttling; the audit log's hash chain."""
    for (token,) in conn.execute(select(drafts.c.token)).all():
        conn.execute(drafts.update().where(drafts.c.token == token).values(token=hash_token(token)))
    migrate_v3(conn)


# Numbered migrations: each creates or alters what its version introduced. Never edit a shipped one.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: lambda conn: drafts.create(conn, checkfirst=True),
    2: migrate_v2,  # the workshop tables live with their queries
    3: _v3,
    4: migrate_v4,  # establishment histories behind a secret
    5: migrate_v5,  # workshop creations counted per client, for the rate limit
    6: migrate_v6,  # campaigns and their entries
    7: migrate_v7,  # the opt-in peer pool
    8: migrate_v8,  # staff pulse surveys: anonymous answers, browser markers apart
}
# PostgreSQL codes worth another try: serialization failure and deadlock victim. Both mean "the
# database refused this transaction to keep others consistent", never "the data is wrong".
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
# An arbitrary constant naming the advisory lock that serialises migrations across processes.
MIGRATION_LOCK = 72_410_001
# Bytes of WAL kept after a checkpoint: old page images (erased answers among them) do not linger
# in a large -wal file between checkpoints.
JOURNAL_SIZE_LIMIT = 1024 * 1024


def database_url() -> str:
    url = os.environ.get("DIAGNOSTIC_DATABASE_URL")
    if url:
        return url
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


def make_engine(url: str | None = None) -> Engine:
    """An engine with SQLite's pragmas and immediate write transactions, schema up to date."""
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 5})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
            cur = dbapi_conn.cursor()
            for pragma in (
                "journal_mode=WAL",
                "busy_timeout=5000",
                "foreign_keys=ON",
                "synchronous=NORMAL",
                "secure_delete=ON",
                f"journal_size_limit={JOURNAL_SIZE_LIMIT}",
            ):
                cur.execute(f"PRAGMA {pragma}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get("immediate", True)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    scrub(engine)  # a migration may have rewritten rows (draft tokens) whose old images sit in WAL
    return engine


def scrub(engine: Engine) -> None:
    """After an erasure: move the WAL into the database file and truncate it to zero bytes.

    ``secure_delete`` overwrites deleted rows in the database file, but until a checkpoint the
    ``-wal`` file still holds the page images written before the deletion (an erased comment, a
    deleted workshop's title). ``wal_checkpoint(TRUNCATE)`` copies the current pages back and
    empties the WAL; it waits (busy timeout) for readers of older snapshots, so it is retried
    a few times until it reports no reader in the way. No-op on PostgreSQL, which has its own
    vacuum.
    """
    if engine.dialect.name != "sqlite":
        return
    for attempt in range(3):
        with engine.connect() as conn:
            # The DB-API connection is in autocommit mode (isolation_level None, set above): a
            # checkpoint cannot run inside the transaction SQLAlchemy would otherwise begin.
            raw = conn.connection.dbapi_connection
            assert raw is not None
            busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return
        time.sleep(random.uniform(0, 0.05 * 2**attempt))


def migrate(engine: Engine) -> None:
    """Apply the migrations this database has not seen yet, each in its own transaction.

    Several app processes may start at once: each migration re-reads the applied versions inside
    its own write transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so a
    version is applied exactly once and a killed migration leaves the previous schema intact.
    """
    with engine.begin() as conn:
        _lock_migrations(conn)
        migrations_table.create(conn, checkfirst=True)
    for version in sorted(MIGRATIONS):
        with engine.begin() as conn:
            _lock_migrations(conn)
            done = set(conn.scalars(select(migrations_table.c.version)))
            if version in done:
                continue
            MIGRATIONS[version](conn)
            conn.execute(migrations_table.insert().values(version=version))


def _lock_migrations(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


def is_transient(exc: BaseException) -> bool:
    """True for errors that another attempt may cure: a locked database, a serialization failure."""
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    text = str(exc).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)


def retry(action: Callable[[], T], tries: int = RETRIES) -> T:
    """Run a unit of work, retrying transient refusals with jittered exponential back-off.

    "Database is locked" on SQLite, serialization failures and deadlocks on PostgreSQL: the
    jitter keeps writers that collided once from colliding again in lockstep.
    """
    for attempt in range(tries):
        try:
            return action()
        except DBAPIError as exc:
            if not is_transient(exc) or attempt == tries - 1:
                raise
            time.sleep(random.uniform(0, 0.05 * 2**attempt))
    raise AssertionError("unreachable")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction (BEGIN IMMEDIATE on SQLite)."""
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read-only unit of work: a deferred transaction, so readers never queue behind writers."""
    with engine.connect().execution_options(immediate=False) as conn, conn.begin():
        yield conn


def new_token() -> str:
    """An unguessable resume token (128 random bits)."""
    return secrets.token_urlsafe(16)


def hash_token(token: str) -> str:
    """What is stored for a resume token. No salt: the token carries 128 random bits itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def save_draft(engine: Engine, token: str, questionnaire_id: str, document: str) -> None:
    """Insert or replace the draft for a token (idempotent: saving twice keeps one row)."""

    def work() -> None:
        with writing(engine) as conn:
            conn.execute(delete(drafts).where(drafts.c.token == hash_token(token)))
            conn.execute(
                drafts.insert().values(
                    token=hash_token(token),
                    questionnaire_id=questionnaire_id,
                    document=document,
                    updated_at=_now().isoformat(),
                )
            )

    retry(work)


def load_draft(engine: Engine, token: str) -> str | None:
    """The saved document for a token, or None (unknown, expired or malformed token)."""
    if not token or len(token) > 64:
        return None
    with engine.connect().execution_options(immediate=False) as conn:
        row = conn.execute(
            select(drafts.c.document, drafts.c.updated_at).where(
                drafts.c.token == hash_token(token)
            )
        ).first()
    if row is None or datetime.fromisoformat(row.updated_at) < _now() - DRAFT_RETENTION:
        return None
    return str(row.document)


def delete_draft(engine: Engine, token: str) -> None:
    """The user's "erase my answers": the row goes, and so do its images in the WAL."""

    def work() -> None:
        with writing(engine) as conn:
            conn.execute(delete(drafts).where(drafts.c.token == hash_token(token)))

    retry(work)
    scrub(engine)


def purge_expired(engine: Engine) -> int:
    """Delete drafts older than the retention period; returns how many went."""
    limit = (_now() - DRAFT_RETENTION).isoformat()

    def work() -> int:
        with writing(engine) as conn:
            return conn.execute(delete(drafts).where(drafts.c.updated_at < limit)).rowcount

    purged = retry(work)
    scrub(engine)
    return purged
