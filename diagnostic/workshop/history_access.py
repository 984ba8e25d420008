"""Who may read and add to an establishment's history: whoever holds its establishment secret.

A name typed into a workshop's profile decided which history opened, and names fold on purpose
("ch  BÉTA" is "CH Beta"), so anyone could read and extend any establishment's history. Now a
history is a row of its own, found only by its secret: about 120 random bits issued at the first
save, shown once (like the facilitator key) and stored as a SHA-256 hash. Opening a history
returns a :class:`HistoryAccess`, the only value the history functions accept; it carries an HMAC
made with a per-process secret, so nothing built from session state or by hand passes
:func:`require`. Wrong secrets are charged to the client that tried them
(:mod:`diagnostic.workshop.key_throttle`), with one refusal message and a floor on its timing; a
correct
secret is always accepted at once.

Diagnostics saved before this change have no history: ``diagnostic history unclaimed`` lists
them by establishment key and ``diagnostic history claim KEY`` gives them one, and its secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import (
    Connection,
    Engine,
    func,
    select,
)

from diagnostic.errors import InputError
from diagnostic.workshop import key_throttle, store
from diagnostic.workshop.access import guarded
from diagnostic.workshop.access_tables import histories, history_entries
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import diagnostics, stamp, utc_now

SECRET_BYTES = 15  # 120 random bits, 20 URL-safe characters
MAX_SECRET = 200
_PROCESS_SECRET = secrets.token_bytes(32)  # per process, never stored


class HistoryDenied(InputError):
    """Wrong, unknown or forged secret: one error, nothing revealed."""


@dataclass(frozen=True)
class HistoryAccess:
    """Proof that one history's secret was presented in this process."""

    history_id: int
    establishment: str
    name: str
    proof: str = field(repr=False)
    # The stored hash of the secret that opened it: a rotated secret ends this access too.
    tag: str = field(default="", repr=False)


def _proof(history_id: int, establishment: str, tag: str) -> str:
    message = f"history|{history_id}|{establishment}|{tag}".encode()
    return hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()


def _grant(history_id: int, establishment: str, name: str, tag: str) -> HistoryAccess:
    return HistoryAccess(
        history_id, establishment, name, _proof(history_id, establishment, tag), tag
    )


def require(access: object) -> HistoryAccess:
    """The access itself if it is genuine; else :class:`HistoryDenied`."""
    if (
        not isinstance(access, HistoryAccess)
        or not isinstance(access.history_id, int)
        or not isinstance(access.establishment, str)
        or not isinstance(access.proof, str)
        or not isinstance(access.tag, str)
        or not hmac.compare_digest(
            access.proof, _proof(access.history_id, access.establishment, access.tag)
        )
    ):
        raise HistoryDenied("history.access_denied")
    return access


def current(conn: Connection, access: object) -> HistoryAccess:
    """The access if genuine *and* its secret is still the history's (not rotated since)."""
    granted = require(access)
    found = conn.scalar(select(histories.c.secret_hash).where(histories.c.id == granted.history_id))
    if found is None or not hmac.compare_digest(str(found), granted.tag):
        raise HistoryDenied("history.access_denied")
    return granted


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def secret_hash(secret: str) -> str:
    # No salt: the secret carries 120 random bits itself, so a table of hashes is useless.
    return hashlib.sha256(secret.strip().encode("utf-8")).hexdigest()


def create_history(
    conn: Connection, establishment: str, name: str, moment: datetime
) -> tuple[HistoryAccess, str]:
    """A new history in the caller's transaction; returns its access and its secret (show once)."""
    secret = new_secret()
    tag = secret_hash(secret)
    new_id = conn.execute(
        histories.insert()
        .values(
            establishment=establishment,
            name=name[:200],
            secret_hash=tag,
            created_at=stamp(moment),
        )
        .returning(histories.c.id)
    ).scalar_one()
    return _grant(int(new_id), establishment, name[:200], tag), secret


