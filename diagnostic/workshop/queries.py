"""Workshop and history tables (migration 2) and the low-level queries the domain modules share.

Nothing here checks who is asking: :mod:`diagnostic.workshop.participant` and
:mod:`diagnostic.workshop.access`
do. What this module guarantees is the storage contract: an answer is one row per participant and
question (an idempotent upsert, written with each dialect's own ``ON CONFLICT``), deleting a
workshop removes every row that belongs to it, and the audit log only ever grows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from diagnostic.content.facts import AnswerValue, as_answer_value
from diagnostic.workshop import audit, key_throttle
from diagnostic.workshop.audit import append_audit as append_audit
from diagnostic.workshop.audit import audit_log as audit_log
from diagnostic.workshop.tables import metadata

Lock = Literal["share", "update"] | None

workshops = Table(
    "workshops",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("held_on", String(10), nullable=False),
    Column("questionnaire_id", String(80), nullable=False),
    Column("questionnaire_version", String(20), nullable=False),
    Column("profile", Text, nullable=False),  # JSON, the establishment profile
    Column("expected_roles", Text, nullable=False),  # JSON list of role ids
    Column("retention_days", Integer, nullable=False),
    Column("min_group", Integer, nullable=False),
    Column("max_participants", Integer, nullable=False),
    Column("key_salt", String(64), nullable=False),
    Column("key_hash", String(128), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("closed_at", String(32)),
)
participants = Table(
    "workshop_participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False
    ),
    # SHA-256 of the token: a copy of the database does not let anyone resume as a participant.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("role", String(40), nullable=False),
    Column("joined_at", String(32), nullable=False),
    Index("ix_workshop_participants_workshop", "workshop_id"),
)
answers = Table(
    "workshop_answers",
    metadata,
    Column(
        "participant_id",
        Integer,
        ForeignKey("workshop_participants.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(120), primary_key=True),
    Column("value", String(16), nullable=False),  # "0".."4", "dont_know", "not_applicable"
    Column("comment", Text),
    Column("updated_at", String(32), nullable=False),
)
consensus = Table(
    "workshop_consensus",
    metadata,
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(120), primary_key=True),
    Column("value", String(16), nullable=False),
    Column("rationale", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)
# Migration 2's per-workshop lockout; dropped by migration 3 (see
# diagnostic/workshop/key_throttle.py).
key_failures = Table(
    "workshop_key_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False
    ),
    Column("at", String(32), nullable=False),
    Index("ix_workshop_key_failures_workshop", "workshop_id"),
)
diagnostics = Table(
    "diagnostics",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("establishment", String(200), nullable=False),
    Column("held_on", String(10), nullable=False),
    Column("source", String(16), nullable=False),  # "self" or "workshop"
    Column("questionnaire_id", String(80), nullable=False),
    Column("questionnaire_version", String(20), nullable=False),
    Column("document", Text, nullable=False),  # the answers file (answers.dump)
    Column("saved_at", String(32), nullable=False),
    Index("ix_diagnostics_establishment", "establishment"),
)
# What migration 2 created (the audit log aside); later migrations add their own tables.
V2_TABLES = [workshops, participants, answers, consensus, key_failures, diagnostics]


def migrate_v2(conn: Connection) -> None:
    """Migration 2: workshops, participants, answers, consensus, lockout, audit log, history."""
    metadata.create_all(conn, tables=V2_TABLES, checkfirst=True)
    audit.create_v2(conn)


def migrate_v3(conn: Connection) -> None:
    """Migration 3: the per-workshop lockout gives way to per-client throttling; audit chain."""
    key_throttle.key_attempts.create(conn, checkfirst=True)
    key_failures.drop(conn, checkfirst=True)
    audit.migrate_v3(conn)


# --- values and times ---------------------------------------------------------------------------


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


stamp = audit.stamp


def encode_value(value: AnswerValue) -> str:
    return str(value)


def decode_value(text: str) -> AnswerValue:
    value = as_answer_value(int(text) if text.isdigit() else text)
    if value is None:  # only encode_value writes this column
        raise ValueError(f"not an answer value: {text[:40]!r}")
    return value


# --- writes ---------------------------------------------------------------------------------------


def upsert(conn: Connection, table: Table, values: Mapping[str, Any], keys: Sequence[str]) -> None:
    """Insert a row, or update the existing one with the same key: one statement, no read first.

    ``ON CONFLICT DO UPDATE`` is atomic on both databases, so two saves of the same answer (a
    double tap, a retry after an unknown outcome) leave one row holding the last value.
    """
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    stmt = dialect.insert(table).values(**values)
    changed = {name: stmt.excluded[name] for name in values if name not in keys}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=changed))


def delete_workshop_rows(conn: Connection, workshop_id: str) -> int:
    """Delete a workshop and everything under it; returns the number of participants removed.

    Explicit deletes rather than trusting ``ON DELETE CASCADE`` alone: a connection opened without
    SQLite's ``foreign_keys`` pragma would otherwise leave answers behind.
    """
    # Lock first (PostgreSQL): in-flight saves hold a shared lock on this row and finish first.
    conn.execute(select(workshops.c.id).where(workshops.c.id == workshop_id).with_for_update())
    ids = select(participants.c.id).where(participants.c.workshop_id == workshop_id)
    conn.execute(delete(answers).where(answers.c.participant_id.in_(ids)))
    removed = conn.execute(delete(participants).where(participants.c.workshop_id == workshop_id))
    conn.execute(delete(consensus).where(consensus.c.workshop_id == workshop_id))
    conn.execute(
        delete(key_throttle.key_attempts).where(
            key_throttle.key_attempts.c.workshop_id == workshop_id
        )
    )
    conn.execute(delete(workshops).where(workshops.c.id == workshop_id))
    return removed.rowcount


# --- reads ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopInfo:
    """A workshop as anyone allowed to see it may: everything but the key's hash."""

    id: str
    join_code: str
    title: str
    held_on: date
    questionnaire_id: str
    version: str
    profile: Mapping[str, str | tuple[str, ...]]
    expected_roles: tuple[str, ...]
    retention_days: int
    min_group: int
    max_participants: int
    created_at: datetime
    expires_at: datetime
    closed_at: datetime | None
    # Names the current facilitator key without revealing its hash: an access granted for a key
    # stops working when the operator rotates that key.
    key_tag: str = field(default="", repr=False)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


