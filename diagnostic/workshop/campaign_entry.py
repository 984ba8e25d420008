"""A campaign entry, for the establishment holding its link: read and write that entry only.

Every function takes an :class:`EntryAccess` (from
:func:`~diagnostic.workshop.campaign_access.open_entry`) and reads or writes the one row it
names, re-checked in the same transaction (a new link or a withdrawn invitation ends it). What an
establishment sees of its campaign is :class:`EntryView`: the campaign's title and period and its
own invitation, never another entry. After the campaign's end date the entry is read-only.

Status: ``not_started`` until answers are saved once, then ``started``; ``finished`` when the
establishment says it is done (:func:`finish`); it may :func:`reopen` until the end date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, select

from diagnostic.content.loader import Questionnaire
from diagnostic.method.answers import Answers, to_document
from diagnostic.method.campaign_rows import Mode, Status
from diagnostic.workshop import store
from diagnostic.workshop.access import guarded
from diagnostic.workshop.campaign_access import CampaignError, EntryAccess, entry_current
from diagnostic.workshop.campaign_reads import parse_answers
from diagnostic.workshop.campaign_tables import campaign_entries, campaigns
from diagnostic.workshop.queries import stamp, utc_now


class CampaignClosed(CampaignError):
    """The campaign's end date has passed: the entry can be read, not changed."""


@dataclass(frozen=True)
class EntryView:
    """What the establishment sees: its campaign's title and period, its own invitation."""

    entry_id: int
    campaign_title: str
    starts_on: date
    ends_on: date
    name: str
    establishment_type: str
    size_band: str
    status: Status
    mode: Mode
    answers: Answers | None

    def closed(self, today: date) -> bool:
        return today > self.ends_on


def _row(conn: Connection, access: EntryAccess) -> tuple[Row[Any], Row[Any]]:
    granted = entry_current(conn, access)
    entry = conn.execute(
        select(campaign_entries).where(campaign_entries.c.id == granted.entry_id)
    ).one()
    campaign = conn.execute(select(campaigns).where(campaigns.c.id == granted.campaign_id)).one()
    return entry, campaign


def view(engine: Engine, q: Questionnaire, access: EntryAccess) -> EntryView:
    """This entry and its campaign's title and period."""

    def work() -> EntryView:
        with store.reading(engine) as conn:
            entry, campaign = _row(conn, access)
        e, c = entry, campaign
        return EntryView(
            int(e.id),
            c.title,
            date.fromisoformat(c.starts_on),
            date.fromisoformat(c.ends_on),
            e.name,
            e.establishment_type,
            e.size_band,
            e.status,
            e.mode,
            parse_answers(q, e.document),
        )

    return guarded(work)


def writable(conn: Connection, access: EntryAccess, today: date) -> Row[Any]:
    entry, campaign = _row(conn, access)
    if today > date.fromisoformat(campaign.ends_on):
        raise CampaignClosed("campaign.closed")
    return entry


def save_answers(
    engine: Engine,
    access: EntryAccess,
    answers: Answers,
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> Status:
    """Store the entry's answers (the answers document); a first save makes it ``started``.

    A finished entry stays finished: the establishment changed an answer after saying it was
    done, and the owner sees the new answer.
    """
    document = json.dumps(to_document(answers), ensure_ascii=False)

    def work() -> Status:
        with store.writing(engine) as conn:
            entry = writable(conn, access, today or date.today())
            if entry.mode == "workshop":  # its answers come from the workshop's consensus
                raise CampaignError("campaign.workshop.entry_is_workshop")
            status: Status = "finished" if entry.status == "finished" else "started"
            conn.execute(
                campaign_entries.update()
                .where(campaign_entries.c.id == access.entry_id)
                .values(document=document, status=status, updated_at=stamp(now or utc_now()))
            )
            return status

    return guarded(work)


def _set_status(engine: Engine, access: EntryAccess, status: Status, today: date | None) -> None:
    def work() -> None:
        with store.writing(engine) as conn:
            entry = writable(conn, access, today or date.today())
            if entry.document is None:
                raise CampaignError("campaign.nothing_to_finish")
            conn.execute(
                campaign_entries.update()
                .where(campaign_entries.c.id == access.entry_id)
                .values(status=status)
            )

    guarded(work)


def finish(engine: Engine, access: EntryAccess, *, today: date | None = None) -> None:
    """The establishment says it is done: the entry counts as finished for the owner."""
    _set_status(engine, access, "finished", today)


def reopen(engine: Engine, access: EntryAccess, *, today: date | None = None) -> None:
    """Back to ``started`` (before the end date), to change answers and finish again."""
    _set_status(engine, access, "started", today)
