"""The peer pool's table (migration 7), apart from the code that uses it.

One row per contribution, holding only what the peer benchmark publishes in aggregate: type,
size band, region band, questionnaire id and version, the quarter, the stage and the dimension
scores. No name, no free text, no answer, no timestamp finer than the quarter, no client
address. The primary key is random, not a sequence, and on SQLite the table has no hidden rowid, so
neither a key nor the stored order tells in what order establishments contributed.
(PostgreSQL stores new rows where it finds room, and each row's ``xmin`` names the transaction
that wrote it: only someone who can read the database itself sees that.)
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Index, String, Table, Text

from diagnostic.workshop.tables import metadata

peer_contributions = Table(
    "peer_contributions",
    metadata,
    Column("id", String(32), primary_key=True),  # 128 random bits, hex
    # SHA-256 of the withdrawal code: the code itself is shown once and never stored.
    Column("withdrawal_hash", String(64), nullable=False, unique=True),
    Column("establishment_type", String(60), nullable=False),
    Column("size_band", String(20), nullable=False),
    Column("region_band", String(20), nullable=False),
    Column("questionnaire_id", String(80), nullable=False),
    Column("questionnaire_version", String(40), nullable=False),
    Column("period", String(8), nullable=False),  # the quarter, "2026-T4"
    Column("stage", String(60), nullable=False),
    Column("scores", Text, nullable=False),  # JSON {dimension id: whole-point score}
    Index("ix_peer_contributions_group", "questionnaire_id", "establishment_type", "size_band"),
    # SQLite gives every ordinary table a hidden ``rowid`` that counts up with each insert, which
    # would tell the order of contributions; a WITHOUT ROWID table is stored in key order.
    sqlite_with_rowid=False,
)


def migrate_v7(conn: Connection) -> None:
    """Migration 7: the opt-in peer pool."""
    metadata.create_all(conn, tables=[peer_contributions], checkfirst=True)
