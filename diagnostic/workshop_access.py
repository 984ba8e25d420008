"""Who may see what in a workshop: join codes, facilitator keys, participant tokens, lockout.

Three secrets, three jobs. The join code is short and projected on a wall: it only lets people
join. The facilitator key (≥ 80 random bits, shown once, stored as a salted scrypt hash) opens the
results. A participant token (128 random bits, stored as a SHA-256 hash) lets one person resume
and see their own answers. A verified key becomes a :class:`FacilitatorAccess`, the only value the
result functions accept; it carries an HMAC made with a per-process secret, so nothing built from
session state, a URL or a hand-made object passes :func:`require`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import Connection, Engine, delete, func, select
from sqlalchemy.exc import DBAPIError

from diagnostic import store
from diagnostic.errors import InputError
from diagnostic.workshop_store import (
    Lock,
    WorkshopInfo,
    append_audit,
    key_failures,
    load_workshop,
    stamp,
    utc_now,
    workshops,
)

T = TypeVar("T")

# The profile's respondent_role option ids (a test checks they match the shipped questionnaire).
ROLES: tuple[str, ...] = (
    "director",
    "cio",
    "dpo",
    "ciso",
    "medical_chair",
    "care_director",
    "quality",
    "purchasing",
    "hr",
    "consultant",
    "other",
)
# No 0/O or 1/I: codes are read off a projector and typed on phones.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 8  # 40 bits: enough against guessing while a workshop is open, short to type
KEY_GROUPS = 5  # 5 groups of 4 characters of 5 bits: a 100-bit facilitator key
MAX_FAILURES = 5
LOCK_MINUTES = 15
LOCK_WINDOW = timedelta(minutes=LOCK_MINUTES)
ACCESS_LIFETIME = timedelta(hours=12)  # a working day; then the key is asked again
SLOWDOWN_SECONDS = 0.5  # per recent failure, capped below, so guessing is slow even before a lock
MAX_SLOWDOWN = 2.0
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
# Per process, never stored: an access proof dies with the process that granted it.
_PROCESS_SECRET = secrets.token_bytes(32)


class WorkshopError(InputError):
    """A workshop action that cannot be done; the key says why, in the user's language."""


class AccessDenied(WorkshopError):
    """Wrong key, unknown workshop, expired or forged access: one error, nothing revealed."""


class LockedOut(AccessDenied):
    """Too many wrong keys for this workshop recently; even the right key waits."""


class WorkshopClosed(WorkshopError):
    """The workshop is closed or past its retention: it is read-only."""


class SaveFailed(WorkshopError):
    """The database kept refusing the write; the answer is not saved and must stay in the form."""


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_join_code() -> str:
    return random_code(JOIN_CODE_LENGTH)


def new_facilitator_key() -> str:
    """``ABCD-EFGH-…``: 100 random bits in groups a person can copy without error."""
    return "-".join(random_code(4) for _ in range(KEY_GROUPS))


def normalise_code(text: str) -> str:
    """What people type (lower case, spaces, dashes) → the stored form."""
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())[:64]


def new_participant_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


def token_hash(token: str) -> str:
    # No salt needed: the token itself carries 192 random bits, so a table of hashes is useless.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_key(key: str, salt: bytes) -> str:
    return hashlib.scrypt(normalise_code(key).encode("ascii"), salt=salt, **_SCRYPT).hex()


def new_key_hash(key: str) -> tuple[str, str]:
    """(salt, hash) to store for a freshly made facilitator key."""
    salt = secrets.token_bytes(16)
    return salt.hex(), hash_key(key, salt)


@dataclass(frozen=True)
class FacilitatorAccess:
    """Proof that the facilitator key of one workshop was checked in this process, recently."""

    workshop_id: str
    expires_at: datetime
    proof: str = field(repr=False)


def _proof(workshop_id: str, expires_at: datetime) -> str:
    message = f"{workshop_id}|{stamp(expires_at)}".encode()
    return hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()


