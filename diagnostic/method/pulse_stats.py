"""Shares of the staff pulse survey, overall and per role family, for disclosed groups only.

Every answer answers every item (the participant screen asks for all of them), so one set of
groups serves every item: the whole pulse and one group per role family, the role families being
one column under the total. :func:`diagnostic.method.disclosure.disclosed` decides which may be
shown — at least ``min_group`` answers each, and no hidden family recoverable by subtracting the
shown ones from the total. A hidden group's figures are never computed, so no screen or export can
show them by mistake.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diagnostic.content.pulse_models import ROLE_ITEM, PulseFile, PulseItem
from diagnostic.errors import ByLanguage, InputError
from diagnostic.method.disclosure import Group, disclosed

TOTAL = "all"
ROLE_FAMILY = "role"
Choice = str | tuple[str, ...]


@dataclass(frozen=True)
class PulseAnswer:
    """One stored answer: its random row id (a member id for the disclosure checks) and choices."""

    key: str
    role_family: str
    answers: Mapping[str, Choice]


@dataclass(frozen=True)
class GroupResult:
    """A disclosed group: its size and, per item, the percentage choosing each option."""

    key: str
    n: int
    shares: Mapping[str, Mapping[str, float]]
    # (item id, options counted) → percentage choosing any of them, for every comparison's counts
    counted: Mapping[tuple[str, tuple[str, ...]], float]


@dataclass(frozen=True)
class PulseResults:
    """What may be shown: the total answer count, the disclosed groups, the hidden group keys."""

    n: int
    min_group: int
    groups: Mapping[str, GroupResult]
    hidden: tuple[str, ...]

    @property
    def overall(self) -> GroupResult | None:
        return self.groups.get(TOTAL)

    def share_of(self, item_id: str, options: Sequence[str], group: str = TOTAL) -> float | None:
        """Percentage choosing any of ``options``, or None when the group is not disclosed."""
        found = self.groups.get(group)
        return None if found is None else found.counted.get((item_id, tuple(options)))


def _as_tuple(value: Choice | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def clean_answers(pulse: PulseFile, raw: Mapping[str, object]) -> dict[str, Choice]:
    """The answers as stored, or InputError naming the first item missing or malformed.

    Every item must be answered; a multi-choice item takes between one and ``max_choices``
    distinct options. Unknown keys are refused rather than stored: nothing but the items is kept.
    """
    unknown = sorted(set(raw) - {i.id for i in pulse.items})
    if unknown:
        raise InputError("pulse.unknown_item", {"item": unknown[0]})
    clean: dict[str, Choice] = {}
    for item in pulse.items:
        clean[item.id] = _clean_item(item, raw.get(item.id))
    return clean


def _clean_item(item: PulseItem, value: object) -> Choice:
    options = [o.id for o in item.options]
    text = ByLanguage({k: v for k, v in item.text.model_dump().items() if v})
    if item.kind == "single":
        if not isinstance(value, str) or value not in options:
            raise InputError("pulse.answer_missing", {"question": text})
        return value
    chosen = tuple(v for v in options if isinstance(value, list | tuple) and v in value)
    if not chosen or not isinstance(value, list | tuple) or len(set(value)) != len(chosen):
        raise InputError("pulse.answer_missing", {"question": text})
    if item.max_choices is not None and len(chosen) > item.max_choices:
        raise InputError("pulse.too_many", {"question": text, "max": item.max_choices})
    return chosen


def results(pulse: PulseFile, answers: Sequence[PulseAnswer], min_group: int) -> PulseResults:
    """Shares per item for the disclosed groups (total, then role families as one column)."""
    roles = [o.id for o in pulse.item(ROLE_ITEM).options]
    groups = [Group(TOTAL, frozenset(a.key for a in answers))]
    for role in roles:
        members = frozenset(a.key for a in answers if a.role_family == role)
        groups.append(Group(role, members, ROLE_FAMILY))
    shown = disclosed(groups, min_group)
    out: dict[str, GroupResult] = {}
    for group in groups:
        if group.key not in shown:
            continue
        rows = [a for a in answers if group.key in (TOTAL, a.role_family)]
        out[group.key] = GroupResult(
            group.key, len(rows), _shares(pulse, rows), _counted(pulse, rows)
        )
    hidden = tuple(g.key for g in groups if g.key not in shown)
    return PulseResults(len(answers), min_group, out, hidden)


def _shares(pulse: PulseFile, members: Sequence[PulseAnswer]) -> dict[str, dict[str, float]]:
    shares: dict[str, dict[str, float]] = {}
    for item in pulse.questions:
        counts = {o.id: 0 for o in item.options}
        for a in members:
            for choice in _as_tuple(a.answers.get(item.id)):
                counts[choice] = counts.get(choice, 0) + 1
        shares[item.id] = {k: 100.0 * v / len(members) for k, v in counts.items()}
    return shares


def _counted(
    pulse: PulseFile, members: Sequence[PulseAnswer]
) -> dict[tuple[str, tuple[str, ...]], float]:
    out: dict[tuple[str, tuple[str, ...]], float] = {}
    for item in pulse.questions:
        for link in (item.barometer, item.management):
            if link is None:
                continue
            hits = sum(
                1 for a in members if set(_as_tuple(a.answers.get(item.id))) & set(link.counts)
            )
            out[(item.id, tuple(link.counts))] = 100.0 * hits / len(members)
    return out
