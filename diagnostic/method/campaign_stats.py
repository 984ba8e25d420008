"""A campaign's statistics for its owner: participation, distributions, stages and red flags.

Everything here reads :class:`~diagnostic.method.campaign_rows.CampaignRow` only (no database),
so the owner's panel, the exports and the command line compute the same figures. Scores come from
:func:`scored_table` (the vectorised engine, equal to the one-set scorer); the GHT view lives in
:mod:`diagnostic.method.campaign_ght` and is re-exported here.

**No small-group suppression here, by design.** The owner of a campaign sees every establishment
of their own campaign, by name: each establishment was told so in its invitation. The thresholds
of :mod:`diagnostic.method.disclosure` protect figures published to *others* (peer benchmarks,
pulse surveys, the anonymised pool), not this view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diagnostic.method.campaign_ght import GhtMember, GhtView, SharedAction, ght_view
from diagnostic.method.campaign_rows import STATUSES, CampaignRow, Status
from diagnostic.method.campaign_table import raised_flags, scored_table, table_columns
from diagnostic.method.disclosure import Distribution, distribution

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire

__all__ = [
    "CampaignFilter",
    "CampaignSummary",
    "GhtMember",
    "GhtView",
    "SharedAction",
    "ght_view",
    "ghts",
    "scored_table",
    "summary",
    "table_columns",
]


@dataclass(frozen=True)
class CampaignFilter:
    """Keep the establishments of one type and/or one size band (None: any).

    The values are the invitation's (``CampaignRow.establishment_type``, ``size_band``), which
    the owner chose, not what the establishment later answered in its profile.
    """

    establishment_type: str | None = None
    size_band: str | None = None

    def matches(self, row: CampaignRow) -> bool:
        return (self.establishment_type in (None, row.establishment_type)) and (
            self.size_band in (None, row.size_band)
        )


@dataclass(frozen=True)
class CampaignSummary:
    """The figures of the owner's panel for the establishments a filter keeps.

    Attributes:
        invited: establishments invited (matching the filter).
        statuses: how many are not started, started, finished (every status, zeros included).
        scored: finished establishments with answers: the ones every figure below describes.
        dimensions: per dimension id, the distribution of its scores over the ``scored``
            establishments where it is scored (None when none is); ``n`` may thus be below
            ``scored``.
        overall: the same for the overall score.
        stages: per stage id (questionnaire order, zeros included), how many establishments
            reached it after the red-flag caps; establishments with nothing scored are not
            counted.
        red_flags: per red flag id, how many establishments raised it, most frequent first,
            flags nobody raised left out.
    """

    invited: int
    statuses: Mapping[Status, int]
    scored: int
    dimensions: Mapping[str, Distribution | None]
    overall: Distribution | None
    stages: Mapping[str, int]
    red_flags: Mapping[str, int]


def summary(
    q: Questionnaire, rows: Sequence[CampaignRow], flt: CampaignFilter | None = None
) -> CampaignSummary:
    """Participation, score distributions, stages and red flags of a campaign.

    Statuses count every invited row the filter keeps. Scores, stages and red flags describe the
    **finished** entries only: a self-assessment half filled in would pull the distribution
    towards whatever its first pages cover (the per-row table, :func:`scored_table`, still shows
    started entries with their status). Quartiles are
    :func:`diagnostic.method.disclosure.distribution`'s (inclusive method: the campaign is the
    whole group, not a sample). No small-group suppression: see the module docstring.
    """
    kept = [r for r in rows if (flt or CampaignFilter()).matches(r)]
    statuses: dict[Status, int] = {s: 0 for s in STATUSES}
    for r in kept:
        statuses[r.status] += 1
    table = scored_table(q, [r for r in kept if r.status == "finished"])
    dimensions = {d.id: distribution(table[d.id].dropna().tolist()) for d in q.dimensions}
    stage_counts = table["stage"].value_counts()
    flags: dict[str, int] = {f.id: 0 for f in q.red_flags}
    for cell in table["red_flags"]:
        for flag in raised_flags(cell):
            flags[flag] = flags.get(flag, 0) + 1
    ranked = sorted(
        (f for f in flags.items() if f[1]), key=lambda f: -f[1]
    )  # stable: content order
    return CampaignSummary(
        invited=len(kept),
        statuses=statuses,
        scored=len(table),
        dimensions=dimensions,
        overall=distribution(table["overall"].dropna().tolist()),
        stages={s.id: int(stage_counts.get(s.id, 0)) for s in q.stages},
        red_flags=dict(ranked),
    )


def ghts(rows: Sequence[CampaignRow]) -> list[str]:
    """The campaign's GHT names (spaces around dropped, as :func:`ght_view` compares them),
    sorted, without the empty "no GHT"."""
    return sorted({r.ght.strip() for r in rows if r.ght.strip()})
