"""Who may see what in a campaign: the owner key and the establishments' entry links.

Two secrets. The **owner key** (100 random bits, the same form, hash and throttling as a workshop
facilitator key, shown once) opens the whole campaign: every entry, names and answers. An
**entry token** (128 random bits, stored as a SHA-256 hash) is the link one establishment
receives; it opens that entry and nothing else. A checked secret becomes a
:class:`CampaignAccess` or an :class:`EntryAccess`, the only values the campaign functions
accept; each carries an HMAC made with a per-process secret, so nothing built from session state,
a URL or by hand passes :func:`require_owner` / :func:`require_entry`. Wrong keys and tokens get
one refusal each, after the client's delay (:mod:`diagnostic.workshop.key_throttle`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, select

from diagnostic.errors import InputError
from diagnostic.workshop import key_throttle, store
from diagnostic.workshop.access import ACCESS_LIFETIME, guarded, hash_key, new_key_hash
from diagnostic.workshop.campaign_tables import campaign_entries, campaigns
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import key_tag, stamp, utc_now

TOKEN_BYTES = 16  # 128 random bits, 22 URL-safe characters
MAX_SECRET = 200
_PROCESS_SECRET = secrets.token_bytes(32)  # per process, never stored


class CampaignError(InputError):
    """A campaign action that cannot be done; the key says why, in the user's language."""


class CampaignDenied(CampaignError):
    """Wrong key, unknown campaign, forged or expired access: one error, nothing revealed."""


class EntryDenied(CampaignError):
    """Unknown, replaced or forged entry link: one error, nothing revealed."""


@dataclass(frozen=True)
class CampaignAccess:
    """Proof that the owner key of one campaign was checked in this process, recently."""

    campaign_id: int
    expires_at: datetime
    proof: str = field(repr=False)
    key_tag: str = field(default="", repr=False)


@dataclass(frozen=True)
class EntryAccess:
    """Proof that the link of one entry was presented in this process."""

    entry_id: int
    campaign_id: int
    proof: str = field(repr=False)
    tag: str = field(default="", repr=False)  # the token's stored hash: a new link ends this one


def _sign(*parts: object) -> str:
    message = "|".join(str(p) for p in parts).encode()
    return hmac.new(_PROCESS_SECRET, message, hashlib.sha256).hexdigest()


def _owner_proof(campaign_id: int, expires_at: datetime, tag: str) -> str:
    return _sign("campaign", campaign_id, stamp(expires_at), tag)


def _entry_proof(entry_id: int, campaign_id: int, tag: str) -> str:
    return _sign("entry", entry_id, campaign_id, tag)


def new_entry_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    # No salt: the token carries 128 random bits itself, so a table of hashes is useless.
    return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()


def owner_key_hash(key: str) -> tuple[str, str]:
    """(salt, hash) to store for a fresh owner key (a facilitator key's scheme)."""
    return new_key_hash(key)


def require_owner(access: object, campaign_id: int) -> CampaignAccess:
    """The access itself if genuine, for this campaign and not expired; else CampaignDenied."""
    if (
        not isinstance(access, CampaignAccess)
        or type(access.campaign_id) is not int
        or access.campaign_id != campaign_id
        or not isinstance(access.proof, str)
        or not isinstance(access.key_tag, str)
        or not isinstance(access.expires_at, datetime)
        or not hmac.compare_digest(
            access.proof, _owner_proof(access.campaign_id, access.expires_at, access.key_tag)
        )
        or access.expires_at <= utc_now()
    ):
        raise CampaignDenied("campaign.access_denied")
    return access


def owner_current(conn: Connection, access: object) -> CampaignAccess:
    """A genuine owner access whose key is still the campaign's (not rotated, not deleted)."""
    campaign_id = getattr(access, "campaign_id", None)
    granted = require_owner(access, campaign_id if type(campaign_id) is int else -1)
    found = conn.scalar(select(campaigns.c.key_hash).where(campaigns.c.id == granted.campaign_id))
    if found is None or not hmac.compare_digest(key_tag(str(found)), granted.key_tag):
        raise CampaignDenied("campaign.access_denied")
    return granted


