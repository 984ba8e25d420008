"""The audit log: append-only in the live database, and hash-chained so that a copy cannot be
edited without trace.

Triggers refuse UPDATE and DELETE on the live database, but anyone holding a copy of the file can
drop them and rewrite a row. So each row also stores ``row_hash``, the SHA-256 of the previous
row's hash and of its own content: changing, removing or reordering a row breaks the chain from
that row on, and :func:`verify` names the first row that no longer matches. A chain is only as
trustworthy as its head: someone who rewrites a row *and every later hash* goes unnoticed, which is
why ``diagnostic audit verify`` prints the head hash for the operator to note elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, Index, Integer, String, Table, Text, select

from diagnostic.workshop.tables import metadata

# The previous hash of the first row: a fixed, recognisable value rather than NULL.
GENESIS = "0" * 64
# An arbitrary constant naming the PostgreSQL advisory lock that serialises appends, so two
# transactions never chain to the same previous row (SQLite's BEGIN IMMEDIATE already does).
AUDIT_LOCK = 72_410_003

# No foreign key on purpose: the entry recording a deletion must outlive the workshop it names.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("workshop_id", String(32)),
    Column("actor", String(60), nullable=False),  # "facilitator", "participant:<role>", "system"
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False),  # JSON; ids and counts only, never names or free text
    Column("prev_hash", String(64)),  # migration 3
    Column("row_hash", String(64)),  # migration 3
    Index("ix_audit_log_workshop", "workshop_id"),
)
CONTENT = ("at", "workshop_id", "actor", "action", "detail")

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    # TRUNCATE skips row triggers, so it gets its own.
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
]


def stamp(moment: datetime) -> str:
    """One text form for every stored time, so string order is time order on both databases."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def chain_hash(prev_hash: str, row: Any) -> str:
    """SHA-256 over the previous hash and this row's content, in one unambiguous encoding."""
    content = [prev_hash, *(_field(row, name) for name in CONTENT)]
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _field(row: Any, name: str) -> object:
    return row[name] if isinstance(row, dict) else getattr(row, name)


def _head(conn: Connection) -> str:
    last = conn.scalar(select(audit_log.c.row_hash).order_by(audit_log.c.id.desc()).limit(1))
    return str(last) if last else GENESIS


def append_audit(
    conn: Connection,
    workshop_id: str | None,
    actor: str,
    action: str,
    at: datetime,
    **detail: object,
) -> None:
    """Add one audit entry in the caller's transaction (so it commits with what it records)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({AUDIT_LOCK})")
    values: dict[str, Any] = {
        "at": stamp(at),
        "workshop_id": workshop_id,
        "actor": actor,
        "action": action,
        "detail": json.dumps(detail, sort_keys=True, default=str),
    }
    prev = _head(conn)
    conn.execute(
        audit_log.insert().values(prev_hash=prev, row_hash=chain_hash(prev, values), **values)
    )


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify` found: rows checked, the first broken row's id (or None), the head."""

    rows: int
    broken_at: int | None
    head: str


def check(rows: Iterable[Any]) -> ChainReport:
    """Walk rows in id order; the first whose links or hash do not match breaks the chain."""
    prev, count = GENESIS, 0
    for row in rows:
        count += 1
        if row.prev_hash != prev or row.row_hash != chain_hash(prev, row):
            return ChainReport(count, int(row.id), prev)
        prev = row.row_hash
    return ChainReport(count, None, prev)


def verify(conn: Connection) -> ChainReport:
    """Check the whole audit log of a database."""
    return check(conn.execute(select(audit_log).order_by(audit_log.c.id)))


def create_v2(conn: Connection) -> None:
    """The table and its append-only triggers (migration 2 created them)."""
    audit_log.create(conn, checkfirst=True)
    triggers = POSTGRES_TRIGGERS if conn.dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        conn.exec_driver_sql(statement)


def migrate_v3(conn: Connection) -> None:
    """Migration 3: add the two hash columns if missing and chain the rows already there.

    Chaining existing rows is the one UPDATE ever made on the table: the triggers are lifted for
    it inside the migration's transaction, so no other writer sees the table without them.
    """
    from sqlalchemy import inspect

    present = {c["name"] for c in inspect(conn).get_columns("audit_log")}
    for name in ("prev_hash", "row_hash"):
        if name not in present:
            conn.exec_driver_sql(f"ALTER TABLE audit_log ADD COLUMN {name} VARCHAR(64)")
    rows = conn.execute(select(audit_log).order_by(audit_log.c.id)).all()
    if not rows:
        return
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        conn.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change")
    else:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
    prev = GENESIS
    for row in rows:
        new = chain_hash(prev, row)
        conn.execute(
            audit_log.update().where(audit_log.c.id == row.id).values(prev_hash=prev, row_hash=new)
        )
        prev = new
    if postgres:
        conn.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change")
    else:
        conn.exec_driver_sql(SQLITE_TRIGGERS[0])
