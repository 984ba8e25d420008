"""Small-group control: the properties every screen and export of peers and pulses relies on."""

from __future__ import annotations

import statistics
from collections.abc import Hashable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.method.disclosure import (
    Distribution,
    Group,
    configured_min_group,
    disclosed,
    distribution,
)

TYPES = ("ch", "chu", "ehpad", "clinic")
SIZES = ("lt_100", "b100_299", "b300_799")


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[Group], int]:
    """A population with a type and a size band each, and the groups a table of it would show."""
    people = draw(st.lists(st.tuples(st.sampled_from(TYPES), st.sampled_from(SIZES)), max_size=60))
    min_group = draw(st.integers(3, 8))
    ids = list(range(len(people)))

    def members(pred: object) -> frozenset[Hashable]:
        return frozenset(i for i in ids if pred(people[i]))  # type: ignore[operator]

    groups = [Group("all", frozenset(ids), "total")]
    groups += [Group(f"t:{t}", members(lambda p, t=t: p[0] == t), "type") for t in TYPES]
    groups += [Group(f"s:{s}", members(lambda p, s=s: p[1] == s), "size") for s in SIZES]
    groups += [
        Group(f"ts:{t}:{s}", members(lambda p, t=t, s=s: p == (t, s)), f"size_in:{t}")
        for t in TYPES
        for s in SIZES
    ]
    return draw(st.permutations(groups)), min_group


def _check(groups: list[Group], min_group: int, shown_keys: frozenset[str]) -> None:
    shown = [g for g in groups if g.key in shown_keys]
    for g in shown:
        assert g.size >= min_group, g
    for a in shown:
        for b in shown:
            if b.members < a.members:
                assert not 0 < len(a.members - b.members) < min_group, (a.key, b.key)
        inside = [g for g in shown if g.members < a.members]
        for family in {g.family for g in inside}:
            covered = set().union(*(g.members for g in inside if g.family == family))
            left = len(a.members - covered)
            assert not 0 < left < min_group, (a.key, family, left)


@settings(max_examples=400, deadline=None)
@given(tables())
def test_no_shown_group_is_small_or_recoverable_by_subtraction(
    table: tuple[list[Group], int],
) -> None:
    groups, min_group = table
    _check(groups, min_group, disclosed(groups, min_group))


@settings(max_examples=200, deadline=None)
@given(tables())
def test_the_result_does_not_depend_on_the_order_groups_come_in(
    table: tuple[list[Group], int],
) -> None:
    groups, min_group = table
    assert disclosed(groups, min_group) == disclosed(list(reversed(groups)), min_group)


def test_a_large_enough_group_alone_is_shown_and_a_small_one_is_not() -> None:
    assert disclosed([Group("a", frozenset(range(5)))], 5) == {"a"}
    assert disclosed([Group("a", frozenset(range(4)))], 5) == frozenset()


def test_a_sub_group_that_leaves_two_members_out_is_hidden_with_its_reason() -> None:
    total = Group("all", frozenset(range(7)), "total")
    big = Group("ch", frozenset(range(5)), "type")
    rest = Group("ehpad", frozenset({5, 6}), "type")
    # Showing 7 and 5 would tell anyone that the two others form a group of two.
    assert disclosed([total, big, rest], 5) == {"all"}
    # With three more establishments in the other group, both sub-groups are safe.
    rest = Group("ehpad", frozenset(range(5, 10)), "type")
    total = Group("all", frozenset(range(10)), "total")
    assert disclosed([total, big, rest], 5) == {"all", "ch", "ehpad"}


def test_the_setting_has_a_default_and_a_floor() -> None:
    assert configured_min_group({}) == 5
    assert configured_min_group({"DIAGNOSTIC_MIN_GROUP": "7"}) == 7
    assert configured_min_group({"DIAGNOSTIC_MIN_GROUP": "3"}) == 3
    with pytest.raises(ValueError, match="at least 3"):
        configured_min_group({"DIAGNOSTIC_MIN_GROUP": "2"})
    with pytest.raises(ValueError, match="whole number"):
        configured_min_group({"DIAGNOSTIC_MIN_GROUP": "cinq"})
    with pytest.raises(ValueError):
        disclosed([], 2)


@given(st.lists(st.floats(0, 100), min_size=1, max_size=40))
def test_quartiles_lie_within_the_values_and_the_median_is_the_median(values: list[float]) -> None:
    d = distribution(values)
    assert isinstance(d, Distribution) and d.n == len(values)
    assert min(values) <= d.q1 <= d.median <= d.q3 <= max(values)
    assert d.median == pytest.approx(statistics.median(values))
    assert distribution([]) is None
