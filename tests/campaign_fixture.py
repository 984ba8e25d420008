"""A campaign with three invited establishments, shared by the campaign store and screen tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from diagnostic.workshop.campaign_invitations import Invitation
from diagnostic.workshop.campaigns import CreatedCampaign, create_campaign

START, END = date(2026, 10, 1), date(2026, 12, 31)
DURING, AFTER = date(2026, 11, 15), date(2027, 1, 1)
INVITED = (
    Invitation("CH de Saint-Aubin", "ch", "b300_799", "north_west", "GHT Loire"),
    Invitation("EHPAD Les Tilleuls", "ehpad", "lt_100", "north_west", "GHT Loire"),
    Invitation("CHU de Montclair", "chu", "b2000_plus", "south_east", ""),
)


def no_sleep(_: float) -> None:
    pass


def make(engine: Engine, title: str = "Campagne ARS 2026", *names: str) -> CreatedCampaign:
    invited = (
        tuple(Invitation(n, "ch", "b100_299", "north_east", "") for n in names)
        if names
        else INVITED
    )
    return create_campaign(engine, title=title, starts_on=START, ends_on=END, invitations=invited)
