"""Staff pulse surveys in the store: opening, anonymous answers, the owner's key, disclosure.

A pulse is opened by an establishment or a consultant, who receives an owner key once (the
workshop facilitator key's strength and storage: 100 random bits, salted scrypt hash; a refusal is
throttled per client by :mod:`diagnostic.workshop.key_throttle`, and every refusal looks the same).
Staff answer at ``?pulse=CODE`` without an account. An answer row holds the pulse, the role family
and the item answers only (see :mod:`diagnostic.workshop.pulse_tables`); the browser's random
marker is stored hashed in another table, only to refuse a second answer from that browser.
Results are given only once the pulse is closed or has ``min_group`` answers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from diagnostic.content.pulse_models import ROLE_ITEM, PulseFile
from diagnostic.errors import InputError
from diagnostic.method.pulse_stats import PulseAnswer, clean_answers
from diagnostic.workshop import key_throttle, store
from diagnostic.workshop.access import (
    ACCESS_LIFETIME,
    guarded,
    hash_key,
    new_facilitator_key,
    new_join_code,
    new_key_hash,
    normalise_code,
)
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.pulse_tables import pulse_answers, pulse_markers, pulses
from diagnostic.workshop.queries import key_tag, stamp, utc_now

State = Literal["not_open", "open", "closed"]
# Why a pulse refuses an answer, by state (message keys).
REFUSAL = {"not_open": "pulse.not_open", "closed": "pulse.closed", "open": "pulse.unknown"}
_PROCESS_SECRET = secrets.token_bytes(32)  # per process: a proof dies with the process


class PulseError(InputError):
    """A pulse action that cannot be done; the key says why, in the user's language."""


class PulseDenied(PulseError):
    """Wrong key, unknown pulse or forged access: one error, nothing revealed."""


@dataclass(frozen=True)
class PulseInfo:
    id: str
    join_code: str
    title: str
    opens_on: date
    closes_on: date
    closed_early: bool
    questionnaire_id: str

    def state(self, today: date) -> State:
        if self.closed_early or today > self.closes_on:
            return "closed"
        return "not_open" if today < self.opens_on else "open"


@dataclass(frozen=True)
class PulseAccess:
    """Proof that the owner key of one pulse was checked in this process, recently."""

    pulse_id: str
    expires_at: datetime
    proof: str = field(repr=False)
    key_tag: str = field(default="", repr=False)


def _proof(pulse_id: str, expires_at: datetime, tag: str) -> str:
    text = f"pulse|{pulse_id}|{stamp(expires_at)}|{tag}".encode()
    return hmac.new(_PROCESS_SECRET, text, hashlib.sha256).hexdigest()


def _info(row: object) -> PulseInfo:
    r = row._mapping  # type: ignore[attr-defined]
    return PulseInfo(
        r["id"],
        r["join_code"],
        r["title"],
        date.fromisoformat(r["opens_on"]),
        date.fromisoformat(r["closes_on"]),
        bool(r["closed"]),
        r["questionnaire_id"],
    )


def marker_hash(pulse_id: str, marker: str) -> str:
    """What is stored for a browser marker: salted by the pulse, so it links no two pulses."""
    return hashlib.sha256(f"{pulse_id}|{marker[:200]}".encode()).hexdigest()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def create(
    engine: Engine, title: str, opens_on: date, closes_on: date, questionnaire_id: str
) -> tuple[PulseInfo, str]:
    """Open a pulse; returns it and its owner key (shown once, never stored in clear)."""
    title = " ".join(title.split())[:200]
    if not title:
        raise PulseError("pulse.title_missing")
    if closes_on < opens_on:
        raise PulseError("pulse.period_reversed")
    key = new_facilitator_key()
    salt, key_hash = new_key_hash(key)
    pulse_id = secrets.token_hex(16)

    def work() -> str:
        for _ in range(5):  # a join code collision is rare; try another
            code = new_join_code()
            try:
                with store.writing(engine) as conn:
                    conn.execute(
                        pulses.insert().values(
                            id=pulse_id,
                            join_code=code,
                            title=title,
                            opens_on=opens_on.isoformat(),
                            closes_on=closes_on.isoformat(),
                            closed=0,
                            key_salt=salt,
                            key_hash=key_hash,
                            questionnaire_id=questionnaire_id,
                        )
                    )
                return code
            except IntegrityError:
                continue
        raise PulseError("pulse.save_failed")

    code = guarded(work)
    return PulseInfo(pulse_id, code, title, opens_on, closes_on, False, questionnaire_id), key


def find(engine: Engine, join_code: str) -> PulseInfo | None:
    """The pulse a participant's link names, or None."""
    code = normalise_code(join_code)[:16]
    with store.reading(engine) as conn:
        row = conn.execute(select(pulses).where(pulses.c.join_code == code)).first()
    return _info(row) if row is not None else None


def submit(
    engine: Engine,
    pulse: PulseFile,
    join_code: str,
    raw: Mapping[str, object],
    marker: str,
    today: date,
) -> None:
    """Store one anonymous answer, or raise PulseError (unknown, not open, closed, answered)."""
    info = find(engine, join_code)
    if info is None:
        raise PulseError("pulse.unknown")
    state = info.state(today)
    if state != "open":
        raise PulseError(REFUSAL[state])
    try:
        clean = clean_answers(pulse, raw)
    except InputError as exc:
        raise PulseError(exc.key, exc.params) from None
    role = clean[ROLE_ITEM]
    items = {k: v if isinstance(v, str) else list(v) for k, v in clean.items() if k != ROLE_ITEM}

    def work() -> None:
        with store.writing(engine) as conn:
            if marker:
                try:
                    with conn.begin_nested():
                        conn.execute(
                            pulse_markers.insert().values(
                                pulse_id=info.id, marker_hash=marker_hash(info.id, marker)
                            )
                        )
                except IntegrityError:
                    raise PulseError("pulse.already_answered") from None
            conn.execute(
                pulse_answers.insert().values(
                    id=secrets.token_hex(16),
                    pulse_id=info.id,
                    week=iso_week(today),
                    role_family=str(role),
                    answers=json.dumps(items, sort_keys=True),
                )
            )

    guarded(work)


