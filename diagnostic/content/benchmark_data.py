"""Content models for benchmarks: indicator editions (``benchmarks/``) and the question mapping.

Indicators carry their provenance because a director will be asked "where does this figure come
from?" in front of the board: value, unit, population, sample size, period, reference, provenance
tag and caveat travel together everywhere a figure is shown.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from diagnostic.content.models_base import Frozen, Id, LevelValue, Text

Provenance = Literal["colloquium_only", "colloquium_confirmed", "other_source"]


class Indicator(Frozen):
    """One published figure (a measure) or a target stated by a public body."""

    id: Id
    kind: Literal["measure", "target"] = "measure"
    label: Text = Field(description="what the figure counts, in words")
    value: float
    unit: Literal["percent", "count"]
    population: Text
    sample_size: int | None = Field(default=None, gt=0)
    period: str = Field(description="fieldwork or publication date, e.g. 2025-06/2025-09")
    reference: Id
    provenance: Provenance
    caveat: Text | None = None
    author: str | None = Field(default=None, description="who states the target (targets only)")

    @model_validator(mode="after")
    def _targets_have_authors(self) -> Indicator:
        if self.kind == "target" and not self.author:
            raise ValueError("a target needs its author (the body that states it)")
        if self.unit == "percent" and not 0 <= self.value <= 100:
            raise ValueError("a percentage is between 0 and 100")
        return self


class EditionFile(Frozen):
    """``benchmarks/<edition>/indicators.yaml``: one edition of the reference figures."""

    edition: str = Field(pattern=r"^\d{4}(-\d{2})?$")
    title: Text
    published: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class ShareRange(Frozen):
    level: LevelValue
    low: float = Field(ge=0, le=100)
    high: float = Field(ge=0, le=100)


class Comparison(Frozen):
    """How one question's answer is compared with one indicator.

    Methods:
        share_range: the answer levels stand for ranges of a percentage (``ranges``); the position
            says whether the declared range lies above, around or below the indicator's value.
        practice_share: the indicator is the share of establishments with a practice; the answer
            "has it" from ``practice_level``; having what most lack is above, lacking what most
            have is below.
        context: shown side by side, no position (the two do not measure the same thing).
    """

    question: Id
    indicator: Id
    method: Literal["share_range", "practice_share", "context"]
    establishment_label: Text = Field(description="what the establishment's side is, in words")
    ranges: tuple[ShareRange, ...] = ()
    practice_level: int | None = Field(default=None, ge=1, le=4)
    note: Text | None = Field(default=None, description="what the comparison does not say")

    @model_validator(mode="after")
    def _method_arguments(self) -> Comparison:
        if self.method == "share_range" and len(self.ranges) != 5:
            raise ValueError("share_range needs five ranges, one per level")
        if self.method == "practice_share" and self.practice_level is None:
            raise ValueError("practice_share needs practice_level")
        return self


class BenchmarkMapFile(Frozen):
    """``benchmark_map.yaml``: which question is compared with which indicator, and how."""

    comparisons: tuple[Comparison, ...] = Field(min_length=1)
