"""A campaign entry run as a workshop: started when the workshop has answers, finished when the
facilitator records the consensus (key required), erased with the campaign."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from diagnostic.workshop import campaign_entry, campaign_workshop, campaigns
from diagnostic.workshop import participant as workshop
from diagnostic.workshop.access import AccessDenied, verify_key
from diagnostic.workshop.campaign_access import CampaignError, open_campaign, open_entry
from diagnostic.workshop.queries import workshops
from diagnostic.workshop.results import set_consensus

from .campaign_fixture import DURING, make, no_sleep
from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401
from .test_campaigns import answered


def statuses(engine, q, made) -> list[str]:
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    return [r.status for r in campaigns.rows(engine, q, owner)]


def test_workshop_entry_from_creation_to_recorded_consensus(engine, questionnaire) -> None:
    q = questionnaire
    made = make(engine)
    entry = open_entry(engine, made.links[0].token, sleep=no_sleep)
    created = campaign_workshop.run_as_workshop(
        engine, q, entry, held_on=date(2026, 11, 20), today=DURING
    )
    with pytest.raises(CampaignError):  # once only
        campaign_workshop.run_as_workshop(engine, q, entry, held_on=DURING, today=DURING)
    with pytest.raises(CampaignError) as caught:  # its answers come from the consensus only
        campaign_entry.save_answers(engine, entry, answered(q), today=DURING)
    assert caught.value.key == "campaign.workshop.entry_is_workshop"
    seen = campaign_entry.view(engine, q, entry)
    assert seen.mode == "workshop" and statuses(engine, q, made)[0] == "not_started"
    question = q.dimensions[0].questions[0].id
    person = workshop.join(engine, created.join_code, "director")
    workshop.save_answer(engine, q, person.token, question, 3)
    assert statuses(engine, q, made)[0] == "started"
    with pytest.raises(CampaignError) as caught:  # nothing agreed yet
        campaign_workshop.record_consensus(engine, q, entry, created.facilitator_key, today=DURING)
    assert caught.value.key == "campaign.workshop.no_consensus"
    access = verify_key(engine, created.workshop_id, created.facilitator_key)
    set_consensus(engine, q, access, created.workshop_id, question, 3)
    with pytest.raises(AccessDenied):
        campaign_workshop.record_consensus(
            engine, q, entry, "AAAA-BBBB-CCCC-DDDD-EEEE", today=DURING, client=None
        )
    campaign_workshop.record_consensus(engine, q, entry, created.facilitator_key, today=DURING)
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    row = campaigns.rows(engine, q, owner)[0]
    assert (row.status, row.mode) == ("finished", "workshop")
    assert row.answers is not None and row.answers.answers == {question: 3}
    # Deleting the campaign deletes the entry's workshop too.
    campaigns.delete_campaign(engine, owner)
    with engine.connect() as conn:
        assert conn.execute(select(workshops.c.id)).all() == []


def test_an_entry_with_answers_cannot_switch_to_a_workshop(engine, questionnaire) -> None:
    made = make(engine)
    entry = open_entry(engine, made.links[0].token, sleep=no_sleep)
    campaign_entry.save_answers(engine, entry, answered(questionnaire), today=DURING)
    with pytest.raises(CampaignError) as caught:
        campaign_workshop.run_as_workshop(
            engine, questionnaire, entry, held_on=DURING, today=DURING
        )
    assert caught.value.key == "campaign.workshop.not_now"