def _profile(text: str) -> dict[str, str | tuple[str, ...]]:
    raw: dict[str, Any] = json.loads(text)
    return {k: tuple(v) if isinstance(v, list) else str(v) for k, v in raw.items()}


def key_tag(key_hash: str) -> str:
    """Names a facilitator key (its hash's hash): what an access and the workshop must share."""
    return hashlib.sha256(key_hash.encode()).hexdigest()[:32]


def workshop_info(row: Any) -> WorkshopInfo:
    return WorkshopInfo(
        id=row.id,
        join_code=row.join_code,
        title=row.title,
        held_on=date.fromisoformat(row.held_on),
        questionnaire_id=row.questionnaire_id,
        version=row.questionnaire_version,
        profile=_profile(row.profile),
        expected_roles=tuple(json.loads(row.expected_roles)),
        retention_days=row.retention_days,
        min_group=row.min_group,
        max_participants=row.max_participants,
        created_at=datetime.fromisoformat(row.created_at),
        expires_at=datetime.fromisoformat(row.expires_at),
        closed_at=datetime.fromisoformat(row.closed_at) if row.closed_at else None,
        key_tag=key_tag(str(row.key_hash)),
    )


def load_workshop(conn: Connection, workshop_id: str, lock: Lock = None) -> WorkshopInfo | None:
    """The workshop row, optionally locked on PostgreSQL (SQLite's BEGIN IMMEDIATE already is).

    Saves take a shared lock and closing or deleting an exclusive one, so no answer can land in a
    workshop in the instant after it was closed or while it is being deleted.
    """
    query = select(workshops).where(workshops.c.id == workshop_id)
    if lock is not None:
        query = query.with_for_update(read=lock == "share")
    row = conn.execute(query).first()
    return workshop_info(row) if row is not None else None


@dataclass(frozen=True)
class ParticipantAnswers:
    """One participant's answers as the statistics read them: a role, never a name."""

    number: int  # 1, 2, … in joining order: stable, and meaningless outside this workshop
    role: str
    answers: Mapping[str, AnswerValue]
    comments: Mapping[str, str]


def answers_by_participant(conn: Connection, workshop_id: str) -> tuple[ParticipantAnswers, ...]:
    """Every participant of a workshop with their answers, read in one statement (one snapshot)."""
    rows = conn.execute(
        select(
            participants.c.id,
            participants.c.role,
            answers.c.question_id,
            answers.c.value,
            answers.c.comment,
        )
        .select_from(participants.outerjoin(answers, answers.c.participant_id == participants.c.id))
        .where(participants.c.workshop_id == workshop_id)
        .order_by(participants.c.id, answers.c.question_id)
    ).all()
    grouped: dict[int, tuple[str, dict[str, AnswerValue], dict[str, str]]] = {}
    for row in rows:
        _, values, notes = grouped.setdefault(row.id, (row.role, {}, {}))
        if row.question_id is not None:
            values[row.question_id] = decode_value(row.value)
            if row.comment:
                notes[row.question_id] = row.comment
    return tuple(
        ParticipantAnswers(n, role, values, notes)
        for n, (role, values, notes) in enumerate(grouped.values(), start=1)
    )


def consensus_rows(conn: Connection, workshop_id: str) -> dict[str, tuple[AnswerValue, str, str]]:
    """question id → (agreed value, rationale, updated_at)."""
    rows = conn.execute(select(consensus).where(consensus.c.workshop_id == workshop_id)).all()
    return {r.question_id: (decode_value(r.value), r.rationale, r.updated_at) for r in rows}
