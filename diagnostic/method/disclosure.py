"""Which groups of a table may be shown without exposing a small group (statistical disclosure).

Peer benchmarks and staff pulse surveys publish figures about groups of establishments or of
people. Two rules keep a small group from being read off them:

* **Threshold.** A group is shown only when it has at least ``min_group`` members (setting
  ``DIAGNOSTIC_MIN_GROUP``, 5 by default, never below :data:`FLOOR`).
* **Complementary suppression.** Showing a group and a larger one that contains it reveals their
  difference. So for every two shown groups ``B ⊂ A`` the difference ``A \\ B`` must be empty or
  hold at least ``min_group`` members; and for every shown group and every family of groups
  (a column of a table: "by role", "by size band"), what its shown sub-groups of that family
  leave out must be empty or hold at least ``min_group`` members. When a rule is broken the
  smallest shown sub-group in the way is hidden too, and the checks run again until none is.

Counts of members are what the rules look at, not the figures shown: a median of the difference
of two groups cannot always be computed, but a count can, and a count of one or two people is
already too much to give away.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_MIN_GROUP = 5
FLOOR = 3  # below three, two members who compare notes learn the third's answer
SETTING = "DIAGNOSTIC_MIN_GROUP"


def checked_min_group(value: int) -> int:
    """``value`` when it is an allowed minimum group size; ValueError otherwise."""
    if value < FLOOR:
        raise ValueError(f"{SETTING} must be at least {FLOOR} (got {value})")
    return value


def configured_min_group(environ: Mapping[str, str] | None = None) -> int:
    """The minimum group size of this server: ``DIAGNOSTIC_MIN_GROUP`` or 5, never below 3.

    A value that is not a whole number, or is below the floor, is an operator error: it raises
    ValueError naming the setting, rather than silently publishing smaller groups.
    """
    raw = (os.environ if environ is None else environ).get(SETTING, "").strip()
    if not raw:
        return DEFAULT_MIN_GROUP
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{SETTING} must be a whole number (got {raw!r})") from None
    return checked_min_group(value)


@dataclass(frozen=True)
class Group:
    """A candidate group: its members (any ids) and the family (table column) it belongs to."""

    key: str
    members: frozenset[Hashable]
    family: str = ""

    @property
    def size(self) -> int:
        return len(self.members)


def disclosed(groups: Sequence[Group], min_group: int) -> frozenset[str]:
    """Keys of the groups that may be shown together (threshold and complementary suppression).

    Args:
        groups: every group the screen or export would show, totals included. Keys are unique.
        min_group: the minimum group size (already checked against the floor).

    Returns:
        The keys that may be shown. Every other group is shown as "too small to be shown".
    """
    checked_min_group(min_group)
    shown = {g.key: g for g in groups if g.size >= min_group}
    while breach := _first_breach(list(shown.values()), min_group):
        del shown[breach]
    return frozenset(shown)


def _small(count: int, min_group: int) -> bool:
    return 0 < count < min_group


def _first_breach(shown: list[Group], min_group: int) -> str | None:
    """The key of a shown group to hide next, or None when the shown set is safe."""
    by_size = sorted(shown, key=lambda g: (g.size, g.key))
    for outer in reversed(by_size):  # a fixed order: the result does not depend on the input's
        inside = [g for g in by_size if g.key != outer.key and g.members < outer.members]
        for inner in inside:
            if _small(len(outer.members - inner.members), min_group):
                return inner.key
        for family in sorted({g.family for g in inside}):
            members = [g for g in inside if g.family == family]
            covered: set[Hashable] = set().union(*(g.members for g in members))
            if _small(len(outer.members - covered), min_group):
                return members[0].key  # the smallest of the family
    return None


@dataclass(frozen=True)
class Distribution:
    """Median and quartiles of a group's values, with its size."""

    n: int
    q1: float
    median: float
    q3: float


def distribution(values: Sequence[float]) -> Distribution | None:
    """Quartiles by the inclusive method (``statistics.quantiles``); None for no value.

    The inclusive method treats the values as the whole population (the group itself, not a
    sample of a larger one), so a group's quartiles always lie between its lowest and highest
    value and need no sampling assumption.
    """
    data = sorted(float(v) for v in values)
    if not data:
        return None
    if len(data) == 1:
        return Distribution(1, data[0], data[0], data[0])
    q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return Distribution(len(data), q1, median, q3)
