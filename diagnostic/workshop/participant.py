"""Workshop mode, the participant's side: join, answer, resume, see and erase one's own answers.

A facilitator and 5–30 participants answer one questionnaire together. Participants join with a
code and a role (never a name) and answer on their phones; every answer is committed the moment it
is given, and :func:`save_answer` returns only after the commit, so the screen can say "saved"
truthfully. The facilitator's side is in :mod:`diagnostic.workshop.admin` (create, close, delete,
purge), :mod:`diagnostic.workshop.results` (dashboard, consensus, exports) and
:mod:`diagnostic.workshop.access` (keys, throttling, :class:`FacilitatorAccess`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, delete, func, select

from diagnostic.content.facts import AnswerValue, Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.method.answers import MAX_COMMENT, Answers, clean_text
from diagnostic.method.conditions import allows_not_applicable, is_asked
from diagnostic.workshop import store
from diagnostic.workshop.access import (
    ROLES,
    WorkshopClosed,
    guarded,
    new_participant_token,
    normalise_code,
    token_hash,
)

# Re-exported: the facilitator's entry points, where the first screens expect them.
from diagnostic.workshop.access import FacilitatorAccess as FacilitatorAccess
from diagnostic.workshop.access import verify_key as verify_key
from diagnostic.workshop.admin import CreatedWorkshop as CreatedWorkshop
from diagnostic.workshop.admin import create_workshop as create_workshop
from diagnostic.workshop.queries import (
    Lock,
    WorkshopInfo,
    answers,
    append_audit,
    decode_value,
    encode_value,
    load_workshop,
    participants,
    stamp,
    upsert,
    utc_now,
    workshop_info,
    workshops,
)


@dataclass(frozen=True)
class ParticipantSession:
    workshop_id: str
    token: str = field(repr=False)
    role: str


@dataclass(frozen=True)
class ParticipantState:
    """Where a participant stands: their own answers only, and the next question to show."""

    workshop: WorkshopInfo
    role: str
    answers: Answers
    next_question: str | None


@dataclass(frozen=True)
class SavedAnswer:
    question_id: str
    value: AnswerValue | None
    saved_at: datetime


def _open(info: WorkshopInfo | None, moment: datetime) -> WorkshopInfo:
    if info is None:
        raise InputError("workshop.unknown_code")
    if info.closed or info.expires_at <= moment:
        raise WorkshopClosed("workshop.closed")
    return info


def join(
    engine: Engine, join_code: str, role: str, *, now: datetime | None = None
) -> ParticipantSession:
    """Join an open workshop with its code and a role; returns the participant's own token."""
    if role not in ROLES:
        raise InputError("workshop.unknown_role", {"role": str(role)[:40]})
    code = normalise_code(join_code)
    moment = now or utc_now()
    token = new_participant_token()

    def work() -> ParticipantSession:
        with store.writing(engine) as conn:
            # Locked so that concurrent joins on PostgreSQL cannot overshoot max_participants.
            row = conn.execute(
                select(workshops).where(workshops.c.join_code == code).with_for_update()
            ).first()
            info = _open(workshop_info(row) if row is not None else None, moment)
            count = conn.scalar(select(func.count()).where(participants.c.workshop_id == info.id))
            if (count or 0) >= info.max_participants:
                raise InputError("workshop.full", {"max": info.max_participants})
            conn.execute(
                participants.insert().values(
                    workshop_id=info.id,
                    token_hash=token_hash(token),
                    role=role,
                    joined_at=stamp(moment),
                )
            )
            append_audit(conn, info.id, f"participant:{role}", "joined", moment)
            return ParticipantSession(info.id, token, role)

    return guarded(work)


def _participant(conn: Connection, token: str, lock: Lock = None) -> tuple[int, str, WorkshopInfo]:
    """(participant id, role, workshop) for a token, or the same error for any bad token."""
    if not token or len(token) > 64:
        raise InputError("workshop.unknown_participant")
    row = conn.execute(
        select(participants.c.id, participants.c.role, participants.c.workshop_id).where(
            participants.c.token_hash == token_hash(token)
        )
    ).first()
    info = load_workshop(conn, row.workshop_id, lock) if row is not None else None
    if row is None or info is None:
        raise InputError("workshop.unknown_participant")
    return row.id, row.role, info


def _own_answers(conn: Connection, q: Questionnaire, pid: int, info: WorkshopInfo) -> Answers:
    rows = conn.execute(select(answers).where(answers.c.participant_id == pid)).all()
    return Answers(
        questionnaire_id=q.id,
        version=q.version,
        profile=info.profile,
        answers={r.question_id: decode_value(r.value) for r in rows},
        comments={r.question_id: r.comment for r in rows if r.comment},
        created_at=info.created_at,
    )


