"""Content model of the staff pulse survey (``pulse.yaml``): items, comparisons, gap thresholds.

The pulse asks staff a few questions that follow the national barometer's, so that each answer can
be set beside two things: the barometer's figure for the same question (when the item truly
measures the same thing) and the management's answer to the matching diagnostic question (when a
management level says what share of staff one should then find). Everything the comparison rests
on — which options count, which levels mean which expected share, how many points make a gap —
is written here, in the open, rather than in code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from diagnostic.content.benchmark_data import ShareRange
from diagnostic.content.models_base import Frozen, Id, Text

ROLE_ITEM = "role_family"


class PulseOption(Frozen):
    id: Id
    label: Text


class BarometerLink(Frozen):
    """The barometer indicator an item is set beside, and which options count toward it.

    ``same``: the item asks what the indicator measured, so the two shares are compared.
    ``context``: shown side by side with ``note``, no comparison (a neighbouring question).
    """

    indicator: Id
    method: Literal["same", "context"]
    counts: tuple[Id, ...] = Field(min_length=1)
    note: Text | None = None

    @model_validator(mode="after")
    def _context_needs_a_note(self) -> BarometerLink:
        if self.method == "context" and self.note is None:
            raise ValueError("a context comparison needs a note saying why it is not compared")
        return self


class ManagementLink(Frozen):
    """The diagnostic question an item is set beside and how its level becomes an expected share.

    ``expected``: the answer levels that imply a share of staff (``ranges``; a level without a
    range implies nothing, the two are then shown side by side). When ``ranges`` is empty the
    ``share_range`` of ``benchmark_map.yaml`` for the same question is used. ``concern`` says which
    side of the expected range is a gap worth a finding: ``below`` (fewer staff than declared,
    e.g. trained) or ``above`` (more staff than expected, e.g. never heard of the charter).
    ``context``: shown side by side with ``note``.
    """

    question: Id
    method: Literal["expected", "context"]
    counts: tuple[Id, ...] = Field(min_length=1)
    ranges: tuple[ShareRange, ...] = ()
    concern: Literal["below", "above"] = "below"
    gap_threshold: float | None = Field(
        default=None, ge=1, le=100, description="points outside the expected range for a finding"
    )
    finding: Text | None = Field(
        default=None,
        description="the finding, with {declared}, {staff}, {expected} and {gap} filled in",
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _method_arguments(self) -> ManagementLink:
        if self.method == "expected" and (self.gap_threshold is None or self.finding is None):
            raise ValueError("an expected comparison needs gap_threshold and finding")
        if self.method == "context" and self.note is None:
            raise ValueError("a context comparison needs a note saying why it is not compared")
        for r in self.ranges:
            if r.low > r.high:
                raise ValueError(f"range of level {r.level}: low is above high")
        return self


class PulseItem(Frozen):
    """One question of the pulse: wording, options and what it is set beside."""

    id: Id
    text: Text
    kind: Literal["single", "multi"]
    max_choices: int | None = Field(default=None, ge=1, le=10)
    options: tuple[PulseOption, ...] = Field(min_length=2, max_length=10)
    short: Text = Field(description="a short label for tables and the PDF")
    barometer: BarometerLink | None = None
    management: ManagementLink | None = None


class PulseFile(Frozen):
    """``pulse.yaml``: the pulse survey's items (role family included) and their comparisons."""

    title: Text
    intro: Text = Field(description="what the participant reads first: anonymous, 2 minutes")
    items: tuple[PulseItem, ...] = Field(min_length=3, max_length=9)

    @model_validator(mode="after")
    def _role_family_is_there(self) -> PulseFile:
        role = next((i for i in self.items if i.id == ROLE_ITEM), None)
        if role is None or role.kind != "single" or role.barometer or role.management:
            raise ValueError(f'a single-choice item "{ROLE_ITEM}" with no comparison is needed')
        return self

    def item(self, item_id: str) -> PulseItem:
        return next(i for i in self.items if i.id == item_id)

    @property
    def questions(self) -> tuple[PulseItem, ...]:
        """The items other than the role family."""
        return tuple(i for i in self.items if i.id != ROLE_ITEM)


def gap_items(pulse: PulseFile | None) -> list[str]:
    """Ids of the items whose management comparison can yield a gap (what rules may name)."""
    if pulse is None:
        return []
    return [i.id for i in pulse.items if i.management and i.management.method == "expected"]
