"""Peer statistics: the peer group, the panel's figures, versions, stage counts, the export files."""

from __future__ import annotations

import csv
import io

import pytest

from diagnostic.method.disclosure import distribution
from diagnostic.method.peer_stats import (
    Cell,
    PeerRecord,
    Pool,
    TooSmall,
    comparable_pool,
    peer_panel,
    pool_cells,
    standing,
)
from diagnostic.outputs import peer_export

DIMS = ("governance", "data")
STAGES = ("initial", "emerging", "structured")


def rec(
    etype: str = "ch",
    size: str = "b300_799",
    region: str = "north_west",
    stage: str = "emerging",
    gov: float = 50.0,
    data: float = 40.0,
    version: str = "1.0",
) -> PeerRecord:
    return PeerRecord(
        etype,
        size,
        region,
        "ia_sante",
        version,
        "2026-T4",
        stage,
        {"governance": gov, "data": data},
    )


def pool(*records: PeerRecord) -> Pool:
    return comparable_pool(records, "ia_sante", DIMS, STAGES)


def test_the_panel_gives_median_quartiles_and_n_of_the_same_type_and_size() -> None:
    peers = [rec(gov=g) for g in (10, 20, 30, 40, 50)]
    others = [rec(etype="chu", gov=90) for _ in range(5)] + [
        rec(size="lt_100", gov=0) for _ in range(5)
    ]
    panel = peer_panel(pool(*peers, *others), "ch", "b300_799", 5)
    assert isinstance(panel, Cell) and panel.n == 5
    gov = panel.dimensions[0]
    assert gov.dimension_id == "governance"
    assert gov.distribution == distribution([10, 20, 30, 40, 50])
    assert (gov.distribution.q1, gov.distribution.median, gov.distribution.q3) == (20, 30, 40)


def test_four_peers_are_too_small_and_the_count_is_not_told() -> None:
    result = peer_panel(pool(*(rec() for _ in range(4))), "ch", "b300_799", 5)
    assert result == TooSmall(5, suppressed=False)
    assert "4" not in repr(result)


def test_another_questionnaire_or_other_dimensions_do_not_count() -> None:
    other_dims = PeerRecord(
        "ch", "b300_799", "unknown", "ia_sante", "0.9", "2026-T3", "emerging", {"governance": 1.0}
    )
    other_q = PeerRecord(
        "ch",
        "b300_799",
        "unknown",
        "autre",
        "1.0",
        "2026-T3",
        "emerging",
        {"governance": 1.0, "data": 1.0},
    )
    unknown_stage = rec(stage="legendary")
    same_dims_older = rec(version="0.9")
    kept = pool(other_dims, other_q, unknown_stage, same_dims_older, rec())
    assert kept.records == (same_dims_older, rec())


def test_complementary_suppression_hides_the_wider_cell_a_small_sibling_would_be_read_from() -> (
    None
):
    # Type ch: 5 of one size, 1 of another. The type total (6) minus the size cell (5) would
    # give the single other one away: the type cell (and the whole pool) is hidden, the peer
    # panel's cell is kept.
    records = [rec() for _ in range(5)] + [rec(size="lt_100", region="south_east")]
    cells = {c.key for c in pool_cells(pool(*records), 5)}
    assert "type_size|ch|b300_799|" in cells
    assert "type|ch||" not in cells and "all|||" not in cells
    panel = peer_panel(pool(*records), "ch", "b300_799", 5)
    assert isinstance(panel, Cell) and panel.n == 5


def test_one_contribution_of_another_type_does_not_hide_the_panel() -> None:
    records = [rec() for _ in range(5)] + [rec(etype="chu")]
    panel = peer_panel(pool(*records), "ch", "b300_799", 5)
    assert isinstance(panel, Cell) and panel.n == 5
    assert "all|||" not in {c.key for c in pool_cells(pool(*records), 5)}


def test_stage_counts_under_the_threshold_are_not_published() -> None:
    records = [rec(stage="emerging") for _ in range(6)] + [rec(stage="initial")]
    panel = peer_panel(pool(*records), "ch", "b300_799", 5)
    assert isinstance(panel, Cell) and panel.n == 7
    counts = dict(panel.stages)
    # 1 is too small, and 6 would give it away (7 - 6): both hidden; 0 is published.
    assert counts == {"initial": None, "emerging": None, "structured": 0}
    homogeneous = peer_panel(pool(*(rec() for _ in range(5))), "ch", "b300_799", 5)
    assert isinstance(homogeneous, Cell) and dict(homogeneous.stages)["emerging"] == 5


def test_a_stage_count_is_hidden_rather_than_the_cell() -> None:
    # All five (ch, 300-799) are "emerging", and so is one ch of another size: the count of
    # emerging ch (6) contains the cell with a difference of one. Hiding that count suffices.
    records = [rec() for _ in range(5)] + [rec(size="lt_100")]
    records += [rec(size="lt_100", stage="structured") for _ in range(5)]
    panel = peer_panel(pool(*records), "ch", "b300_799", 5)
    assert isinstance(panel, Cell) and panel.n == 5
    ch = next(c for c in pool_cells(pool(*records), 5) if c.key == "type|ch||")
    assert dict(ch.stages)["emerging"] is None and ch.n == 11


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10, "below_q1"),
        (20, "q1_to_median"),
        (29, "q1_to_median"),
        (30, "median_to_q3"),
        (40, "median_to_q3"),
        (41, "above_q3"),
    ],
)
def test_standing(value: float, expected: str) -> None:
    dist = distribution([10, 20, 30, 40, 50])
    assert dist is not None and standing(value, dist) == expected


def test_export_has_one_row_per_published_cell_and_a_dictionary_for_every_column(
    questionnaire,
) -> None:
    dims = tuple(d.id for d in questionnaire.dimensions)
    stages = tuple(s.id for s in questionnaire.stages)
    records = [
        PeerRecord(
            "ch",
            "b300_799",
            "north_west",
            "ia_sante",
            "1.0",
            "2026-T4",
            "emerging",
            dict.fromkeys(dims, 30.0 + i),
        )
        for i in range(6)
    ]
    p = comparable_pool(records, "ia_sante", dims, stages)
    rows = list(csv.DictReader(io.StringIO(peer_export.pool_csv(p, 5).decode("utf-8"))))
    assert {r["kind"] for r in rows} == {"type_size", "type", "size", "region", "all"}
    assert all(r["n"] == "6" for r in rows)
    assert rows[0]["governance_median"] == "32.5" and rows[0]["stage_emerging"] == "6"
    dictionary = list(
        csv.DictReader(
            io.StringIO(peer_export.dictionary_csv(questionnaire, p, 5, "fr").decode("utf-8"))
        )
    )
    described = [d["column"] for d in dictionary]
    assert described[0] == "(file)" and "baromètre national" in dictionary[0]["description"]
    assert described[1:] == peer_export.columns(p)
    assert all(d["description"] for d in dictionary)
    english = peer_export.dictionary_csv(questionnaire, p, 5, "en").decode("utf-8")
    assert "national barometer" in english and "at least 5" in english
