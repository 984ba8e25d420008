"""Who may see what in a workshop: join codes, facilitator keys, participant tokens, throttling.

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

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from diagnostic.errors import InputError
from diagnostic.workshop import key_throttle, store
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import (
    Lock,
    WorkshopInfo,
    append_audit,
    key_tag,
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
ACCESS_LIFETIME = timedelta(hours=12)  # a working day; then the key is asked again
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
# Per process, never stored: an access proof dies with the process that granted it.
_PROCESS_SECRET = secrets.token_bytes(32)


class WorkshopError(InputError):
    """A workshop action that cannot be done; the key says why, in the user's language."""


class AccessDenied(WorkshopError):
    """Wrong key, unknown workshop, expired or forged access: one error, nothing revealed."""


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
    key_tag: str = field(default="", repr=False)


def _proof(workshop_id: str, expires_at: datetime, tag: str) -> str:
    message = f"{workshop_id}|{stamp(expires_at)}|{tag}".encode()
    return hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()


def require(access: object, workshop_id: str) -> FacilitatorAccess:
    """The access itself if it is genuine, for this workshop and not expired; else AccessDenied."""
    if (
        not isinstance(access, FacilitatorAccess)
        or access.workshop_id != workshop_id
        or not isinstance(access.proof, str)
        or not isinstance(access.key_tag, str)
        or not hmac.compare_digest(
            access.proof, _proof(access.workshop_id, access.expires_at, access.key_tag)
        )
        or access.expires_at <= utc_now()
    ):
        raise AccessDenied("workshop.access_denied")
    return access


def facilitator_workshop(
    conn: Connection, access: object, workshop_id: str, lock: Lock = None
) -> WorkshopInfo:
    """The workshop, for a genuine access to it; a deleted workshop or a rotated key is as good as
    a wrong key."""
    granted = require(access, workshop_id)
    info = load_workshop(conn, workshop_id, lock)
    if info is None or not hmac.compare_digest(info.key_tag, granted.key_tag):
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
    client: Client | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> FacilitatorAccess:
    """Check a facilitator key and grant access to that workshop's results, or raise.

    A correct key is always accepted, at once: there is no lock for anyone to trigger. A refusal
    is charged to the client that made it (:mod:`diagnostic.workshop.key_throttle`) and waits the
    floor plus
    a delay that doubles with that client's recent failures. An unknown id, a wrong key, an
    expired workshop and a guesser's hundredth try get the same error and the same path: the key
    is hashed (with a throw-away salt when there is no workshop), a failure recorded, the floor
    and the client's delay waited.

    Args:
        client: who is asking (browser session, address); None is a fresh anonymous client, for
            the command line and tests.

    Raises:
        AccessDenied: unknown workshop, expired workshop or wrong key (indistinguishable).
    """
    started = time.monotonic()
    moment = now or utc_now()
    who = client or Client(secrets.token_hex(16))
    workshop_id = workshop_id[:64]

    def lookup() -> tuple[str, str] | None:
        with store.reading(engine) as conn:
            row = conn.execute(
                select(workshops.c.key_salt, workshops.c.key_hash, workshops.c.expires_at).where(
                    workshops.c.id == workshop_id
                )
            ).first()
        if row is None or row.expires_at <= stamp(moment):
            return None
        return str(row.key_salt), str(row.key_hash)

    stored = guarded(lookup)
    salt, expected = stored or (secrets.token_hex(16), "")
    offered = hash_key(key[:200], bytes.fromhex(salt))
    if stored is not None and hmac.compare_digest(offered, expected):

        def grant() -> None:
            with store.writing(engine) as conn:
                append_audit(conn, workshop_id, "facilitator", "key_accepted", moment)

        guarded(grant)
        expires = utc_now() + ACCESS_LIFETIME
        tag = key_tag(expected)
        return FacilitatorAccess(workshop_id, expires, _proof(workshop_id, expires, tag), tag)

    def refuse() -> int:
        with store.writing(engine) as conn:
            known = workshop_id if stored is not None else None
            before = key_throttle.record_failure(conn, who, known, moment, stamp(moment))
            # Logged for real workshops only, and at 1, 2, 4, 8… failures: a trace of guessing
            # that a flood of attempts cannot turn into a flood of rows.
            if known is not None and ((before + 1) & before) == 0:
                append_audit(conn, known, "facilitator", "key_refused", moment, failures=before + 1)
            return before

    before = guarded(refuse)
    sleep(max(0.0, key_throttle.REFUSAL_FLOOR - (time.monotonic() - started)))
    sleep(key_throttle.delay(before))
    raise AccessDenied("workshop.access_denied")
