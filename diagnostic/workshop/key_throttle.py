"""Slowing down whoever guesses facilitator keys, without ever locking a workshop.

A lock per workshop let anyone who knew a workshop id keep its facilitator out. Here a failure is
charged to the *client* that made it: its browser session and, where known, its network address.
Each refusal then waits a delay that doubles with that client's recent failures (capped), so a
guesser slows down while a facilitator on another client is never delayed and a correct key is
always accepted. The attempts live in the database so that every app process counts the same ones;
identifiers are stored hashed (an address is personal data), and rows older than the window go.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    String,
    Table,
    delete,
    func,
    or_,
    select,
)

from diagnostic.workshop.tables import metadata

WINDOW = timedelta(minutes=15)  # failures older than this are forgotten
BASE_DELAY = 0.5  # seconds, for a client's first failure; doubled for each recent one
MAX_DELAY = 8.0
# Every refusal lasts at least this long before its delay, whatever made it (an unknown id, a wrong
# key, an expired workshop): long enough to cover the key hash and the database writes, so the time
# taken does not tell whether a workshop id exists.
REFUSAL_FLOOR = 0.4

# Migration 3. No foreign key: attempts on unknown ids are recorded too (with a NULL workshop).
key_attempts = Table(
    "key_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("workshop_id", String(32)),
    Column("session", String(64), nullable=False),  # SHA-256 of the browser session's id
    Column("address", String(64)),  # SHA-256 of the client address, when known
    Index("ix_key_attempts_session", "session"),
    Index("ix_key_attempts_address", "address"),
    Index("ix_key_attempts_at", "at"),
    Index("ix_key_attempts_workshop", "workshop_id"),
)


@dataclass(frozen=True)
class Client:
    """Who is trying a key: a browser session id and, where known, the client's address."""

    session: str
    address: str | None = None

    def hashed(self) -> tuple[str, str | None]:
        def digest(kind: str, text: str) -> str:
            return hashlib.sha256(f"{kind}:{text}".encode()).hexdigest()

        address = digest("address", self.address) if self.address else None
        return digest("session", self.session), address


LOOPBACK = frozenset({"", "127.0.0.1", "::1", "localhost"})


def client_address(peer: str | None, forwarded: list[str]) -> str | None:
    """The client's address: the WebSocket peer's, or behind a proxy on loopback, the last entry
    of ``X-Forwarded-For`` (the one the proxy appended; earlier ones are the client's say-so)."""
    if (peer or "") in LOOPBACK:
        last = forwarded[-1].split(",")[-1].strip() if forwarded else ""
        return last[:64] or None
    return str(peer)[:64]


def recent_failures(conn: Connection, client: Client, since: str) -> int:
    """The larger of the session's and the address's failures since ``since``."""
    session, address = client.hashed()
    counts = [
        conn.scalar(
            select(func.count()).where(key_attempts.c.session == session, key_attempts.c.at > since)
        )
    ]
    if address is not None:
        counts.append(
            conn.scalar(
                select(func.count()).where(
                    key_attempts.c.address == address, key_attempts.c.at > since
                )
            )
        )
    return max(int(c or 0) for c in counts)


def record_failure(
    conn: Connection, client: Client, workshop_id: str | None, moment: datetime, stamp: str
) -> int:
    """Charge one failure to the client; returns its failures before this one (in the window)."""
    since = (moment - WINDOW).isoformat()
    conn.execute(delete(key_attempts).where(key_attempts.c.at <= since))
    before = recent_failures(conn, client, since)
    session, address = client.hashed()
    conn.execute(
        key_attempts.insert().values(
            at=stamp, workshop_id=workshop_id, session=session, address=address
        )
    )
    return before


def delay(failures_before: int) -> float:
    """Seconds a refusal waits beyond the floor: 0.5, 1, 2, 4, 8, 8, … as failures pile up."""
    return float(min(MAX_DELAY, BASE_DELAY * 2 ** min(failures_before, 16)))


def clear(conn: Connection, workshop_id: str) -> int:
    """Forget the failures made on one workshop, and by the clients that made them."""
    rows = conn.execute(
        select(key_attempts.c.session, key_attempts.c.address).where(
            key_attempts.c.workshop_id == workshop_id
        )
    ).all()
    sessions = {r.session for r in rows}
    addresses = {r.address for r in rows if r.address is not None}
    if not rows:
        return 0
    result = conn.execute(
        delete(key_attempts).where(
            or_(key_attempts.c.session.in_(sessions), key_attempts.c.address.in_(addresses))
        )
    )
    return int(result.rowcount)
