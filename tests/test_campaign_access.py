"""Campaign access, attacker's view first: an owner key opens its own campaign only, a proof is
bound to its campaign and process, wrong keys and links are slowed with one uniform refusal, and
an entry link reads and writes its own entry only. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from diagnostic.method.answers import empty
from diagnostic.workshop import campaign_entry, campaigns, key_throttle
from diagnostic.workshop.campaign_access import (
    CampaignAccess,
    CampaignDenied,
    EntryAccess,
    EntryDenied,
    open_campaign,
    open_entry,
)
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import utc_now

from .campaign_fixture import DURING, make, no_sleep
from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401


def test_an_owner_key_opens_its_own_campaign_only(engine, questionnaire) -> None:
    one, two = make(engine, "Une"), make(engine, "Deux", "Clinique X", "CH Y")
    access = open_campaign(engine, one.campaign_id, one.owner_key, sleep=no_sleep)
    assert campaigns.info(engine, access).title == "Une"
    with pytest.raises(CampaignDenied):
        open_campaign(engine, two.campaign_id, one.owner_key, sleep=no_sleep)
    names = {r.name for r in campaigns.rows(engine, questionnaire, access)}
    assert names == {"CH de Saint-Aubin", "EHPAD Les Tilleuls", "CHU de Montclair"}


def test_a_proof_for_one_campaign_is_refused_for_another(engine, questionnaire) -> None:
    one, two = make(engine, "Une"), make(engine, "Deux", "Clinique X")
    access = open_campaign(engine, one.campaign_id, one.owner_key, sleep=no_sleep)
    moved = dataclasses.replace(access, campaign_id=two.campaign_id)
    for attempt in (moved,):
        with pytest.raises(CampaignDenied):
            campaigns.rows(engine, questionnaire, attempt)
        with pytest.raises(CampaignDenied):
            campaigns.delete_campaign(engine, attempt)
    assert campaigns.info(engine, open_campaign(engine, two.campaign_id, two.owner_key)).title


def test_forged_or_expired_proofs_are_refused(engine, questionnaire) -> None:
    made = make(engine)
    real = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    forged = [
        CampaignAccess(made.campaign_id, real.expires_at, "0" * 64, real.key_tag),
        dataclasses.replace(real, expires_at=real.expires_at + timedelta(days=30)),
        dataclasses.replace(real, key_tag="x"),
        dataclasses.replace(real, expires_at=utc_now() - timedelta(seconds=1)),
        {"campaign_id": made.campaign_id, "proof": real.proof},
        None,
    ]
    for fake in forged:
        with pytest.raises(CampaignDenied):
            campaigns.rows(engine, questionnaire, fake)  # type: ignore[arg-type]
    entry = EntryAccess(1, made.campaign_id, "0" * 64, "0" * 64)
    with pytest.raises(EntryDenied):
        campaign_entry.view(engine, questionnaire, entry)


def test_wrong_keys_are_slowed_with_one_uniform_refusal(engine) -> None:
    made = make(engine)
    client = Client("guesser")
    delays: list[float] = []
    errors = []
    for campaign_id, key in (
        (made.campaign_id, "AAAA-BBBB-CCCC-DDDD-EEEE"),  # wrong key
        (made.campaign_id + 1000, made.owner_key),  # unknown campaign
        (made.campaign_id, ""),
        (10**20, made.owner_key),  # more digits than the database's integers hold
    ):
        with pytest.raises(CampaignDenied) as caught:
            open_campaign(engine, campaign_id, key, client, sleep=delays.append)
        errors.append((caught.value.key, caught.value.params))
    assert len(set(map(str, errors))) == 1
    # floor, then the client's growing delay: 0.5, 1, 2 seconds
    assert [d for d in delays if d >= key_throttle.BASE_DELAY] == [0.5, 1.0, 2.0, 4.0]
    # the right key is still accepted at once, from the same client
    assert open_campaign(engine, made.campaign_id, made.owner_key, client, sleep=delays.append)


def test_wrong_entry_links_are_slowed_too(engine) -> None:
    make(engine)
    delays: list[float] = []
    for token in ("x" * 22, "", "../" * 80):
        with pytest.raises(EntryDenied):
            open_entry(engine, token, Client("guesser"), sleep=delays.append)
    assert [d for d in delays if d >= key_throttle.BASE_DELAY] == [0.5, 1.0, 2.0]


def test_an_entry_link_reads_and_writes_its_own_entry_only(engine, questionnaire) -> None:
    made = make(engine)
    first, second = made.links[0], made.links[1]
    mine = open_entry(engine, first.token, sleep=no_sleep)
    seen = campaign_entry.view(engine, questionnaire, mine)
    assert seen.name == first.name and seen.campaign_title == "Campagne ARS 2026"
    assert not any(other.name in repr(seen) for other in made.links[1:])
    # An access edited to point at another entry is refused, for reading and for writing.
    moved = dataclasses.replace(mine, entry_id=second.entry_id)
    with pytest.raises(EntryDenied):
        campaign_entry.view(engine, questionnaire, moved)
    with pytest.raises(EntryDenied):
        campaign_entry.save_answers(engine, moved, empty(questionnaire), today=DURING)
    campaign_entry.save_answers(engine, mine, empty(questionnaire), today=DURING)
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    statuses = {r.name: r.status for r in campaigns.rows(engine, questionnaire, owner)}
    assert statuses[first.name] == "started" and statuses[second.name] == "not_started"


def test_an_entry_access_cannot_open_the_owner_panel(engine, questionnaire) -> None:
    made = make(engine)
    mine = open_entry(engine, made.links[0].token, sleep=no_sleep)
    with pytest.raises(CampaignDenied):
        campaigns.rows(engine, questionnaire, mine)  # type: ignore[arg-type]


def test_a_new_link_or_key_ends_the_old_one(engine, questionnaire) -> None:
    made = make(engine)
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    entry = open_entry(engine, made.links[0].token, sleep=no_sleep)
    fresh = campaigns.new_link(engine, owner, made.links[0].entry_id)
    with pytest.raises(EntryDenied):
        campaign_entry.view(engine, questionnaire, entry)
    with pytest.raises(EntryDenied):
        open_entry(engine, made.links[0].token, sleep=no_sleep)
    assert (
        campaign_entry.view(engine, questionnaire, open_entry(engine, fresh)).name
        == made.links[0].name
    )
    new_key = campaigns.rotate_owner_key(engine, owner)
    with pytest.raises(CampaignDenied):
        campaigns.rows(engine, questionnaire, owner)
    with pytest.raises(CampaignDenied):
        open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    renewed = open_campaign(engine, made.campaign_id, new_key)
    assert campaigns.rows(engine, questionnaire, renewed)
    # a new link for (or the removal of) an entry of another campaign is refused
    other = make(engine, "Autre", "CH Z")
    for act in (campaigns.new_link, campaigns.remove_invitation):
        with pytest.raises(campaigns.CampaignError) as caught:
            act(engine, renewed, other.links[0].entry_id)
        assert caught.value.key == "campaign.no_such_entry"
    assert open_entry(engine, other.links[0].token)
