"""The facilitator's workshop lifecycle: create, look up, close, delete, purge, audit trail.

Creating returns the two secrets of a workshop once (the join code to project, the facilitator
key to keep); everything else needs the :class:`FacilitatorAccess` that :func:`verify_key` grants
for that key. Deleting keeps exactly one trace, the audit entry saying it happened.
"""

from __future__ import annotations

import json
import secrets
import time as time_module
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, Engine, select, update

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.method.answers import Answers, clean_text, dump, read
from diagnostic.workshop import creation_guard, key_throttle, store
from diagnostic.workshop.access import (
    ROLES,
    FacilitatorAccess,
    SaveFailed,
    facilitator_workshop,
    guarded,
    new_facilitator_key,
    new_join_code,
    new_key_hash,
)
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import (
    WorkshopInfo,
    append_audit,
    audit_log,
    delete_workshop_rows,
    stamp,
    utc_now,
    workshops,
)

DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650
DEFAULT_MIN_GROUP = 3
MAX_PARTICIPANTS = 100  # one process serves a workshop of this size comfortably
MAX_TITLE = 200
PARTICIPANT_ROLE_FIELD = "respondent_role"  # per participant, so not part of the workshop profile


@dataclass(frozen=True)
class CreatedWorkshop:
    """What the facilitator gets once: the key is not stored in clear anywhere, show it now."""

    workshop_id: str
    join_code: str
    facilitator_key: str = field(repr=False)


