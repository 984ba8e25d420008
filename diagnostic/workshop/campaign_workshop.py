"""A campaign entry run as a workshop: the establishment's team answers together.

From its entry page an establishment may choose the workshop instead of a self-assessment: a
workshop is created with the ordinary workshop functions (:func:`diagnostic.workshop.admin.
create_workshop`), its facilitator key shown once, and tied to the entry (``campaign_workshops``).
The owner sees the entry ``started`` as soon as the workshop has answers; once the team has
agreed, the facilitator records the consolidated answers into the entry (facilitator key
required), which marks it ``finished``. The workshop is kept at least until the campaign ends
(and erased with the entry or the campaign).
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Engine

from diagnostic.content.loader import Questionnaire
from diagnostic.method.answers import Answers, to_document
from diagnostic.workshop import store
from diagnostic.workshop.access import guarded, verify_key
from diagnostic.workshop.admin import MAX_RETENTION_DAYS, CreatedWorkshop, create_workshop
from diagnostic.workshop.campaign_access import CampaignError, EntryAccess, entry_current
from diagnostic.workshop.campaign_entry import view, writable
from diagnostic.workshop.campaign_reads import workshop_of
from diagnostic.workshop.campaign_tables import campaign_entries, campaign_workshops
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import stamp, utc_now

AFTER_END_DAYS = 90  # the workshop outlives the campaign by this much, for the consensus


def entry_workshop(engine: Engine, access: EntryAccess) -> str | None:
    """The id of the workshop this entry runs, if any."""

    def work() -> str | None:
        with store.reading(engine) as conn:
            return workshop_of(conn, entry_current(conn, access).entry_id)

    return guarded(work)


def run_as_workshop(
    engine: Engine,
    q: Questionnaire,
    access: EntryAccess,
    *,
    held_on: date,
    today: date | None = None,
    client: Client | None = None,
    creation_token: str | None = None,
) -> CreatedWorkshop:
    """Create the entry's workshop; returns its id, join code and facilitator key (show once).

    Refused once the entry has answers of its own or already has a workshop, and after the end.
    """
    moment = today or date.today()
    seen = view(engine, q, access)
    with store.reading(engine) as conn:
        writable(conn, access, moment)
        if workshop_of(conn, access.entry_id) is not None or seen.answers is not None:
            raise CampaignError("campaign.workshop.not_now")
    profile: dict[str, str | list[str]] = {"establishment_name": seen.name}
    if seen.establishment_type in {o.id for o in q.profile_by_id["establishment_type"].options}:
        profile["establishment_type"] = seen.establishment_type
    if "beds" in q.profile_by_id and seen.size_band in {
        o.id for o in q.profile_by_id["beds"].options
    }:
        profile["beds"] = seen.size_band
    keep = (seen.ends_on - min(held_on, moment)).days + AFTER_END_DAYS
    created = create_workshop(
        engine,
        q,
        title=seen.name,
        held_on=held_on,
        profile={k: v for k, v in profile.items() if k in q.profile_by_id},
        retention_days=max(1, min(keep, MAX_RETENTION_DAYS)),
        creation_token=creation_token,
        client=client,
    )

    def tie() -> None:
        with store.writing(engine) as conn:
            writable(conn, access, moment)
            conn.execute(
                campaign_workshops.insert().values(
                    entry_id=access.entry_id, workshop_id=created.workshop_id
                )
            )
            conn.execute(
                campaign_entries.update()
                .where(campaign_entries.c.id == access.entry_id)
                .values(mode="workshop")
            )

    guarded(tie)
    return created


def record_consensus(
    engine: Engine,
    q: Questionnaire,
    access: EntryAccess,
    facilitator_key: str,
    *,
    today: date | None = None,
    client: Client | None = None,
) -> Answers:
    """Copy the workshop's agreed answers into the entry and mark it finished (key required)."""
    from diagnostic.workshop.results import consensus_answers

    workshop_id = entry_workshop(engine, access)
    if workshop_id is None:
        raise CampaignError("campaign.workshop.none")
    granted = verify_key(engine, workshop_id, facilitator_key, client=client)
    agreed = consensus_answers(engine, q, granted, workshop_id)
    if not agreed.answers:
        raise CampaignError("campaign.workshop.no_consensus")
    document = json.dumps(to_document(agreed), ensure_ascii=False)

    def work() -> None:
        with store.writing(engine) as conn:
            writable(conn, access, today or date.today())
            conn.execute(
                campaign_entries.update()
                .where(campaign_entries.c.id == access.entry_id)
                .values(document=document, status="finished", updated_at=stamp(utc_now()))
            )

    guarded(work)
    return agreed
