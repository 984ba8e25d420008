"""Peer benchmark statistics: the peer panel of one establishment and the pool's export cells.

An establishment's **peers** are the contributions of the same questionnaire, establishment
type and size band. Contributions made under another version of the questionnaire count only
when that version has exactly the same dimensions (same ids) and stages as the one being read:
a dimension added, removed or renamed would compare different things under one name, whereas a
reworded question inside an unchanged dimension does not change what its score measures.

What is published, on screen or in an export, goes through :mod:`diagnostic.method.disclosure`:

* the cells are (type, size band), type, size band, region band and the whole pool; a cell is
  published only with at least ``min_group`` contributions, and complementary suppression
  hides a cell whose difference with another published one (or with the published cells of a
  column) would be a group of 1 to ``min_group - 1``. The (type, size band) cells, those of the
  peer panel, are kept first: the wider cell is hidden instead where that is enough;
* the peer panel shows its (type, size band) cell only when that same cell is published in the
  export, so the screen and the export together give away nothing that either alone would not;
* inside a published cell, each stage count is a group of its own, checked in the same pass:
  a count that is too small, or that would let one be recovered, is published as ``None``
  (the export writes ``s``, for *secret statistique*, whatever the reason: writing "< k" for the
  small ones and something else for the others would tell which is which, and a count hidden
  for complementary reasons may well be ``k`` or more). Zero counts are published as 0.

Every contribution has a score in every dimension (the pool accepts no other), so a
dimension's n is the cell's n. Quartiles: :func:`diagnostic.method.disclosure.distribution`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from diagnostic.method.disclosure import Distribution, Group, disclosed, distribution

CellKind = Literal["type_size", "type", "size", "region", "all"]
CELL_KINDS: tuple[CellKind, ...] = ("type_size", "type", "size", "region", "all")
Standing = Literal["below_q1", "q1_to_median", "median_to_q3", "above_q3"]


def quarter(day: date) -> str:
    """The coarse period stored with a contribution: ``2026-T4`` (T for *trimestre*)."""
    return f"{day.year}-T{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class PeerRecord:
    """One contribution as the statistics see it: bands, scores and stage, nothing else."""

    establishment_type: str
    size_band: str
    region_band: str
    questionnaire_id: str
    questionnaire_version: str
    period: str
    stage: str
    scores: Mapping[str, float]  # dimension id -> score (0-100), every dimension present


@dataclass(frozen=True)
class Pool:
    """The comparable contributions for one questionnaire: same id, same dimensions and stages."""

    questionnaire_id: str
    dimensions: tuple[str, ...]
    stages: tuple[str, ...]
    records: tuple[PeerRecord, ...]


def comparable_pool(
    records: Iterable[PeerRecord],
    questionnaire_id: str,
    dimensions: Sequence[str],
    stages: Sequence[str],
) -> Pool:
    """Keep the records of this questionnaire whose dimensions and stage the current one has."""
    wanted = set(dimensions)
    kept = tuple(
        r
        for r in records
        if r.questionnaire_id == questionnaire_id and set(r.scores) == wanted and r.stage in stages
    )
    return Pool(questionnaire_id, tuple(dimensions), tuple(stages), kept)


@dataclass(frozen=True)
class DimensionStat:
    dimension_id: str
    distribution: Distribution


@dataclass(frozen=True)
class Cell:
    """One published group of contributions.

    Attributes:
        kind: which column of the table it belongs to.
        establishment_type, size_band, region_band: what defines it ("" where not used).
        n: contributions in it (at least the threshold).
        dimensions: median and quartiles per dimension, in the questionnaire's order.
        stages: (stage id, count) in the questionnaire's order; a count of None is not published.
    """

    kind: CellKind
    establishment_type: str
    size_band: str
    region_band: str
    n: int
    dimensions: tuple[DimensionStat, ...]
    stages: tuple[tuple[str, int | None], ...]

    @property
    def key(self) -> str:
        return _key(self.kind, self.establishment_type, self.size_band, self.region_band)


@dataclass(frozen=True)
class TooSmall:
    """No panel: fewer than ``min_group`` peers, or hidden so that a smaller group stays hidden.

    ``suppressed`` is True in the second case: the group itself is large enough, but with the
    groups around it published it would give away a smaller one.
    """

    min_group: int
    suppressed: bool = False


PeerPanel = Cell


def _key(kind: str, etype: str, size: str, region: str) -> str:
    return f"{kind}|{etype}|{size}|{region}"


# What decides which cells a contribution belongs to: (type, size band, region band, stage).
Signature = tuple[tuple[str, str, str, str], ...]


def _signature(pool: Pool) -> Signature:
    return tuple((r.establishment_type, r.size_band, r.region_band, r.stage) for r in pool.records)


def _places(etype: str, size: str, region: str) -> tuple[tuple[CellKind, str], ...]:
    return (
        ("type_size", _key("type_size", etype, size, "")),
        ("type", _key("type", etype, "", "")),
        ("size", _key("size", "", size, "")),
        ("region", _key("region", "", "", region)),
        ("all", _key("all", "", "", "")),
    )


@functools.lru_cache(maxsize=8)
def _groups(signature: Signature) -> tuple[Mapping[str, Group], Mapping[str, Group]]:
    """Candidate cells and, for each, one group per stage (family ``<kind>|stage``)."""
    cells: dict[str, set[int]] = {}
    stages: dict[str, set[int]] = {}
    kinds: dict[str, str] = {}
    for index, (etype, size, region, stage) in enumerate(signature):
        for kind, key in _places(etype, size, region):
            kinds[key] = kind
            cells.setdefault(key, set()).add(index)
            stages.setdefault(f"{key}#{stage}", set()).add(index)
    cell_groups = {k: Group(k, frozenset(m), kinds[k]) for k, m in cells.items()}
    stage_groups = {
        k: Group(k, frozenset(m), kinds[k.split("#")[0]] + "|stage") for k, m in stages.items()
    }
    return cell_groups, stage_groups


@functools.lru_cache(maxsize=8)
def _published(signature: Signature, min_group: int) -> frozenset[str]:
    """Keys of the published cells and stage counts; cached, as every results page asks again
    and the answer changes only when a contribution is added, replaced or withdrawn."""
    return _disclose(*_groups(signature), min_group)


def _disclose(
    cells: Mapping[str, Group], stages: Mapping[str, Group], min_group: int
) -> frozenset[str]:
    """What may be published: the (type, size band) cells first, then the wider cells, then the
    stage counts of the published cells.

    :func:`disclosed` hides the inner of two nested groups. Left alone, one contribution of
    another type would hide every (type, size band) cell nested in the whole pool, and a cell
    whose contributions all sit at one stage would be hidden for the sake of a stage count. The
    peer panel is what establishments come for, so the wider group is hidden instead.
    """
    first = {k: g for k, g in cells.items() if g.family == "type_size"}
    wider = {k: g for k, g in cells.items() if g.family != "type_size"}
    shown_cells = _prefer(first, wider, min_group)
    kept = {k: g for k, g in cells.items() if k in shown_cells}
    counts = {k: g for k, g in stages.items() if k.split("#")[0] in shown_cells}
    return _prefer(kept, counts, min_group)


def _prefer(
    primary: dict[str, Group], secondary: dict[str, Group], min_group: int
) -> frozenset[str]:
    """Disclose both sets, hiding secondary groups rather than primary ones where possible.

    While a primary group publishable on its own is hidden, the secondary groups that strictly
    contain it leave the candidates, and :func:`disclosed` checks the rest again from scratch:
    whatever is dropped, the result is one :func:`disclosed` accepted.
    """
    preferred = disclosed(list(primary.values()), min_group)
    candidates = dict(secondary)
    while True:
        shown = disclosed([*primary.values(), *candidates.values()], min_group)
        lost = [primary[k] for k in preferred if k not in shown]
        blockers = {k for k, g in candidates.items() for c in lost if c.members < g.members}
        if not lost or not blockers:
            return shown
        for key in blockers:
            del candidates[key]


def _cell(
    pool: Pool, key: str, group: Group, shown: frozenset[str], stages: Mapping[str, Group]
) -> Cell:
    kind, etype, size, region = key.split("|")
    members = [pool.records[i] for i in sorted(m for m in group.members if isinstance(m, int))]
    dims = []
    for dimension in pool.dimensions:
        dist = distribution([r.scores[dimension] for r in members])
        assert dist is not None  # a published cell is never empty
        dims.append(DimensionStat(dimension, dist))
    counts: list[tuple[str, int | None]] = []
    for stage in pool.stages:
        sub = stages.get(f"{key}#{stage}")
        count = 0 if sub is None else sub.size
        published = count == 0 or (sub is not None and sub.key in shown)
        counts.append((stage, count if published else None))
    return Cell(_kind(kind), etype, size, region, group.size, tuple(dims), tuple(counts))


def _kind(text: str) -> CellKind:
    return next(k for k in CELL_KINDS if k == text)


def pool_cells(pool: Pool, min_group: int) -> tuple[Cell, ...]:
    """Every published cell of the pool, by kind (in :data:`CELL_KINDS` order) then by key."""
    signature = _signature(pool)
    cells, stages = _groups(signature)
    shown = _published(signature, min_group)
    order: dict[str, int] = {kind: i for i, kind in enumerate(CELL_KINDS)}
    keys = sorted((k for k in cells if k in shown), key=lambda k: (order[k.split("|")[0]], k))
    return tuple(_cell(pool, k, cells[k], shown, stages) for k in keys)


def peer_panel(
    pool: Pool, establishment_type: str, size_band: str, min_group: int
) -> PeerPanel | TooSmall:
    """The (type, size band) cell when the export publishes it too; else :class:`TooSmall`."""
    key = _key("type_size", establishment_type, size_band, "")
    signature = _signature(pool)
    cells, stages = _groups(signature)
    group = cells.get(key)
    if group is None or group.size < min_group:
        return TooSmall(min_group)
    shown = _published(signature, min_group)
    if key not in shown:
        return TooSmall(min_group, suppressed=True)
    return _cell(pool, key, group, shown, stages)


def standing(value: float, dist: Distribution) -> Standing:
    """Where a score stands against its peers' quartiles (a score on the median is above it)."""
    if value < dist.q1:
        return "below_q1"
    if value > dist.q3:
        return "above_q3"
    return "q1_to_median" if value < dist.median else "median_to_q3"