def my_answers(engine: Engine, q: Questionnaire, token: str) -> Answers:
    """The token holder's own answers (with the workshop profile), and nobody else's."""
    with store.reading(engine) as conn:
        pid, _, info = _participant(conn, token)
        return _own_answers(conn, q, pid, info)


def resume(engine: Engine, q: Questionnaire, token: str) -> ParticipantState:
    """Pick up where the participant left off: their answers and first unanswered question."""
    with store.reading(engine) as conn:
        pid, role, info = _participant(conn, token)
        own = _own_answers(conn, q, pid, info)
    facts = Facts(profile=info.profile)
    pending = (
        x.id
        for d in q.dimensions
        for x in d.questions
        if is_asked(x, facts) and x.id not in own.answers
    )
    return ParticipantState(info, role, own, next(pending, None))


def checked_value(
    q: Questionnaire, info: WorkshopInfo, question_id: str, value: AnswerValue | None
) -> None:
    """Refuse a value the wizard would not offer for this question and this workshop's profile."""
    if question_id not in q.questions:
        raise InputError("workshop.unknown_question", {"id": question_id[:120]})
    if (info.questionnaire_id, info.version) != (q.id, q.version):
        raise InputError("workshop.other_questionnaire", {"expected": info.version})
    question, facts = q.questions[question_id], Facts(profile=info.profile)
    if not is_asked(question, facts):
        raise InputError("workshop.question_not_asked", {"id": question_id})
    valid = (
        value is None
        or value in ("dont_know", "not_applicable")
        or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4)
    )
    if not valid:
        raise InputError("workshop.bad_value", {"value": str(value)[:20]})
    if value == "not_applicable" and not allows_not_applicable(question, facts):
        raise InputError("workshop.not_applicable_refused", {"id": question_id})


def cleaned_note(text: str | None) -> str | None:
    note = clean_text(text or "").strip()
    if len(note) > MAX_COMMENT:
        raise InputError("workshop.comment_too_long", {"max": MAX_COMMENT})
    return note or None


def save_answer(
    engine: Engine,
    q: Questionnaire,
    token: str,
    question_id: str,
    value: AnswerValue | None,
    comment: str | None = None,
    *,
    now: datetime | None = None,
) -> SavedAnswer:
    """Save one answer (``None`` clears it) and return only once it is committed.

    An idempotent upsert keyed by participant and question, in a write transaction that also
    re-reads the workshop, so an answer never lands in a closed workshop. The comment is saved
    with the answer and replaces the previous one: pass what the form shows.

    Raises:
        InputError: unknown token or question, or a value this question does not accept.
        WorkshopClosed: the workshop is closed or expired.
        SaveFailed: the database kept refusing; the answer is NOT saved.
    """
    note = cleaned_note(comment)
    moment = now or utc_now()

    def work() -> SavedAnswer:
        with store.writing(engine) as conn:
            pid, _, info = _participant(conn, token, "share")
            _open(info, moment)
            checked_value(q, info, question_id, value)
            key = (answers.c.participant_id == pid) & (answers.c.question_id == question_id)
            if value is None:
                conn.execute(delete(answers).where(key))
            else:
                upsert(
                    conn,
                    answers,
                    {
                        "participant_id": pid,
                        "question_id": question_id,
                        "value": encode_value(value),
                        "comment": note,
                        "updated_at": stamp(moment),
                    },
                    ("participant_id", "question_id"),
                )
        return SavedAnswer(question_id, value, moment)

    return guarded(work)


def erase_my_answers(
    engine: Engine, token: str, *, leave: bool = False, now: datetime | None = None
) -> int:
    """Delete the token holder's answers (and, with ``leave``, their participation); a count.

    Allowed even in a closed workshop: a person's right to erase outlasts the workshop's end.
    """
    moment = now or utc_now()

    def work() -> int:
        with store.writing(engine) as conn:
            pid, role, info = _participant(conn, token)
            erased = conn.execute(delete(answers).where(answers.c.participant_id == pid))
            if leave:
                conn.execute(delete(participants).where(participants.c.id == pid))
            action = "left" if leave else "erased_answers"
            append_audit(
                conn, info.id, f"participant:{role}", action, moment, answers=erased.rowcount
            )
            return erased.rowcount

    erased = guarded(work)
    store.scrub(engine)  # the erased answers' images leave the WAL too
    return erased