def require(access: object, workshop_id: str) -> FacilitatorAccess:
    """The access itself if it is genuine, for this workshop and not expired; else AccessDenied."""
    if (
        not isinstance(access, FacilitatorAccess)
        or access.workshop_id != workshop_id
        or not isinstance(access.proof, str)
        or not hmac.compare_digest(access.proof, _proof(access.workshop_id, access.expires_at))
        or access.expires_at <= utc_now()
    ):
        raise AccessDenied("workshop.access_denied")
    return access


def facilitator_workshop(
    conn: Connection, access: object, workshop_id: str, lock: Lock = None
) -> WorkshopInfo:
    """The workshop, for a genuine access to it; a deleted workshop is as good as a wrong key."""
    require(access, workshop_id)
    info = load_workshop(conn, workshop_id, lock)
    if info is None:
        raise AccessDenied("workshop.access_denied")
    return info


def guarded(work: Callable[[], T]) -> T:
    """Retry transient refusals; a database that still refuses becomes a clear SaveFailed."""
    try:
        return store.retry(work)
    except DBAPIError as exc:
        raise SaveFailed("workshop.save_failed") from exc


def verify_key(
    engine: Engine,
    workshop_id: str,
    key: str,
    *,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> FacilitatorAccess:
    """Check a facilitator key and grant access to that workshop's results, or raise.

    Every attempt is first recorded as a failure, in the database so that all app processes count
    the same attempts, and only cleared once the key proves right: parallel guesses cannot slip
    past the limit. Five failures within 15 minutes lock the workshop until the oldest of them is
    15 minutes old, whatever key is offered meanwhile. Wrong keys also cost a growing delay.

    Raises:
        LockedOut: too many recent failures.
        AccessDenied: unknown workshop, expired workshop or wrong key (indistinguishable).
    """
    moment = now or utc_now()
    since = stamp(moment - LOCK_WINDOW)

    def record_attempt() -> tuple[str, str] | None:
        with store.writing(engine) as conn:
            row = conn.execute(
                select(workshops.c.key_salt, workshops.c.key_hash, workshops.c.expires_at)
                .where(workshops.c.id == workshop_id)
                .with_for_update()  # PostgreSQL: attempts on one workshop queue here
            ).first()
            if row is None or row.expires_at <= stamp(moment):
                return None
            conn.execute(
                delete(key_failures).where(
                    key_failures.c.workshop_id == workshop_id, key_failures.c.at <= since
                )
            )
            recent = conn.scalar(
                select(func.count()).where(key_failures.c.workshop_id == workshop_id)
            )
            if (recent or 0) >= MAX_FAILURES:
                raise LockedOut("workshop.locked", {"minutes": LOCK_MINUTES})
            conn.execute(key_failures.insert().values(workshop_id=workshop_id, at=stamp(moment)))
            return str(row.key_salt), str(row.key_hash)

    stored = guarded(record_attempt) if len(workshop_id) <= 32 else None
    salt, expected = stored or (secrets.token_hex(16), "")
    # Hash and wait even for an unknown workshop, so timing does not tell which ids exist.
    offered = hash_key(key[:200], bytes.fromhex(salt))
    if stored is None or not hmac.compare_digest(offered, expected):
        if stored is None:
            sleep(SLOWDOWN_SECONDS)
        else:
            _fail(engine, workshop_id, moment, sleep)
        raise AccessDenied("workshop.access_denied")

    def grant() -> None:
        with store.writing(engine) as conn:
            conn.execute(delete(key_failures).where(key_failures.c.workshop_id == workshop_id))
            append_audit(conn, workshop_id, "facilitator", "key_accepted", moment)

    guarded(grant)
    expires = utc_now() + ACCESS_LIFETIME
    return FacilitatorAccess(workshop_id, expires, _proof(workshop_id, expires))


def _fail(
    engine: Engine, workshop_id: str, moment: datetime, sleep: Callable[[float], None]
) -> None:
    def log() -> int:
        with store.writing(engine) as conn:
            count = conn.scalar(
                select(func.count()).where(key_failures.c.workshop_id == workshop_id)
            )
            failures = int(count or 0)
            action = "key_locked" if failures >= MAX_FAILURES else "key_refused"
            append_audit(conn, workshop_id, "facilitator", action, moment, failures=failures)
            return failures

    recent = guarded(log)
    sleep(min(MAX_SLOWDOWN, SLOWDOWN_SECONDS * recent))
