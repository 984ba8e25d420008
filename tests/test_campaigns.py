"""Campaign store: creation, invitations (table and CSV), statuses, the end date, secrets only
hashed on disk, and erasure that leaves nothing in the database or its -wal file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from diagnostic.method.answers import empty
from diagnostic.workshop import campaign_entry, campaigns
from diagnostic.workshop.campaign_access import (
    CampaignDenied,
    CampaignError,
    EntryDenied,
    open_campaign,
    open_entry,
)
from diagnostic.workshop.campaign_invitations import (
    InvitationProblems,
    check,
    read_csv,
    template_csv,
)

from .campaign_fixture import AFTER, DURING, END, START, make, no_sleep
from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401
from .test_erasure import marker, open_db, raw


def answered(q):
    a = empty(q)
    question = q.dimensions[0].questions[0].id
    return replace(
        a, profile={"establishment_type": "ch", "legal_status": "public"}, answers={question: 2}
    )


def test_status_goes_not_started_started_finished_and_back(engine, questionnaire) -> None:
    made = make(engine)
    entry = open_entry(engine, made.links[0].token, sleep=no_sleep)
    assert campaign_entry.view(engine, questionnaire, entry).status == "not_started"
    with pytest.raises(CampaignError) as caught:
        campaign_entry.finish(engine, entry, today=DURING)
    assert caught.value.key == "campaign.nothing_to_finish"
    assert (
        campaign_entry.save_answers(engine, entry, answered(questionnaire), today=DURING)
        == "started"
    )
    campaign_entry.finish(engine, entry, today=DURING)
    seen = campaign_entry.view(engine, questionnaire, entry)
    assert seen.status == "finished" and seen.answers is not None
    assert seen.answers.answers == answered(questionnaire).answers
    # a change after finishing keeps it finished; reopening makes it started again
    assert (
        campaign_entry.save_answers(engine, entry, answered(questionnaire), today=DURING)
        == "finished"
    )
    campaign_entry.reopen(engine, entry, today=DURING)
    assert campaign_entry.view(engine, questionnaire, entry).status == "started"
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    rows = campaigns.rows(engine, questionnaire, owner)
    assert [r.status for r in rows] == ["started", "not_started", "not_started"]
    assert rows[0].answers is not None and rows[1].answers is None
    assert (rows[0].establishment_type, rows[0].size_band, rows[0].ght) == (
        "ch",
        "b300_799",
        "GHT Loire",
    )


def test_after_the_end_date_an_entry_is_read_only(engine, questionnaire) -> None:
    made = make(engine)
    entry = open_entry(engine, made.links[0].token, sleep=no_sleep)
    campaign_entry.save_answers(
        engine, entry, answered(questionnaire), today=END
    )  # the last day counts
    for act in (
        lambda: campaign_entry.save_answers(engine, entry, empty(questionnaire), today=AFTER),
        lambda: campaign_entry.finish(engine, entry, today=AFTER),
        lambda: campaign_entry.reopen(engine, entry, today=AFTER),
    ):
        with pytest.raises(campaign_entry.CampaignClosed):
            act()
    seen = campaign_entry.view(engine, questionnaire, entry)
    assert seen.closed(AFTER) and not seen.closed(END)
    assert seen.status == "started" and seen.answers is not None and seen.answers.answers


def test_bad_titles_and_periods_are_refused_with_a_reason(engine) -> None:
    for title, start, end, key in (
        ("  ", START, END, "campaign.no_title"),
        ("x" * 201, START, END, "campaign.title_too_long"),
        ("Ok", END, START, "campaign.bad_period"),
        ("Ok", START, date(2031, 1, 1), "campaign.period_too_long"),
    ):
        with pytest.raises(CampaignError) as caught:
            campaigns.create_campaign(
                engine, title=title, starts_on=start, ends_on=end, invitations=[]
            )
        assert caught.value.key == key


def test_invitations_add_and_remove(engine, questionnaire) -> None:
    made = make(engine)
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    (added,) = campaigns.add_invitations(
        engine,
        owner,
        check(
            questionnaire,
            [(1, {"name": "Clinique du Parc", "establishment_type": "private_clinic"})],
            {
                "name": "nom",
                "establishment_type": "type",
                "size_band": "taille",
                "region_band": "zone",
                "ght": "ght",
            },
        ),
    )
    assert open_entry(engine, added.token).entry_id == added.entry_id
    with pytest.raises(CampaignError) as caught:
        campaigns.add_invitations(engine, owner, [campaigns.Invitation("clinique  du PARC", "ch")])
    assert caught.value.key == "campaign.already_invited"
    campaigns.remove_invitation(engine, owner, added.entry_id)
    with pytest.raises(EntryDenied):
        open_entry(engine, added.token, sleep=no_sleep)
    assert len(campaigns.rows(engine, questionnaire, owner)) == 3


def test_csv_names_every_bad_cell_with_its_line_and_column(questionnaire) -> None:
    text = (
        "Nom;Type;Taille;Zone;GHT\n"
        "CH A;Centre hospitalier (CH);300 à 799 lits et places;north_west;GHT 1\n"
        "CH B;hopital;b300_799;;\n"
        ";ch;;;\n"
        "ch  a;ch;;mars;\n"
        ";;;;\n"
    )
    with pytest.raises(InvitationProblems) as caught:
        read_csv(questionnaire, text.encode("utf-8"))
    found = [(p.key, p.params["line"], p.params["column"]) for p in caught.value.problems]
    assert found == [
        ("campaign.row.unknown", 3, "Type"),
        ("campaign.row.missing_name", 4, "Nom"),
        ("campaign.row.unknown", 5, "Zone"),
        ("campaign.row.duplicate", 5, "Nom"),
    ]
    good = read_csv(questionnaire, text.encode("utf-8").split(b"CH B")[0])
    assert good == [campaigns.Invitation("CH A", "ch", "b300_799", "north_west", "GHT 1")]
    assert [i.name for i in read_csv(questionnaire, template_csv())] == [
        "CH de Saint-Aubin",
        "EHPAD Les Tilleuls",
    ]


def test_csv_without_its_columns_or_in_windows_encoding(questionnaire) -> None:
    with pytest.raises(CampaignError) as caught:
        read_csv(questionnaire, b"a,b,c\n1,2,3\n")
    assert caught.value.key == "campaign.csv.missing_column"
    latin = "name,type\nCH Évreux,ch\n".encode("cp1252")
    assert read_csv(questionnaire, latin)[0].name == "CH Évreux"


def test_keys_and_links_are_only_hashed_in_the_database_file(tmp_path, questionnaire) -> None:
    db, engine = open_db(tmp_path)
    made = make(engine)
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    renewed = campaigns.new_link(engine, owner, made.links[1].entry_id)
    rotated = campaigns.rotate_owner_key(engine, owner)
    disk = raw(db)
    assert b"CH de Saint-Aubin" in disk  # the test can see what it looks for
    secrets = [made.owner_key, rotated, renewed, *(link.token for link in made.links)]
    for secret in secrets:
        assert secret.encode() not in disk
        assert secret.replace("-", "").encode() not in disk


def test_deleting_a_campaign_leaves_none_of_its_names_on_disk(tmp_path, questionnaire) -> None:
    db, engine = open_db(tmp_path)
    title, name, comment = marker("title"), marker("name"), marker("comment")
    made = make(engine, title, name, "CH autre")
    kept = make(engine, "Autre campagne", "CH conservé")
    entry = open_entry(engine, made.links[0].token, sleep=no_sleep)
    a = answered(questionnaire)
    question = next(iter(a.answers))
    campaign_entry.save_answers(
        engine, entry, replace(a, comments={question: comment}), today=DURING
    )
    assert all(m.encode() in raw(db) for m in (title, name, comment))
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    campaigns.delete_campaign(engine, owner)
    after = raw(db)
    assert not any(m.encode() in after for m in (title, name, comment))
    assert (db.parent / f"{db.name}-wal").stat().st_size == 0
    with pytest.raises(CampaignDenied):
        open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    with pytest.raises(EntryDenied):
        open_entry(engine, made.links[0].token, sleep=no_sleep)
    other = open_campaign(engine, kept.campaign_id, kept.owner_key, sleep=no_sleep)
    assert [r.name for r in campaigns.rows(engine, questionnaire, other)] == ["CH conservé"]


def test_removing_one_establishment_erases_its_answers(tmp_path, questionnaire) -> None:
    db, engine = open_db(tmp_path)
    comment = marker("comment")
    made = make(engine)
    entry = open_entry(engine, made.links[0].token, sleep=no_sleep)
    a = answered(questionnaire)
    campaign_entry.save_answers(
        engine, entry, replace(a, comments={next(iter(a.answers)): comment}), today=DURING
    )
    owner = open_campaign(engine, made.campaign_id, made.owner_key, sleep=no_sleep)
    campaigns.remove_invitation(engine, owner, made.links[0].entry_id)
    assert comment.encode() not in raw(db)
    assert made.links[0].name.encode() not in raw(db)