def _check_range(key: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(key, {"min": low, "max": high})


def _checked_profile(
    q: Questionnaire, profile: Mapping[str, str | tuple[str, ...] | list[str]]
) -> Mapping[str, str | tuple[str, ...]]:
    # The answers-file reader already checks a profile field by field (options, lengths, control
    # characters); a profile-only document goes through it rather than through a second checker.
    plain = {k: tuple(v) if isinstance(v, list) else v for k, v in profile.items()}
    plain.pop(PARTICIPANT_ROLE_FIELD, None)
    return read(dump(Answers(q.id, q.version, profile=plain)), q).profile


def create_workshop(
    engine: Engine,
    q: Questionnaire,
    *,
    title: str,
    held_on: date,
    profile: Mapping[str, str | tuple[str, ...] | list[str]],
    expected_roles: Sequence[str] = (),
    retention_days: int = DEFAULT_RETENTION_DAYS,
    min_group: int = DEFAULT_MIN_GROUP,
    max_participants: int = MAX_PARTICIPANTS,
    creation_token: str | None = None,
    client: Client | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time_module.sleep,
) -> CreatedWorkshop:
    """Create a workshop; returns its join code and the facilitator key (shown once).

    The data is kept ``retention_days`` after the workshop date (or after today, for a workshop
    created late), then :func:`purge_expired` deletes it.

    Args:
        creation_token: required when the operator set ``DIAGNOSTIC_CREATION_TOKEN``
            (:mod:`diagnostic.workshop.creation_guard`); a wrong one is throttled like a wrong key.
        client: who is creating, for ``DIAGNOSTIC_WORKSHOPS_PER_HOUR``; None (command line,
            operator scripts) is neither counted nor limited.

    Raises:
        CreationRefused: wrong or missing creation token, or too many workshops from this client.
    """
    title = clean_text(title).strip()
    if not title or len(title) > MAX_TITLE:
        raise InputError("workshop.bad_title", {"max": MAX_TITLE})
    _check_range("workshop.bad_retention", retention_days, 1, MAX_RETENTION_DAYS)
    _check_range("workshop.bad_min_group", min_group, DEFAULT_MIN_GROUP, 50)
    _check_range("workshop.bad_max_participants", max_participants, 1, 500)
    unknown = [r for r in expected_roles if r not in ROLES]
    if unknown:
        raise InputError("workshop.unknown_role", {"role": str(unknown[0])[:40]})
    checked = _checked_profile(q, profile)
    moment = now or utc_now()
    who = client or creation_guard.anonymous()
    limit = creation_guard.per_hour()
    creation_guard.check_token(engine, creation_token, who, moment, sleep)
    ends = max(held_on, moment.date()) + timedelta(days=retention_days)
    key = new_facilitator_key()
    salt, key_hash = new_key_hash(key)
    workshop_id = secrets.token_hex(8)
    row = {
        "id": workshop_id,
        "title": title,
        "held_on": held_on.isoformat(),
        "questionnaire_id": q.id,
        "questionnaire_version": q.version,
        "profile": json.dumps(
            {k: list(v) if isinstance(v, tuple) else v for k, v in checked.items()}
        ),
        "expected_roles": json.dumps(list(dict.fromkeys(expected_roles))),
        "retention_days": retention_days,
        "min_group": min_group,
        "max_participants": max_participants,
        "key_salt": salt,
        "key_hash": key_hash,
        "created_at": stamp(moment),
        "expires_at": stamp(datetime.combine(ends, time.min, UTC)),
    }
    for _ in range(5):  # a join-code collision is rare (40 bits); draw again
        code = new_join_code()

        def insert(code: str = code) -> bool:
            with store.writing(engine) as conn:
                taken = conn.scalar(select(workshops.c.id).where(workshops.c.join_code == code))
                if taken is not None:
                    return False
                if client is not None:  # the command line and operator scripts are not counted
                    creation_guard.count_and_record(conn, client, moment, limit)
                conn.execute(workshops.insert().values(join_code=code, **row))
                append_audit(conn, workshop_id, "facilitator", "created", moment)
                return True

        if guarded(insert):
            return CreatedWorkshop(workshop_id, code, key)
    raise SaveFailed("workshop.save_failed")


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    detail: Mapping[str, object]


def audit_trail(
    engine: Engine, access: FacilitatorAccess, workshop_id: str
) -> tuple[AuditEntry, ...]:
    """This workshop's audit entries, oldest first."""
    with store.reading(engine) as conn:
        facilitator_workshop(conn, access, workshop_id)
        rows = conn.execute(
            select(audit_log).where(audit_log.c.workshop_id == workshop_id).order_by(audit_log.c.id)
        ).all()
    return tuple(
        AuditEntry(datetime.fromisoformat(r.at), r.actor, r.action, json.loads(r.detail))
        for r in rows
    )


def workshop(engine: Engine, access: FacilitatorAccess, workshop_id: str) -> WorkshopInfo:
    """The workshop's settings and join code, for the facilitator's screen."""
    with store.reading(engine) as conn:
        return facilitator_workshop(conn, access, workshop_id)


def close_workshop(
    engine: Engine, access: FacilitatorAccess, workshop_id: str, *, now: datetime | None = None
) -> None:
    """Make the workshop read-only: no more joins, answers or consensus changes."""
    moment = now or utc_now()

    def work() -> None:
        with store.writing(engine) as conn:
            info = facilitator_workshop(conn, access, workshop_id, "update")
            if not info.closed:
                conn.execute(
                    update(workshops)
                    .where(workshops.c.id == workshop_id)
                    .values(closed_at=stamp(moment))
                )
                append_audit(conn, workshop_id, "facilitator", "closed", moment)

    guarded(work)


def delete_workshop(
    engine: Engine, access: FacilitatorAccess, workshop_id: str, *, now: datetime | None = None
) -> None:
    """Delete the workshop and all its data; only the audit log remembers it existed."""
    moment = now or utc_now()

    def work() -> None:
        with store.writing(engine) as conn:
            facilitator_workshop(conn, access, workshop_id, "update")
            removed = delete_workshop_rows(conn, workshop_id)
            append_audit(conn, workshop_id, "facilitator", "deleted", moment, participants=removed)

    guarded(work)
    store.scrub(engine)


def purge_expired(engine: Engine, *, now: datetime | None = None) -> tuple[str, ...]:
    """Delete every workshop past its retention period; returns their ids (for the log)."""
    moment = now or utc_now()
    with store.reading(engine) as conn:
        due = list(
            conn.scalars(select(workshops.c.id).where(workshops.c.expires_at <= stamp(moment)))
        )
    for workshop_id in due:

        def work(workshop_id: str = workshop_id) -> None:
            with store.writing(engine) as conn:
                removed = delete_workshop_rows(conn, workshop_id)
                append_audit(conn, workshop_id, "system", "purged", moment, participants=removed)

        guarded(work)
    if due:
        store.scrub(engine)
    return tuple(due)


# --- operator commands (``diagnostic workshop …``: whoever runs them already holds the database) --


def _operator_change(
    engine: Engine, workshop_id: str, change: Callable[[Connection], None]
) -> None:
    def work() -> None:
        with store.writing(engine) as conn:
            if conn.scalar(select(workshops.c.id).where(workshops.c.id == workshop_id)) is None:
                raise InputError("workshop.no_such_id", {"id": workshop_id[:64]})
            change(conn)

    guarded(work)
    store.scrub(engine)


def rotate_key(engine: Engine, workshop_id: str, *, now: datetime | None = None) -> str:
    """Give a workshop a new facilitator key and return it (to show once).

    The old key stops working at once, and so do the accesses it granted (they carry the old key's
    tag, see :func:`~diagnostic.workshop.access.facilitator_workshop`).
    """
    moment = now or utc_now()
    key = new_facilitator_key()
    salt, key_hash = new_key_hash(key)

    def change(conn: Connection) -> None:
        conn.execute(
            update(workshops)
            .where(workshops.c.id == workshop_id)
            .values(key_salt=salt, key_hash=key_hash)
        )
        append_audit(conn, workshop_id, "operator", "key_rotated", moment)

    _operator_change(engine, workshop_id, change)
    return key


def unlock(engine: Engine, workshop_id: str, *, now: datetime | None = None) -> int:
    """Forget the wrong-key attempts made on a workshop (and their clients' delays); a count."""
    moment = now or utc_now()
    cleared: list[int] = []

    def change(conn: Connection) -> None:
        cleared.append(key_throttle.clear(conn, workshop_id))
        append_audit(
            conn, workshop_id, "operator", "throttle_cleared", moment, attempts=cleared[-1]
        )

    _operator_change(engine, workshop_id, change)
    return cleared[-1]