def open_history(
    engine: Engine,
    secret: str,
    *,
    client: Client | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> HistoryAccess:
    """The history this secret opens, or :class:`HistoryDenied` after the client's delay.

    Args:
        client: who is asking (browser session, address); None is a fresh anonymous client.
    """
    started = time.monotonic()
    moment = now or utc_now()
    offered = secret_hash(str(secret)[:MAX_SECRET])

    def lookup() -> HistoryAccess | None:
        with store.reading(engine) as conn:
            row = conn.execute(
                select(histories.c.id, histories.c.establishment, histories.c.name).where(
                    histories.c.secret_hash == offered
                )
            ).first()
        if row is None:
            return None
        return _grant(int(row.id), row.establishment, row.name, offered)

    found = guarded(lookup)
    if found is not None:
        return found

    def refuse() -> int:
        with store.writing(engine) as conn:
            return key_throttle.record_failure(
                conn, client or Client(secrets.token_hex(16)), None, moment, stamp(moment)
            )

    before = guarded(refuse)
    sleep(max(0.0, key_throttle.REFUSAL_FLOOR - (time.monotonic() - started)))
    sleep(key_throttle.delay(before))
    raise HistoryDenied("history.access_denied")


# --- operator commands (``diagnostic history …``: whoever runs them already holds the database) --


def unclaimed(engine: Engine) -> tuple[tuple[str, int], ...]:
    """Establishment keys with diagnostics that belong to no history, and how many each."""
    with store.reading(engine) as conn:
        rows = conn.execute(
            select(diagnostics.c.establishment, func.count())
            .select_from(
                diagnostics.outerjoin(
                    history_entries, history_entries.c.diagnostic_id == diagnostics.c.id
                )
            )
            .where(history_entries.c.diagnostic_id.is_(None))
            .group_by(diagnostics.c.establishment)
            .order_by(diagnostics.c.establishment)
        ).all()
    return tuple((str(r[0]), int(r[1])) for r in rows)


def claim(engine: Engine, establishment: str, *, now: datetime | None = None) -> tuple[int, str]:
    """Give the unclaimed diagnostics of one establishment key a new history; (count, secret)."""
    moment = now or utc_now()

    def work() -> tuple[int, str]:
        with store.writing(engine) as conn:
            ids = list(
                conn.scalars(
                    select(diagnostics.c.id)
                    .select_from(
                        diagnostics.outerjoin(
                            history_entries, history_entries.c.diagnostic_id == diagnostics.c.id
                        )
                    )
                    .where(
                        diagnostics.c.establishment == establishment,
                        history_entries.c.diagnostic_id.is_(None),
                    )
                )
            )
            if not ids:
                raise InputError("history.nothing_to_claim", {"key": establishment[:200]})
            access, secret = create_history(conn, establishment, establishment, moment)
            conn.execute(
                history_entries.insert(),
                [{"diagnostic_id": i, "history_id": access.history_id} for i in ids],
            )
            return len(ids), secret

    return guarded(work)


@dataclass(frozen=True)
class HistorySummary:
    """One history, as an operator lists it (no secret, no answers)."""

    history_id: int
    establishment: str
    name: str
    entries: int
    created_at: str


def list_histories(engine: Engine) -> tuple[HistorySummary, ...]:
    """Every history with its number of diagnostics, by establishment key then id."""
    with store.reading(engine) as conn:
        rows = conn.execute(
            select(
                histories.c.id,
                histories.c.establishment,
                histories.c.name,
                histories.c.created_at,
                func.count(history_entries.c.diagnostic_id),
            )
            .select_from(
                histories.outerjoin(history_entries, history_entries.c.history_id == histories.c.id)
            )
            .group_by(histories.c.id)
            .order_by(histories.c.establishment, histories.c.id)
        ).all()
    return tuple(HistorySummary(int(r[0]), r[1], r[2], int(r[4]), r[3]) for r in rows)


def rotate_secret(engine: Engine, history_id: int) -> str:
    """A new secret for a history (a lost or leaked one); the old one, and every access it
    opened, stop working at once. Returns the new secret, to show once."""
    secret = new_secret()

    def work() -> None:
        with store.writing(engine) as conn:
            changed = conn.execute(
                histories.update()
                .where(histories.c.id == history_id)
                .values(secret_hash=secret_hash(secret))
            )
            if changed.rowcount == 0:
                raise InputError("history.no_such_history", {"id": history_id})

    guarded(work)
    return secret
