"""Small reads shared by the campaign modules: an entry's answers, the workshop an entry runs."""

from __future__ import annotations

from sqlalchemy import Connection, select

from diagnostic.content.loader import Questionnaire
from diagnostic.method.answers import Answers, read
from diagnostic.workshop.campaign_tables import campaign_workshops
from diagnostic.workshop.queries import answers, participants


def parse_answers(q: Questionnaire, document: str | None) -> Answers | None:
    """An entry's stored answers document, or None (never saved, or no longer readable)."""
    if not document:
        return None
    try:
        return read(document.encode("utf-8"), q)
    except Exception:  # a questionnaire edition that no longer reads it: shown as not answered
        return None


def workshop_of(conn: Connection, entry_id: int) -> str | None:
    found = conn.scalar(
        select(campaign_workshops.c.workshop_id).where(campaign_workshops.c.entry_id == entry_id)
    )
    return None if found is None else str(found)


def has_answers(conn: Connection, workshop_id: str) -> bool:
    """Whether anyone in the workshop has answered a question."""
    found = conn.scalar(
        select(answers.c.participant_id)
        .select_from(answers.join(participants, participants.c.id == answers.c.participant_id))
        .where(participants.c.workshop_id == workshop_id)
        .limit(1)
    )
    return found is not None
