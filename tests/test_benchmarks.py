"""Benchmark editions and comparisons: positions, wording with source and n, editions by folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diagnostic.content.loader import ContentError
from diagnostic.method import benchmarks
from diagnostic.method.answers import Answers
from diagnostic.method.scoring import score
from diagnostic.outputs.wording import benchmark_sentence

MINI_BENCH = Path(__file__).resolve().parent / "fixtures" / "mini_benchmarks"


def comparisons(mini, answers, profile=None, edition=None, root=MINI_BENCH):
    a = Answers("mini", "1.0", profile or {"establishment_type": "ch"}, answers)
    editions = benchmarks.load_editions(root)
    return benchmarks.compare(mini, a, score(mini, a), editions, edition)


@pytest.mark.parametrize(
    ("level", "position"),
    [(0, "below"), (1, "level"), (2, "above"), (4, "above")],
    ids=["0-1%-below-6%", "1-10%-around-6%", "10-30%-above-6%", "over-60%-above"],
)
def test_share_range_position(mini, level, position) -> None:
    [ic] = [
        c
        for c in comparisons(mini, {"alpha.one": level}, edition="2025").indicators
        if c.question_id == "alpha.one"
    ]
    assert ic.position == position


@pytest.mark.parametrize(
    ("level", "position"),
    [(3, "above"), (4, "above"), (2, "level"), (0, "level")],
    ids=["has-it-while-48%-do", "has-it-4", "lacks-it-like-52%", "lacks-it-0"],
)
def test_practice_share_position(mini, level, position) -> None:
    [ic] = [
        c
        for c in comparisons(mini, {"beta.one": level}, edition="2025").indicators
        if c.question_id == "beta.one"
    ]
    assert ic.position == position


def test_context_and_unknown_answers_have_no_position(mini) -> None:
    result = comparisons(mini, {"alpha.two": 4, "alpha.one": "dont_know"}, edition="2025")
    positions = {c.question_id: c.position for c in result.indicators}
    assert positions == {"alpha.one": None, "beta.one": None, "alpha.two": None}


def test_sentence_says_what_is_compared_with_source_n_and_period(mini) -> None:
    [ic] = [
        c
        for c in comparisons(mini, {"alpha.one": 3}, edition="2025").indicators
        if c.question_id == "alpha.one"
    ]
    assert benchmark_sentence(mini, ic, "fr") == (
        "votre part déclarée : 30-60 % — agents formés, agents : 6\u202f%, n = 1\u202f051 "
        "(2025-06/2025-09) ; source : Émetteur"
    )
    assert benchmark_sentence(mini, ic, "en") == (
        "your declared share: 30-60 % — staff trained, staff: 6%, n = 1,051 (2025-06/2025-09); "
        "source: Émetteur"
    )


def test_latest_edition_is_the_default_and_others_can_be_chosen(mini) -> None:
    latest = comparisons(mini, {"alpha.one": 3})
    assert latest.edition == "2026"
    assert [(c.indicator.id, c.indicator.value, c.position) for c in latest.indicators] == [
        ("trained", 45, "level")
    ]
    older = comparisons(mini, {"alpha.one": 3}, edition="2025")
    assert older.edition == "2025" and len(older.indicators) == 3
    assert [t.author for t in older.targets] == ["FHF"]


def test_dimension_comparison_with_targets(mini) -> None:
    result = comparisons(
        mini, {"alpha.one": 4, "beta.one": 0}, profile={"establishment_type": "ehpad"}
    )
    dims = {d.dimension_id: (d.score, d.target, d.gap, d.position) for d in result.dimensions}
    assert dims == {"alpha": (100.0, 50.0, -50.0, "above"), "beta": (0.0, 30.0, 30.0, "below")}


def test_new_edition_is_a_folder_dropped_in(mini, tmp_path: Path) -> None:
    root = tmp_path / "benchmarks"
    shutil.copytree(MINI_BENCH, root)
    (root / "2027").mkdir()
    (root / "2027" / "indicators.yaml").write_text(
        (MINI_BENCH / "2026" / "indicators.yaml")
        .read_text("utf-8")
        .replace('"2026"', '"2027"')
        .replace("value: 45", "value: 70"),
        "utf-8",
    )
    result = comparisons(mini, {"alpha.one": 3}, root=root)
    assert result.edition == "2027"
    assert result.indicators[0].position == "below"


def test_indicator_without_source_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "benchmarks"
    shutil.copytree(MINI_BENCH, root)
    file = root / "2026" / "indicators.yaml"
    file.write_text(file.read_text("utf-8").replace(", reference: ref_a", ""), "utf-8")
    with pytest.raises(ContentError) as caught:
        benchmarks.load_editions(root)
    assert 'missing key "reference"' in str(caught.value)


def test_edition_checks_name_unknown_references_and_indicators(mini, tmp_path: Path) -> None:
    root = tmp_path / "benchmarks"
    shutil.copytree(MINI_BENCH, root)
    file = root / "2025" / "indicators.yaml"
    file.write_text(
        file.read_text("utf-8")
        .replace("id: with_lead", "id: with_leed")
        .replace(
            "reference: ref_a, provenance: other_source}",
            "reference: ref_b, provenance: other_source}",
            1,
        ),
        "utf-8",
    )
    problems = [str(p) for p in benchmarks.check_editions(mini, benchmarks.load_editions(root))]
    assert any(
        'reference "ref_b" does not exist' in p and 'did you mean "ref_a"?' in p for p in problems
    )
    assert any(
        'indicator "with_lead" does not exist' in p and 'did you mean "with_leed"?' in p
        for p in problems
    )
