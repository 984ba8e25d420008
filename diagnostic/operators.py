"""The condition vocabulary: one model per operator, each with a single key.

A condition reads as plain YAML, for example
``when: {profile_in: {field: establishment_type, values: [ehpad]}}``. Evaluation and explanations
live in :mod:`diagnostic.conditions` (an operator table); the cross-checks in
:mod:`diagnostic.crosscheck` make sure every id a condition names exists.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from diagnostic.models_base import Frozen, Id, LevelValue

AnswerToken = Literal["dont_know", "not_applicable", "unanswered"]


class ProfileInArgs(Frozen):
    field: Id
    values: tuple[Id, ...] = Field(min_length=1)


class ProfileIn(Frozen):
    """True when the profile field's value (or, for a checklist, any ticked value) is listed."""

    profile_in: ProfileInArgs


class ToolInUse(Frozen):
    """True when any of these tools is ticked in the profile's checklist of AI tools in use."""

    tool_in_use: tuple[Id, ...] = Field(min_length=1)


class AnswerLevelArgs(Frozen):
    question: Id
    level: LevelValue


class AnswerAtMost(Frozen):
    """True when the question was answered with a level at most this one ("don't know" counts 0)."""

    answer_at_most: AnswerLevelArgs


class AnswerAtLeast(Frozen):
    """True when the question was answered with a level at least this one."""

    answer_at_least: AnswerLevelArgs


class AnswerInArgs(Frozen):
    question: Id
    values: tuple[LevelValue | AnswerToken, ...] = Field(min_length=1)


class AnswerIn(Frozen):
    """True when the answer is one of the listed levels or tokens (``unanswered`` included)."""

    answer_in: AnswerInArgs


class DimensionScoreArgs(Frozen):
    dimension: Id
    score: float = Field(ge=0, le=100)


class DimensionScoreBelow(Frozen):
    """True when the dimension is scored and its score is strictly below the threshold."""

    dimension_score_below: DimensionScoreArgs


class RedFlagRaised(Frozen):
    """True when the named red flag is raised."""

    red_flag: Id


class GapArgs(Frozen):
    dimension: Id
    gap: float = Field(ge=0, le=100)


class GapToTargetAbove(Frozen):
    """True when the dimension's score is more than ``gap`` points below its typology target."""

    gap_to_target_above: GapArgs


class AllOf(Frozen):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(Frozen):
    any: tuple[Condition, ...] = Field(min_length=1)


class NotOf(Frozen):
    model_config = ConfigDict(populate_by_name=True)
    not_: Condition = Field(alias="not")


def _operator(value: object) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    if isinstance(value, BaseModel):
        fields = [name for name in type(value).model_fields if getattr(value, name) is not None]
        return "not" if fields == ["not_"] else (fields[0] if fields else None)
    return None


Condition = Annotated[
    Union[  # noqa: UP007 - pydantic needs the explicit Union for tagged members
        Annotated[ProfileIn, Tag("profile_in")],
        Annotated[ToolInUse, Tag("tool_in_use")],
        Annotated[AnswerAtMost, Tag("answer_at_most")],
        Annotated[AnswerAtLeast, Tag("answer_at_least")],
        Annotated[AnswerIn, Tag("answer_in")],
        Annotated[DimensionScoreBelow, Tag("dimension_score_below")],
        Annotated[RedFlagRaised, Tag("red_flag")],
        Annotated[GapToTargetAbove, Tag("gap_to_target_above")],
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[NotOf, Tag("not")],
    ],
    Discriminator(_operator),
]
OPERATORS: tuple[str, ...] = (
    "profile_in",
    "tool_in_use",
    "answer_at_most",
    "answer_at_least",
    "answer_in",
    "dimension_score_below",
    "red_flag",
    "gap_to_target_above",
    "all",
    "any",
    "not",
)
PROFILE_OPERATORS = frozenset({"profile_in", "tool_in_use", "all", "any", "not"})

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
