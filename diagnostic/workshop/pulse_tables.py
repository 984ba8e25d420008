"""Tables of the staff pulse survey (migration 8), apart from the code that uses them.

Three tables, kept apart on purpose. ``pulses`` holds what the owner set (title, period, join code,
the owner key's scrypt hash). ``pulse_answers`` holds one row per answer: the pulse, the role
family and the item answers, nothing else — no address, no browser, no session, and only the ISO
week as a time. ``pulse_markers`` holds the SHA-256 of the random value a browser keeps, only to
refuse a second answer from that browser; it has no link to the answer it came with.

Primary keys are random and, on SQLite, the answer and marker tables are ``WITHOUT ROWID``: rows
are stored in key order, so neither their order nor a hidden rowid tells in which order people
answered (which server logs, with their times, could otherwise be matched against).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from diagnostic.workshop.tables import metadata

pulses = Table(
    "pulses",
    metadata,
    Column("id", String(32), primary_key=True),  # random, never shown to participants
    Column("join_code", String(16), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("opens_on", String(10), nullable=False),  # ISO dates, inclusive
    Column("closes_on", String(10), nullable=False),
    Column("closed", Integer, nullable=False, default=0),  # closed early by the owner
    Column("key_salt", String(32), nullable=False),
    Column("key_hash", String(64), nullable=False),
    Column("questionnaire_id", String(80), nullable=False),
)
pulse_answers = Table(
    "pulse_answers",
    metadata,
    Column("id", String(32), primary_key=True),  # random: no order of arrival
    Column("pulse_id", String(32), ForeignKey(pulses.c.id, ondelete="CASCADE"), nullable=False),
    Column("week", String(8)),  # ISO week ("2026-W49"), the only time kept
    Column("role_family", String(40), nullable=False),
    Column("answers", Text, nullable=False),  # JSON: item id → option id or list of option ids
    Index("ix_pulse_answers_pulse", "pulse_id"),
    sqlite_with_rowid=False,
)
pulse_markers = Table(
    "pulse_markers",
    metadata,
    Column("pulse_id", String(32), ForeignKey(pulses.c.id, ondelete="CASCADE"), nullable=False),
    Column("marker_hash", String(64), nullable=False),
    PrimaryKeyConstraint("pulse_id", "marker_hash"),
    sqlite_with_rowid=False,
)


def migrate_v8(conn: Connection) -> None:
    """Migration 8: the staff pulse survey's tables."""
    metadata.create_all(conn, tables=[pulses, pulse_answers, pulse_markers], checkfirst=True)