def require_entry(access: object) -> EntryAccess:
    """The entry access itself if genuine; else EntryDenied."""
    if (
        not isinstance(access, EntryAccess)
        or type(access.entry_id) is not int
        or type(access.campaign_id) is not int
        or not isinstance(access.proof, str)
        or not isinstance(access.tag, str)
        or not hmac.compare_digest(
            access.proof, _entry_proof(access.entry_id, access.campaign_id, access.tag)
        )
    ):
        raise EntryDenied("campaign.entry_denied")
    return access


def entry_current(conn: Connection, access: object) -> EntryAccess:
    """A genuine entry access whose link still opens that entry (not replaced, not removed)."""
    granted = require_entry(access)
    found = conn.scalar(
        select(campaign_entries.c.token_hash).where(
            campaign_entries.c.id == granted.entry_id,
            campaign_entries.c.campaign_id == granted.campaign_id,
        )
    )
    if found is None or not hmac.compare_digest(str(found), granted.tag):
        raise EntryDenied("campaign.entry_denied")
    return granted


def _refuse(
    engine: Engine,
    client: Client | None,
    moment: datetime,
    started: float,
    sleep: Callable[[float], None],
) -> None:
    def record() -> int:
        with store.writing(engine) as conn:
            who = client or Client(secrets.token_hex(16))
            return key_throttle.record_failure(conn, who, None, moment, stamp(moment))

    before = guarded(record)
    sleep(max(0.0, key_throttle.REFUSAL_FLOOR - (time.monotonic() - started)))
    sleep(key_throttle.delay(before))


def open_campaign(
    engine: Engine,
    campaign_id: int,
    key: str,
    client: Client | None = None,
    *,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> CampaignAccess:
    """Check an owner key and grant access to that campaign, or raise after the client's delay.

    A correct key is always accepted at once. An unknown campaign and a wrong key take the same
    path (the key is hashed with a throw-away salt when there is no campaign) and give the same
    :class:`CampaignDenied`.

    Args:
        client: who is asking (browser session, address); None is a fresh anonymous client.
    """
    started = time.monotonic()
    moment = now or utc_now()

    def lookup() -> tuple[str, str] | None:
        if type(campaign_id) is not int or not 0 < campaign_id < 2**31:
            return None  # also keeps a 20-digit number from overflowing the database's integer
        with store.reading(engine) as conn:
            row = conn.execute(
                select(campaigns.c.key_salt, campaigns.c.key_hash).where(
                    campaigns.c.id == campaign_id
                )
            ).first()
        return None if row is None else (str(row.key_salt), str(row.key_hash))

    stored = guarded(lookup)
    salt, expected = stored or (secrets.token_hex(16), "")
    offered = hash_key(str(key)[:MAX_SECRET], bytes.fromhex(salt))
    if stored is not None and hmac.compare_digest(offered, expected):
        expires = utc_now() + ACCESS_LIFETIME
        tag = key_tag(expected)
        return CampaignAccess(campaign_id, expires, _owner_proof(campaign_id, expires, tag), tag)
    _refuse(engine, client, moment, started, sleep)
    raise CampaignDenied("campaign.access_denied")


def grant_entry(entry_id: int, campaign_id: int, tag: str) -> EntryAccess:
    """An entry access for a token hash just checked or written by the caller."""
    return EntryAccess(entry_id, campaign_id, _entry_proof(entry_id, campaign_id, tag), tag)


def open_entry(
    engine: Engine,
    token: str,
    client: Client | None = None,
    *,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> EntryAccess:
    """The entry an establishment's link opens, or :class:`EntryDenied` after the client's delay."""
    started = time.monotonic()
    moment = now or utc_now()
    offered = token_hash(str(token)[:MAX_SECRET])

    def lookup() -> EntryAccess | None:
        with store.reading(engine) as conn:
            row = conn.execute(
                select(campaign_entries.c.id, campaign_entries.c.campaign_id).where(
                    campaign_entries.c.token_hash == offered
                )
            ).first()
        return None if row is None else grant_entry(int(row.id), int(row.campaign_id), offered)

    found = guarded(lookup)
    if found is not None:
        return found
    _refuse(engine, client, moment, started, sleep)
    raise EntryDenied("campaign.entry_denied")
