"""The opt-in peer pool: add, replace and withdraw an establishment's anonymised result.

A contribution is made only on an explicit opt-in (the screens leave it off by default). It
keeps what :class:`diagnostic.method.peer_stats.PeerRecord` holds and nothing else; the
establishment's name, its answers, comments and the moment of the opt-in (beyond its quarter)
never reach the table. The establishment gets a **withdrawal code** once (120 random bits,
stored as SHA-256, like the history codes); presenting it later deletes the row, and
:func:`diagnostic.workshop.store.scrub` removes the deleted row's images from the SQLite WAL.
The session that contributed keeps the code's hash, so contributing again from it replaces the
contribution (same code) instead of counting the establishment twice.

A wrong code is not throttled: with 120 random bits, guessing one is hopeless, and the answer
("no contribution has this code") reveals nothing about the others.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, delete, select

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.method import bands
from diagnostic.method.peer_stats import PeerRecord, Pool, comparable_pool, quarter
from diagnostic.method.report import Report
from diagnostic.workshop import store
from diagnostic.workshop.access import ALPHABET, guarded
from diagnostic.workshop.peer_tables import peer_contributions

CODE_GROUPS = 6  # 6 groups of 4 characters of 5 bits: 120 random bits
MAX_CODE = 100


class NotShareable(InputError):
    """This result cannot join the pool (type or size missing, a dimension not scored)."""


def new_code() -> str:
    """A withdrawal code, ``ABCD-EFGH-…``: no 0/O or 1/I, so it can be copied by hand."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS))


def code_hash(code: str) -> str:
    """What is stored: SHA-256 of the code without dashes, spaces or case (no salt needed)."""
    cleaned = "".join(ch for ch in str(code)[:MAX_CODE].upper() if ch.isalnum())
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()


def record_from_report(report: Report, region_band: str, today: date) -> PeerRecord:
    """The contribution a report makes: bands, whole-point scores, stage, quarter.

    Raises:
        NotShareable: no establishment type, no size band (the profile's beds question), or a
            dimension without a score (a provisional result would skew the peers' figures).
    """
    profile = report.answers.profile
    scores = report.scores
    etype = scores.establishment_type or ""
    size = bands.size_band(profile)
    if not etype:
        raise NotShareable("peer.needs_type")
    if size == bands.UNKNOWN:
        raise NotShareable("peer.needs_size")
    if scores.stage is None or any(d.score is None for d in scores.dimensions):
        raise NotShareable("peer.needs_scores")
    return PeerRecord(
        establishment_type=etype,
        size_band=size,
        region_band=bands.region_band(region_band),
        questionnaire_id=report.questionnaire.id,
        questionnaire_version=report.questionnaire.version,
        period=quarter(today),
        stage=scores.stage,
        scores={d.dimension_id: float(round(d.score or 0.0)) for d in scores.dimensions},
    )


@dataclass(frozen=True)
class Contributed:
    """The outcome of an opt-in.

    Attributes:
        code: the new withdrawal code, to show once; None when an earlier contribution of this
            session was replaced and its code still applies.
        tag: the code's hash, for the session to keep (replace or withdraw later).
    """

    code: str | None
    tag: str


def contribute(engine: Engine, record: PeerRecord, *, replaces: str | None = None) -> Contributed:
    """Add a contribution, or replace the one whose code hash is ``replaces`` (same code)."""
    fresh = new_code()

    def work() -> Contributed:
        with store.writing(engine) as conn:
            gone = 0
            if replaces:
                gone = conn.execute(
                    delete(peer_contributions).where(
                        peer_contributions.c.withdrawal_hash == replaces
                    )
                ).rowcount
            outcome = Contributed(fresh, code_hash(fresh))
            if gone:
                outcome = Contributed(None, str(replaces))
            conn.execute(
                peer_contributions.insert().values(
                    id=secrets.token_hex(16),
                    withdrawal_hash=outcome.tag,
                    establishment_type=record.establishment_type,
                    size_band=record.size_band,
                    region_band=record.region_band,
                    questionnaire_id=record.questionnaire_id,
                    questionnaire_version=record.questionnaire_version,
                    period=record.period,
                    stage=record.stage,
                    scores=json.dumps(dict(record.scores), sort_keys=True),
                )
            )
            return outcome

    outcome = guarded(work)
    if outcome.code is None:
        store.scrub(engine)  # the replaced row's old page images
    return outcome


def withdraw_tag(engine: Engine, tag: str) -> bool:
    """Delete the contribution with this code hash; True if there was one. Leaves no trace."""

    def work() -> int:
        with store.writing(engine) as conn:
            return int(
                conn.execute(
                    delete(peer_contributions).where(peer_contributions.c.withdrawal_hash == tag)
                ).rowcount
            )

    removed = guarded(work)
    store.scrub(engine)
    return removed > 0


def withdraw(engine: Engine, code: str) -> bool:
    """Withdraw with the code given at opt-in; False (nothing deleted) for a wrong code."""
    return withdraw_tag(engine, code_hash(code))


def is_in_pool(engine: Engine, tag: str) -> bool:
    with store.reading(engine) as conn:
        found = conn.scalar(
            select(peer_contributions.c.id).where(peer_contributions.c.withdrawal_hash == tag)
        )
    return found is not None


def records(engine: Engine, questionnaire_id: str | None = None) -> tuple[PeerRecord, ...]:
    """Every contribution (of one questionnaire when given), in the random key's order."""
    query = select(peer_contributions).order_by(peer_contributions.c.id)
    if questionnaire_id is not None:
        query = query.where(peer_contributions.c.questionnaire_id == questionnaire_id)
    with store.reading(engine) as conn:
        rows = conn.execute(query).all()
    return tuple(
        PeerRecord(
            establishment_type=r.establishment_type,
            size_band=r.size_band,
            region_band=r.region_band,
            questionnaire_id=r.questionnaire_id,
            questionnaire_version=r.questionnaire_version,
            period=r.period,
            stage=r.stage,
            scores={str(k): float(v) for k, v in json.loads(r.scores).items()},
        )
        for r in rows
    )


def pool_for(engine: Engine, q: Questionnaire) -> Pool:
    """The comparable pool for a questionnaire (its id, its dimensions and stages)."""
    return comparable_pool(
        records(engine, q.id), q.id, [d.id for d in q.dimensions], [s.id for s in q.stages]
    )
