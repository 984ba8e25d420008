"""Who may create workshops, and how often: an operator's creation token and a rate limit.

Creating a workshop needed nothing at all, so anyone reaching the server could fill the database.
Two settings close that:

- ``DIAGNOSTIC_CREATION_TOKEN`` (unset by default): when set, creating a workshop requires this
  token. A wrong token is a guess like any other: it is charged to the client
  (:mod:`diagnostic.workshop.key_throttle`) and refused after the same floor and growing delay.
- ``DIAGNOSTIC_WORKSHOPS_PER_HOUR`` (default 10; 0 for no limit): workshops one client (browser
  session and, where known, network address) may create in an hour. The creations are counted in
  the database, so every app process counts the same ones; identifiers are stored hashed.

Calls without a client (the command line, scripts run by whoever holds the database) are neither
counted nor limited; a wrong token from them is still refused.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    or_,
    select,
)

from diagnostic.errors import InputError
from diagnostic.workshop import key_throttle, store
from diagnostic.workshop.access_tables import creations
from diagnostic.workshop.audit import stamp
from diagnostic.workshop.key_throttle import Client

TOKEN_SETTING = "DIAGNOSTIC_CREATION_TOKEN"
RATE_SETTING = "DIAGNOSTIC_WORKSHOPS_PER_HOUR"
DEFAULT_PER_HOUR = 10
WINDOW = timedelta(hours=1)


class CreationRefused(InputError):
    """Creating a workshop is not allowed now: wrong token, or too many from this client."""


def required_token() -> str | None:
    """The operator's creation token, or None when creation is open."""
    return os.environ.get("DIAGNOSTIC_CREATION_TOKEN") or None


def per_hour() -> int:
    """Workshops one client may create in an hour (0: no limit).

    Raises:
        InputError: the setting is not a whole number of 0 or more.
    """
    text = os.environ.get("DIAGNOSTIC_WORKSHOPS_PER_HOUR", "").strip()
    if not text:
        return DEFAULT_PER_HOUR
    if not text.isdigit():
        raise InputError("creation.bad_rate_setting", {"setting": RATE_SETTING, "value": text[:40]})
    return int(text)


def check_token(
    engine: Engine,
    offered: str | None,
    client: Client,
    moment: datetime,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Pass when no token is required or ``offered`` is it; else refuse after the client's delay."""
    expected = required_token()
    if expected is None:
        return
    started = time.monotonic()
    digest = hashlib.sha256
    # Hashes compared, so the comparison takes as long whatever the offered token's length.
    if hmac.compare_digest(
        digest(str(offered or "").strip()[:200].encode()).digest(),
        digest(expected.encode()).digest(),
    ):
        return

    def refuse() -> int:
        with store.writing(engine) as conn:
            return key_throttle.record_failure(conn, client, None, moment, stamp(moment))

    before = store.retry(refuse)
    sleep(max(0.0, key_throttle.REFUSAL_FLOOR - (time.monotonic() - started)))
    sleep(key_throttle.delay(before))
    raise CreationRefused("creation.token_refused")


def count_and_record(conn: Connection, client: Client, moment: datetime, limit: int) -> None:
    """In the creation's own transaction: refuse past ``limit`` this hour, else count this one."""
    since = stamp(moment - WINDOW)
    conn.execute(delete(creations).where(creations.c.at <= since))
    session, address = client.hashed()
    if limit:
        same = creations.c.session == session
        if address is not None:
            same = or_(same, creations.c.address == address)
        done = conn.scalar(select(func.count()).where(same, creations.c.at > since))
        if int(done or 0) >= limit:
            raise CreationRefused("creation.too_many", {"limit": limit})
    conn.execute(creations.insert().values(at=stamp(moment), session=session, address=address))


def anonymous() -> Client:
    """A client seen once: what a call without a client counts as."""
    return Client(secrets.token_hex(16))
