"""Anonymity properties of the peer benchmark over random pools and thresholds 3–8 (Hypothesis).

The attacker reads every exported row (and every panel) and knows how cells nest (a type holds
its (type, size) cells). Group membership is recomputed here from the records and the cell's
definition, not taken from the code under test. Checked, for cells and stage counts alike:

* nothing published is a group of 1 to k - 1;
* no two published groups, one inside the other, differ by 1 to k - 1;
* no published group minus its published sub-groups of one column leaves 1 to k - 1;
* a panel is shown only for a cell the export publishes, with the same figures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.method.peer_stats import (
    Cell,
    PeerRecord,
    Pool,
    TooSmall,
    comparable_pool,
    peer_panel,
    pool_cells,
)
from diagnostic.outputs import peer_export

TYPES = ("ch", "chu", "ehpad")
SIZES = ("lt_100", "b100_299", "b300_799")
REGIONS = ("north_west", "south_east", "overseas", "unknown")
STAGES = ("initial", "emerging", "structured")
DIMS = ("governance", "data")

records = st.lists(
    st.builds(
        lambda t, s, r, g, gov, data: PeerRecord(
            t, s, r, "ia_sante", "1.0", "2026-T4", g, {"governance": gov, "data": data}
        ),
        st.sampled_from(TYPES),
        st.sampled_from(SIZES),
        st.sampled_from(REGIONS),
        st.sampled_from(STAGES),
        st.integers(0, 100).map(float),
        st.integers(0, 100).map(float),
    ),
    max_size=45,
)
thresholds = st.integers(3, 8)

Published = tuple[str, frozenset[int]]  # (column, members)


def members(pool: Pool, cell: Cell, stage: str | None = None) -> frozenset[int]:
    return frozenset(
        i
        for i, r in enumerate(pool.records)
        if cell.establishment_type in ("", r.establishment_type)
        and cell.size_band in ("", r.size_band)
        and cell.region_band in ("", r.region_band)
        and stage in (None, r.stage)
    )


def published(pool: Pool, cells: Sequence[Cell]) -> list[Published]:
    """Every published group, with its column; zero counts are not groups."""
    groups: list[Published] = []
    for cell in cells:
        whole = members(pool, cell)
        assert cell.n == len(whole)
        groups.append((cell.kind, whole))
        for stage, count in cell.stages:
            sub = members(pool, cell, stage)
            assert count is None or count == len(sub)
            if count:
                groups.append((f"{cell.kind}|stage", sub))
    return groups


def small(count: int, k: int) -> bool:
    return 0 < count < k


def assert_safe(groups: list[Published], k: int) -> None:
    for _, g in groups:
        assert not small(len(g), k)
    for _, outer in groups:
        inside = [(col, g) for col, g in groups if g < outer]
        for _, inner in inside:
            assert not small(len(outer - inner), k), "recoverable by subtracting two"
        for column in {col for col, _ in inside}:
            covered = frozenset().union(*(g for col, g in inside if col == column))
            assert not small(len(outer - covered), k), f"recoverable from column {column}"


@settings(max_examples=150, deadline=None)
@given(records, thresholds)
def test_no_published_group_is_small_or_recoverable(recs: list[PeerRecord], k: int) -> None:
    pool = comparable_pool(recs, "ia_sante", DIMS, STAGES)
    cells = pool_cells(pool, k)
    assert all(c.n >= k for c in cells)
    assert_safe(published(pool, cells), k)


@settings(max_examples=100, deadline=None)
@given(records, thresholds)
def test_panels_show_only_published_cells_and_never_a_small_group(
    recs: list[PeerRecord], k: int
) -> None:
    pool = comparable_pool(recs, "ia_sante", DIMS, STAGES)
    exported = {c.key: c for c in pool_cells(pool, k)}
    shown: list[Cell] = []
    for etype in TYPES:
        for size in SIZES:
            panel = peer_panel(pool, etype, size, k)
            if isinstance(panel, TooSmall):
                assert panel.min_group == k
                assert not hasattr(panel, "n")
                continue
            assert panel.n >= k and exported[panel.key] == panel
            shown.append(panel)
    # The panels together with the whole export: still nothing recoverable.
    assert_safe(published(pool, [*exported.values(), *shown]), k)


@settings(max_examples=60, deadline=None)
@given(records, thresholds)
def test_the_exported_file_holds_exactly_the_published_cells(
    recs: list[PeerRecord], k: int
) -> None:
    pool = comparable_pool(recs, "ia_sante", DIMS, STAGES)
    rows = list(csv.DictReader(io.StringIO(peer_export.pool_csv(pool, k).decode("utf-8"))))
    cells = pool_cells(pool, k)
    assert len(rows) == len(cells)
    for row, cell in zip(rows, cells, strict=True):
        assert int(row["n"]) == cell.n >= k
        for stage, count in cell.stages:
            value = row[f"stage_{stage}"]
            assert value == (peer_export.SECRET if count is None else str(count))
            assert value == peer_export.SECRET or int(value) == 0 or int(value) >= k
