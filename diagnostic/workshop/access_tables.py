"""Tables of the access checks added in migrations 4 and 5, apart from the code that uses them.

The store runs every migration, and the access modules use the store: keeping the tables (and
the migrations that create them) here lets both import them without an import circle.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, ForeignKey, Index, Integer, String, Table

from diagnostic.workshop.queries import diagnostics
from diagnostic.workshop.tables import metadata

# Migration 4.
histories = Table(
    "histories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("establishment", String(200), nullable=False),  # history.establishment_key(name)
    Column("name", String(200), nullable=False),  # as first given, quoted on an import mismatch
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Index("ix_histories_establishment", "establishment"),
)
# Which diagnostics belong to which history; a diagnostic without a row here is unclaimed.
history_entries = Table(
    "history_entries",
    metadata,
    Column(
        "diagnostic_id",
        Integer,
        ForeignKey(diagnostics.c.id, ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("history_id", Integer, ForeignKey(histories.c.id, ondelete="CASCADE"), nullable=False),
    Index("ix_history_entries_history", "history_id"),
)


def migrate_v4(conn: Connection) -> None:
    """Migration 4 (history part): histories and their entries."""
    metadata.create_all(conn, tables=[histories, history_entries], checkfirst=True)


# Migration 5.
creations = Table(
    "workshop_creations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("session", String(64), nullable=False),  # SHA-256, as in key_throttle
    Column("address", String(64)),
    Index("ix_workshop_creations_at", "at"),
)


def migrate_v5(conn: Connection) -> None:
    """Migration 5: the count of recent workshop creations per client."""
    metadata.create_all(conn, tables=[creations], checkfirst=True)