def already_answered(engine: Engine, pulse_id: str, marker: str) -> bool:
    """True when this browser's marker has already sent an answer to the pulse."""
    if not marker:
        return False
    with store.reading(engine) as conn:
        found = conn.execute(
            select(pulse_markers.c.pulse_id).where(
                pulse_markers.c.pulse_id == pulse_id,
                pulse_markers.c.marker_hash == marker_hash(pulse_id, marker),
            )
        ).first()
    return found is not None


def verify_key(
    engine: Engine,
    pulse_id: str,
    key: str,
    *,
    client: Client | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PulseAccess:
    """Check an owner key; every refusal (unknown pulse, wrong key) is the same and throttled."""
    started = time.monotonic()
    moment = now or utc_now()
    who = client or Client(secrets.token_hex(16))
    pulse_id = pulse_id[:64]

    def lookup() -> tuple[str, str] | None:
        with store.reading(engine) as conn:
            row = conn.execute(
                select(pulses.c.key_salt, pulses.c.key_hash).where(pulses.c.id == pulse_id)
            ).first()
        return None if row is None else (str(row.key_salt), str(row.key_hash))

    stored = guarded(lookup)
    salt, expected = stored or (secrets.token_hex(16), "")
    offered = hash_key(key[:200], bytes.fromhex(salt))
    if stored is not None and hmac.compare_digest(offered, expected):
        expires = utc_now() + ACCESS_LIFETIME
        tag = key_tag(expected)
        return PulseAccess(pulse_id, expires, _proof(pulse_id, expires, tag), tag)

    def refuse() -> int:
        with store.writing(engine) as conn:
            return key_throttle.record_failure(conn, who, None, moment, stamp(moment))

    before = guarded(refuse)
    sleep(max(0.0, key_throttle.REFUSAL_FLOOR - (time.monotonic() - started)))
    sleep(key_throttle.delay(before))
    raise PulseDenied("pulse.access_denied")


def owned(engine: Engine, access: object) -> PulseInfo:
    """The pulse of a genuine, unexpired access; else PulseDenied."""
    if (
        not isinstance(access, PulseAccess)
        or not hmac.compare_digest(
            access.proof, _proof(access.pulse_id, access.expires_at, access.key_tag)
        )
        or access.expires_at <= utc_now()
    ):
        raise PulseDenied("pulse.access_denied")
    with store.reading(engine) as conn:
        row = conn.execute(select(pulses).where(pulses.c.id == access.pulse_id)).first()
    if row is None or not hmac.compare_digest(key_tag(row.key_hash), access.key_tag):
        raise PulseDenied("pulse.access_denied")
    return _info(row)


def answer_count(engine: Engine, access: object) -> int:
    info = owned(engine, access)
    with store.reading(engine) as conn:
        count = conn.scalar(
            select(func.count())
            .select_from(pulse_answers)
            .where(pulse_answers.c.pulse_id == info.id)
        )
    return int(count or 0)


def disclosed(info: PulseInfo, count: int, min_group: int, today: date) -> bool:
    """Results may be read once the pulse is closed or has reached the minimum group size."""
    return count >= min_group or info.state(today) == "closed"


def answers(
    engine: Engine, access: object, min_group: int, today: date
) -> list[PulseAnswer] | None:
    """The answers for the statistics, or None while results are hidden."""
    info = owned(engine, access)
    with store.reading(engine) as conn:
        rows = conn.execute(
            select(pulse_answers.c.id, pulse_answers.c.role_family, pulse_answers.c.answers).where(
                pulse_answers.c.pulse_id == info.id
            )
        ).all()
    if not disclosed(info, len(rows), min_group, today):
        return None
    out = []
    for r in rows:
        items = json.loads(r.answers)
        parsed = {k: v if isinstance(v, str) else tuple(v) for k, v in items.items()}
        parsed[ROLE_ITEM] = r.role_family
        out.append(PulseAnswer(r.id, r.role_family, parsed))
    return out


def close(engine: Engine, access: object) -> None:
    """Close the pulse now: no more answers; results follow the closed rule."""
    info = owned(engine, access)

    def work() -> None:
        with store.writing(engine) as conn:
            conn.execute(pulses.update().where(pulses.c.id == info.id).values(closed=1))

    guarded(work)


def delete(engine: Engine, access: object) -> None:
    """Erase the pulse, its answers and its markers, and their images in the WAL."""
    info = owned(engine, access)

    def work() -> None:
        with store.writing(engine) as conn:
            # Children first: the cascade needs SQLite's foreign_keys, which a copy may lack.
            conn.execute(pulse_answers.delete().where(pulse_answers.c.pulse_id == info.id))
            conn.execute(pulse_markers.delete().where(pulse_markers.c.pulse_id == info.id))
            conn.execute(pulses.delete().where(pulses.c.id == info.id))

    guarded(work)
    store.scrub(engine)
