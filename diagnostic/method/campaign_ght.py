"""A GHT's members side by side, and the priorities they could pool.

A GHT (groupement hospitalier de territoire) shares its information system, its purchasing and
often its data protection officer: an action that several members must take anyway is cheaper
and more consistent done once for the group. The consolidated priorities are computed so:

1. For every **finished** member, its own report is built (:func:`~diagnostic.method.report.
   build_report`) and its composed plan read (``report.composition.items``: the published plan,
   without the "to consider next" annex). Members not finished have no plan yet.
2. An action is identified by its plan id (the same rule in every member's plan).
3. With two finished members or more, the actions found in the plans of **at least two** of them
   are kept; with a single finished member, its whole plan is kept (nothing to compare yet, and
   the view says it concerns one member).
4. They are ranked by the number of members that share them (most first), then by the most
   urgent priority any of them gives it (P0 first), then by id, so the order never depends on
   the order of the rows.

The members' scores come from :func:`diagnostic.method.campaign_table.scored_table`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from diagnostic.method.campaign_rows import CampaignRow, Status
from diagnostic.method.campaign_table import raised_flags, scored_table
from diagnostic.method.plan import PRIORITIES

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire
    from diagnostic.method.composition import Item


@dataclass(frozen=True)
class GhtMember:
    """One member as the GHT view shows it; scores are None when not scored or not started."""

    entry_id: int
    name: str
    establishment_type: str
    status: Status
    scores: Mapping[str, float | None]
    overall: float | None
    stage: str | None
    red_flags: tuple[str, ...]


@dataclass(frozen=True)
class SharedAction:
    """An action of the consolidated priorities.

    ``item`` is the action as it stands in the first sharing member's plan (its wording, owner
    role); ``priority`` is the most urgent priority among the members; ``members`` and
    ``member_ids`` name the members whose plan has it, in the rows' order.
    """

    action_id: str
    item: Item
    priority: str
    members: tuple[str, ...]
    member_ids: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.member_ids)


@dataclass(frozen=True)
class GhtView:
    """A GHT's members (in the rows' order) and its consolidated priorities (ranked)."""

    ght: str
    members: tuple[GhtMember, ...]
    finished: int
    priorities: tuple[SharedAction, ...]


def _value(x: object) -> float | None:
    """A table cell as a score: NaN (not scored) and missing (not started) become None."""
    return float(x) if isinstance(x, int | float) and not math.isnan(x) else None


def _members(q: Questionnaire, rows: Sequence[CampaignRow]) -> tuple[GhtMember, ...]:
    table = scored_table(q, rows)
    by_id = {
        int(e): rec for e, rec in zip(table["entry_id"], table.to_dict("records"), strict=True)
    }
    out = []
    for r in rows:
        rec = by_id.get(r.entry_id, {})
        out.append(
            GhtMember(
                entry_id=r.entry_id,
                name=r.name,
                establishment_type=r.establishment_type,
                status=r.status,
                scores={d.id: _value(rec.get(d.id)) for d in q.dimensions},
                overall=_value(rec.get("overall")),
                stage=rec.get("stage") or None,
                red_flags=raised_flags(rec.get("red_flags")),
            )
        )
    return tuple(out)


def _plans(
    q: Questionnaire, rows: Sequence[CampaignRow], today: date
) -> list[tuple[CampaignRow, tuple[Item, ...]]]:
    from diagnostic.method.report import build_report  # the whole pipeline: loaded when needed

    plans = []
    for r in rows:
        if r.status != "finished" or r.answers is None:
            continue
        # No benchmark editions: the composed plan does not depend on them.
        report = build_report(q, r.answers, {}, today=today)
        plans.append((r, report.composition.items))
    return plans


def ght_view(q: Questionnaire, rows: Sequence[CampaignRow], ght: str, today: date) -> GhtView:
    """The members of ``ght`` side by side and their consolidated priorities.

    Args:
        q: the questionnaire.
        rows: the whole campaign (members are the rows whose ``ght`` is ``ght``, spaces around
            ignored).
        ght: the GHT's name as the owner typed it.
        today: the date the members' plans are composed on (due dates, upcoming obligations).

    Returns:
        The view; how the priorities are chosen and ranked is in the module docstring.
    """
    wanted = ght.strip()
    members = [r for r in rows if wanted and r.ght.strip() == wanted]
    plans = _plans(q, members, today)
    found: dict[str, list[tuple[CampaignRow, Item]]] = {}
    for row, items in plans:
        for item in items:
            found.setdefault(item.id, []).append((row, item))
    needed = 2 if len(plans) >= 2 else 1
    shared = [
        SharedAction(
            action_id=action_id,
            item=pairs[0][1],
            priority=min((i.priority for _, i in pairs), key=PRIORITIES.index),
            members=tuple(r.name for r, _ in pairs),
            member_ids=tuple(r.entry_id for r, _ in pairs),
        )
        for action_id, pairs in found.items()
        if len(pairs) >= needed
    ]
    shared.sort(key=lambda s: (-s.count, PRIORITIES.index(s.priority), s.action_id))
    return GhtView(
        ght=wanted, members=_members(q, members), finished=len(plans), priorities=tuple(shared)
    )
