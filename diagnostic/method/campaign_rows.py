"""What the campaign screens, statistics and exports know of one invited establishment.

The store (:mod:`diagnostic.workshop.campaigns`) turns its rows into :class:`CampaignRow`; the
statistics (:mod:`diagnostic.method.campaign_stats`) and the exports
(:mod:`diagnostic.outputs.campaign_export`) read nothing else, so they can be tested without a
database and reused by the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from diagnostic.method.answers import Answers

Status = Literal["not_started", "started", "finished"]
STATUSES: tuple[Status, ...] = ("not_started", "started", "finished")
# How the establishment fills its entry: alone (self-assessment) or as a workshop.
Mode = Literal["self_assessment", "workshop"]


@dataclass(frozen=True)
class CampaignInfo:
    """The campaign itself, as its owner described it."""

    id: int
    title: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class CampaignRow:
    """One invited establishment and where it stands.

    ``establishment_type`` is a profile option id of ``establishment_type``; ``size_band`` and
    ``region_band`` are ids of :mod:`diagnostic.method.bands`; ``ght`` is the GHT's name as the
    owner typed it ("" for none). ``answers`` holds the entry's answers once started (for a
    workshop entry: the consolidated answers once the facilitator recorded them), else None.
    """

    entry_id: int
    name: str
    establishment_type: str
    size_band: str
    region_band: str
    ght: str
    status: Status
    mode: Mode
    answers: Answers | None
