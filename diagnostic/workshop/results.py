"""The facilitator's view of a workshop's answers: dashboard, disagreements, consensus, exports.

Every function takes the workshop id and a :class:`FacilitatorAccess` and checks that the two
match before reading anything (:func:`diagnostic.workshop.access.facilitator_workshop`): there is
no path to a workshop's data that skips the key. Openings of results and exports are audited.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete

from diagnostic.content.facts import AnswerValue, Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method.answers import Answers, dump
from diagnostic.method.conditions import is_asked
from diagnostic.outputs.exports import safe_cell
from diagnostic.workshop import store
from diagnostic.workshop.access import (
    FacilitatorAccess,
    WorkshopClosed,
    facilitator_workshop,
    guarded,
)

# Re-exported: the lifecycle lives in workshop_admin, the screens reach it from here too.
from diagnostic.workshop.admin import AuditEntry as AuditEntry
from diagnostic.workshop.admin import audit_trail as audit_trail
from diagnostic.workshop.admin import close_workshop as close_workshop
from diagnostic.workshop.admin import delete_workshop as delete_workshop
from diagnostic.workshop.admin import purge_expired as purge_expired
from diagnostic.workshop.admin import workshop as workshop
from diagnostic.workshop.participant import checked_value, cleaned_note
from diagnostic.workshop.queries import (
    ParticipantAnswers,
    WorkshopInfo,
    answers_by_participant,
    append_audit,
    consensus,
    consensus_rows,
    encode_value,
    stamp,
    upsert,
    utc_now,
)
from diagnostic.workshop.stats import (
    Dashboard,
    Disagreement,
    Distribution,
    build_dashboard,
    exported_people,
    find_disagreements,
    question_stats,
)

FACILITATOR = "facilitator"


def _audit(
    engine: Engine, workshop_id: str, action: str, now: datetime | None, **detail: object
) -> None:
    def work() -> None:
        with store.writing(engine) as conn:
            append_audit(conn, workshop_id, FACILITATOR, action, now or utc_now(), **detail)

    guarded(work)


def _snapshot(
    engine: Engine, access: FacilitatorAccess, workshop_id: str
) -> tuple[WorkshopInfo, tuple[ParticipantAnswers, ...]]:
    with store.reading(engine) as conn:
        info = facilitator_workshop(conn, access, workshop_id)
        return info, answers_by_participant(conn, workshop_id)


def dashboard(
    engine: Engine,
    q: Questionnaire,
    access: FacilitatorAccess,
    workshop_id: str,
    *,
    record_view: bool = True,
    now: datetime | None = None,
) -> Dashboard:
    """Every figure of the live dashboard. ``record_view=False`` for automatic refreshes, so the
    audit log records each opening once, not every few seconds."""
    info, people = _snapshot(engine, access, workshop_id)
    if record_view:
        _audit(engine, workshop_id, "dashboard_opened", now)
    return build_dashboard(q, info, people)


def disagreements(
    engine: Engine,
    q: Questionnaire,
    access: FacilitatorAccess,
    workshop_id: str,
    *,
    min_span: int = 2,
    min_stdev: float = 1.5,
) -> tuple[Disagreement, ...]:
    """Questions where the room diverged most, for the "where we disagreed" section."""
    _, people = _snapshot(engine, access, workshop_id)
    return find_disagreements(question_stats(q, people), min_span, min_stdev)


@dataclass(frozen=True)
class ConsensusItem:
    """One question at the consensus step: what the room said, the proposal, what was agreed."""

    question_id: str
    dimension_id: str
    distribution: Distribution
    proposal: AnswerValue | None
    agreed: AnswerValue | None
    rationale: str


def _items(
    q: Questionnaire,
    info: WorkshopInfo,
    people: tuple[ParticipantAnswers, ...],
    agreed: dict[str, tuple[AnswerValue, str, str]],
) -> tuple[ConsensusItem, ...]:
    facts = Facts(profile=info.profile)
    return tuple(
        ConsensusItem(
            s.question_id,
            s.dimension_id,
            s.distribution,
            s.proposal,
            agreed[s.question_id][0] if s.question_id in agreed else None,
            agreed[s.question_id][1] if s.question_id in agreed else "",
        )
        for s in question_stats(q, people)
        if is_asked(q.questions[s.question_id], facts)
    )


def consensus_items(
    engine: Engine, q: Questionnaire, access: FacilitatorAccess, workshop_id: str
) -> tuple[ConsensusItem, ...]:
    """Every question asked in this workshop, in questionnaire order."""
    with store.reading(engine) as conn:
        info = facilitator_workshop(conn, access, workshop_id)
        people = answers_by_participant(conn, workshop_id)
        agreed = consensus_rows(conn, workshop_id)
    return _items(q, info, people, agreed)


def set_consensus(
    engine: Engine,
    q: Questionnaire,
    access: FacilitatorAccess,
    workshop_id: str,
    question_id: str,
    value: AnswerValue | None,
    rationale: str = "",
    *,
    now: datetime | None = None,
) -> None:
    """Record (or, with ``None``, withdraw) the agreed level of one question and why."""
    note = cleaned_note(rationale) or ""
    moment = now or utc_now()

    def work() -> None:
        with store.writing(engine) as conn:
            info = facilitator_workshop(conn, access, workshop_id, "share")
            if info.closed:
                raise WorkshopClosed("workshop.closed")
            checked_value(q, info, question_id, value)
            if value is None:
                conn.execute(
                    delete(consensus).where(
                        (consensus.c.workshop_id == workshop_id)
                        & (consensus.c.question_id == question_id)
                    )
                )
            else:
                row = {
                    "workshop_id": workshop_id,
                    "question_id": question_id,
                    "value": encode_value(value),
                    "rationale": note,
                    "updated_at": stamp(moment),
                }
                upsert(conn, consensus, row, ("workshop_id", "question_id"))
            append_audit(
                conn,
                workshop_id,
                FACILITATOR,
                "consensus_set",
                moment,
                question=question_id,
                value=value,
            )

    guarded(work)


def consensus_answers(
    engine: Engine,
    q: Questionnaire,
    access: FacilitatorAccess,
    workshop_id: str,
    *,
    fill_with_proposals: bool = False,
) -> Answers:
    """The agreed answers as one diagnostic: the workshop profile and the consensus levels.

    It scores, reports and exports like any single self-assessment; rationales ride along as
    the answers' comments. ``fill_with_proposals`` takes the default proposal where nothing
    was agreed (for a first look before the discussion).
    """
    with store.reading(engine) as conn:
        info = facilitator_workshop(conn, access, workshop_id)
        people = answers_by_participant(conn, workshop_id)
        agreed = consensus_rows(conn, workshop_id)
    items = _items(q, info, people, agreed)
    stamps = [changed for _, _, changed in agreed.values()]
    values: dict[str, AnswerValue] = {}
    for item in items:
        chosen = item.proposal if item.agreed is None and fill_with_proposals else item.agreed
        if chosen is not None:
            values[item.question_id] = chosen
    return Answers(
        questionnaire_id=q.id,
        version=q.version,
        profile=info.profile,
        answers=values,
        comments={
            i.question_id: i.rationale for i in items if i.rationale and i.agreed is not None
        },
        created_at=info.created_at,
        updated_at=datetime.fromisoformat(max(stamps)) if stamps else info.created_at,
    )


def export_consensus(
    engine: Engine,
    q: Questionnaire,
    access: FacilitatorAccess,
    workshop_id: str,
    *,
    now: datetime | None = None,
) -> bytes:
    """The consensus as an answers file (re-importable, comparable in the history)."""
    document = dump(consensus_answers(engine, q, access, workshop_id))
    _audit(engine, workshop_id, "exported", now, format="consensus")
    return document


@dataclass(frozen=True)
class CsvContent:
    """What the answers export would hold now: all answers given, and those it may list."""

    answers: int
    exported: int
    min_group: int


def csv_content(engine: Engine, access: FacilitatorAccess, workshop_id: str) -> CsvContent:
    """Counts only (nothing exported, nothing audited): to say why an export would be empty."""
    info, people = _snapshot(engine, access, workshop_id)
    shown = exported_people(people, info.min_group)
    return CsvContent(
        answers=sum(len(p.answers) for p in people),
        exported=sum(len(p.answers) for p, _ in shown),
        min_group=info.min_group,
    )


def export_answers_csv(
    engine: Engine,
    q: Questionnaire,
    access: FacilitatorAccess,
    workshop_id: str,
    lang: str,
    *,
    include_comments: bool = False,
    now: datetime | None = None,
) -> bytes:
    """The answers of the people whose role group may be exported, one row per answer.

    People appear as P1, P2, … drawn afresh at each export, so a row cannot be matched with the
    joining order seen in the room or on the progress list. Hidden role groups (and their
    complement, see :func:`~diagnostic.workshop.stats.exported_groups`) are left out altogether:
    their rows, even unlabelled, would single them out. Cells are formula-safe.
    """
    info, people = _snapshot(engine, access, workshop_id)
    chosen = list(exported_people(people, info.min_group))
    secrets.SystemRandom().shuffle(chosen)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "fr" else ",")
    columns = ["group", "participant", "dimension", "question", "text", "answer"]
    columns += ["comment"] if include_comments else []
    writer.writerow([message(f"workshop.csv_{c}", lang) for c in columns])
    order = {qid: n for n, qid in enumerate(q.questions)}
    for alias, (person, group) in enumerate(chosen, start=1):
        for qid in sorted(person.answers, key=lambda x: order.get(x, len(order))):
            question = q.questions.get(qid)
            row: list[object] = [
                group,
                f"P{alias}",
                q.dimension_of.get(qid, ""),
                qid,
                question.text.get(lang) if question else "",
                person.answers[qid],
            ]
            if include_comments:
                row.append(person.comments.get(qid, ""))
            writer.writerow([safe_cell(c) for c in row])
    _audit(engine, workshop_id, "exported", now, format="csv", comments=include_comments)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
