"""Campaigns, for their owner: create, open, invite, rotate the key, delete, read the rows.

Every function after :func:`create_campaign` takes a :class:`CampaignAccess` (from
:func:`~diagnostic.workshop.campaign_access.open_campaign`) and checks, in its own transaction,
that it is genuine and that its key is still the campaign's: a rotated key or a deleted campaign
is as good as a wrong key. The establishments' side is :mod:`diagnostic.workshop.campaign_entry`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Engine, delete, select

from diagnostic.content.loader import Questionnaire
from diagnostic.method.campaign_rows import CampaignInfo, CampaignRow
from diagnostic.workshop import creation_guard, store
from diagnostic.workshop.access import guarded, new_facilitator_key
from diagnostic.workshop.campaign_access import (
    CampaignAccess,
    CampaignError,
    new_entry_token,
    owner_current,
    owner_key_hash,
    token_hash,
)
from diagnostic.workshop.campaign_invitations import MAX_NAME, Invitation, check_period
from diagnostic.workshop.campaign_reads import has_answers, parse_answers, workshop_of
from diagnostic.workshop.campaign_tables import campaign_entries, campaign_workshops, campaigns
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import delete_workshop_rows, stamp, utc_now


@dataclass(frozen=True)
class EntryLink:
    """An invited establishment and its link token, to hand over once (only its hash is kept)."""

    entry_id: int
    name: str
    token: str


@dataclass(frozen=True)
class CreatedCampaign:
    """What creation shows once: the id, the owner key and each establishment's link token."""

    campaign_id: int
    owner_key: str
    links: tuple[EntryLink, ...]


def _insert_entries(
    conn: Connection, campaign_id: int, invitations: Sequence[Invitation]
) -> tuple[EntryLink, ...]:
    links = []
    for inv in invitations:
        token = new_entry_token()
        entry_id = conn.execute(
            campaign_entries.insert()
            .values(
                campaign_id=campaign_id,
                token_hash=token_hash(token),
                name=inv.name[:MAX_NAME],
                establishment_type=inv.establishment_type,
                size_band=inv.size_band,
                region_band=inv.region_band,
                ght=inv.ght[:MAX_NAME],
                status="not_started",
                mode="self_assessment",
            )
            .returning(campaign_entries.c.id)
        ).scalar_one()
        links.append(EntryLink(int(entry_id), inv.name, token))
    return tuple(links)


def create_campaign(
    engine: Engine,
    *,
    title: str,
    starts_on: date,
    ends_on: date,
    invitations: Sequence[Invitation],
    client: Client | None = None,
    creation_token: str | None = None,
    now: datetime | None = None,
) -> CreatedCampaign:
    """Create a campaign; returns its owner key and entry tokens, to show once.

    Creation follows the workshop's guard (the operator's creation token when set, and the
    per-client hourly limit), since both let anyone on the server store data.
    """
    moment = now or utc_now()
    clean = check_period(title, starts_on, ends_on)
    if not invitations:
        raise CampaignError("campaign.no_invitations")
    who = client or creation_guard.anonymous()
    creation_guard.check_token(engine, creation_token, who, moment)
    limit = creation_guard.per_hour()
    key = new_facilitator_key()
    salt, digest = owner_key_hash(key)

    def work() -> CreatedCampaign:
        with store.writing(engine) as conn:
            creation_guard.count_and_record(conn, who, moment, limit)
            campaign_id = int(
                conn.execute(
                    campaigns.insert()
                    .values(
                        title=clean,
                        starts_on=starts_on.isoformat(),
                        ends_on=ends_on.isoformat(),
                        key_salt=salt,
                        key_hash=digest,
                        created_at=stamp(moment),
                    )
                    .returning(campaigns.c.id)
                ).scalar_one()
            )
            return CreatedCampaign(
                campaign_id, key, _insert_entries(conn, campaign_id, invitations)
            )

    return guarded(work)


def _info(conn: Connection, campaign_id: int) -> CampaignInfo:
    row = conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).one()
    return CampaignInfo(
        int(row.id), row.title, date.fromisoformat(row.starts_on), date.fromisoformat(row.ends_on)
    )


def info(engine: Engine, access: CampaignAccess) -> CampaignInfo:
    """The campaign's title and period."""

    def work() -> CampaignInfo:
        with store.reading(engine) as conn:
            return _info(conn, owner_current(conn, access).campaign_id)

    return guarded(work)


def rows(engine: Engine, q: Questionnaire, access: CampaignAccess) -> list[CampaignRow]:
    """Every invited establishment of the campaign, in invitation order."""

    def work() -> list[CampaignRow]:
        with store.reading(engine) as conn:
            granted = owner_current(conn, access)
            found = conn.execute(
                select(campaign_entries)
                .where(campaign_entries.c.campaign_id == granted.campaign_id)
                .order_by(campaign_entries.c.id)
            ).all()
            # A workshop entry has started once its workshop has answers (the entry has none
            # of its own until the facilitator records the consensus).
            begun = {
                int(r.id)
                for r in found
                if r.mode == "workshop"
                and r.status == "not_started"
                and (ws := workshop_of(conn, int(r.id))) is not None
                and has_answers(conn, ws)
            }
        return [
            CampaignRow(
                int(r.id),
                r.name,
                r.establishment_type,
                r.size_band,
                r.region_band,
                r.ght,
                "started" if int(r.id) in begun else r.status,
                r.mode,
                parse_answers(q, r.document),
            )
            for r in found
        ]

    return guarded(work)


def add_invitations(
    engine: Engine, access: CampaignAccess, invitations: Sequence[Invitation]
) -> tuple[EntryLink, ...]:
    """Invite more establishments; returns their link tokens (to show once)."""

    def work() -> tuple[EntryLink, ...]:
        with store.writing(engine) as conn:
            granted = owner_current(conn, access)
            taken = {
                " ".join(n.casefold().split())
                for n in conn.scalars(
                    select(campaign_entries.c.name).where(
                        campaign_entries.c.campaign_id == granted.campaign_id
                    )
                )
            }
            for inv in invitations:
                if " ".join(inv.name.casefold().split()) in taken:
                    raise CampaignError("campaign.already_invited", {"name": inv.name[:80]})
            return _insert_entries(conn, granted.campaign_id, invitations)

    return guarded(work)


def _entry_of(conn: Connection, campaign_id: int, entry_id: int) -> None:
    found = conn.scalar(
        select(campaign_entries.c.id).where(
            campaign_entries.c.id == entry_id, campaign_entries.c.campaign_id == campaign_id
        )
    )
    if found is None:
        raise CampaignError("campaign.no_such_entry", {"id": entry_id})


def new_link(engine: Engine, access: CampaignAccess, entry_id: int) -> str:
    """A new link for one entry (the old one was lost or leaked): the old one stops at once."""
    token = new_entry_token()

    def work() -> None:
        with store.writing(engine) as conn:
            granted = owner_current(conn, access)
            _entry_of(conn, granted.campaign_id, entry_id)
            conn.execute(
                campaign_entries.update()
                .where(campaign_entries.c.id == entry_id)
                .values(token_hash=token_hash(token))
            )

    guarded(work)
    return token


def _erase_entries(conn: Connection, entry_ids: Sequence[int]) -> None:
    """Delete entries and the workshops they ran (a workshop entry's answers live there)."""
    ids = list(entry_ids)
    if not ids:
        return
    for workshop_id in conn.scalars(
        select(campaign_workshops.c.workshop_id).where(campaign_workshops.c.entry_id.in_(ids))
    ).all():
        delete_workshop_rows(conn, workshop_id)
    conn.execute(delete(campaign_workshops).where(campaign_workshops.c.entry_id.in_(ids)))
    conn.execute(delete(campaign_entries).where(campaign_entries.c.id.in_(ids)))


def remove_invitation(engine: Engine, access: CampaignAccess, entry_id: int) -> None:
    """Withdraw one establishment: its entry, answers and link are erased from the disk."""

    def work() -> None:
        with store.writing(engine) as conn:
            granted = owner_current(conn, access)
            _entry_of(conn, granted.campaign_id, entry_id)
            _erase_entries(conn, [entry_id])

    guarded(work)
    store.scrub(engine)


def rotate_owner_key(engine: Engine, access: CampaignAccess) -> str:
    """A new owner key (show once); the old key and every access it opened stop working."""
    key = new_facilitator_key()
    salt, digest = owner_key_hash(key)

    def work() -> None:
        with store.writing(engine) as conn:
            granted = owner_current(conn, access)
            conn.execute(
                campaigns.update()
                .where(campaigns.c.id == granted.campaign_id)
                .values(key_salt=salt, key_hash=digest)
            )

    guarded(work)
    return key


def delete_campaign(engine: Engine, access: CampaignAccess) -> None:
    """Erase the campaign, its entries and their answers; nothing is left on disk (scrub)."""

    def work() -> None:
        with store.writing(engine) as conn:
            granted = owner_current(conn, access)
            ids = conn.scalars(
                select(campaign_entries.c.id).where(
                    campaign_entries.c.campaign_id == granted.campaign_id
                )
            ).all()
            _erase_entries(conn, [int(i) for i in ids])
            conn.execute(delete(campaigns).where(campaigns.c.id == granted.campaign_id))

    guarded(work)
    store.scrub(engine)
