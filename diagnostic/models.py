"""The questionnaire as typed, frozen objects: one model per kind of content file.

Each YAML file in a questionnaire directory is validated into one of the ``*File`` models below
(``extra="forbid"`` so a misspelt key is an error, ``frozen`` so nothing downstream can change the
content). Cross-file checks (ids exist, ids unique) live in :mod:`diagnostic.content`. The JSON
Schema shipped in ``questionnaires/schema/`` is generated from these models.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$",
        max_length=80,
        description="lower-case identifier, words joined by _ and namespaces by a dot",
    ),
]
LevelValue = Annotated[int, Field(ge=0, le=4)]
AnswerToken = Literal["dont_know", "not_applicable", "unanswered"]

# Profile questions the code relies on (the cross-checks make sure they exist).
PROFILE_TYPE_FIELD = "establishment_type"
PROFILE_TOOLS_FIELD = "ai_tools"


class Frozen(BaseModel):
    """Base for content: immutable, strict about unknown keys, no NaN or infinity."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Text(Frozen):
    """A user-facing sentence in French (always) and English (required for shipped content)."""

    fr: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)

    def get(self, lang: str) -> str:
        """The text in ``lang``, French when the translation is missing."""
        return self.en if lang == "en" and self.en else self.fr


# --- Conditions -------------------------------------------------------------------------------
# One model per operator, each with a single key, so a condition reads as plain YAML:
#   when: {profile_in: {field: establishment_type, values: [ehpad]}}
# Evaluation and explanations live in diagnostic.conditions (an operator table).


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


# --- Content files ----------------------------------------------------------------------------


class Reference(Frozen):
    """An entry of the references catalogue, cited by id everywhere else."""

    id: Id
    title: str = Field(min_length=1, description="title as published (not translated)")
    issuer: str = Field(min_length=1)
    date: str = Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD"
    )
    url: str = Field(pattern=r"^https://\S+$")
    note: Text | None = Field(default=None, description="caveat shown with the reference")


class ReferencesFile(Frozen):
    references: tuple[Reference, ...] = Field(min_length=1)


class Level(Frozen):
    level: LevelValue
    label: Text


def _check_levels(levels: tuple[Level, ...]) -> None:
    found = [lvl.level for lvl in levels]
    if sorted(found) != [0, 1, 2, 3, 4]:
        raise ValueError(f"levels must be 0, 1, 2, 3 and 4, each once (found {found})")


class Scale(Frozen):
    """A reusable set of five level descriptors (for example shares of staff)."""

    id: Id
    title: Text
    levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _five_levels(self) -> Scale:
        _check_levels(self.levels)
        return self


class ScalesFile(Frozen):
    scales: tuple[Scale, ...] = ()


class Choice(Frozen):
    id: Id
    label: Text


class ProfileQuestion(Frozen):
    """An unscored question describing the establishment; its answers drive conditions."""

    id: Id
    kind: Literal["single", "multi", "text"]
    text: Text
    help: Text | None = None
    options: tuple[Choice, ...] = ()
    required: bool = False
    max_length: int = Field(default=200, ge=1, le=2000)

    @model_validator(mode="after")
    def _options_match_kind(self) -> ProfileQuestion:
        if self.kind == "text" and self.options:
            raise ValueError("a text question has no options")
        if self.kind != "text" and len(self.options) < 2:
            raise ValueError(f"a {self.kind} question needs at least two options")
        return self


class ProfileFile(Frozen):
    questions: tuple[ProfileQuestion, ...] = Field(min_length=1)


class Question(Frozen):
    """A scored question: five levels, help on what good looks like, references."""

    id: Id
    text: Text
    help: Text = Field(description='"what good looks like"')
    levels: tuple[Level, ...] | None = None
    scale: Id | None = None
    weight: float = Field(default=1.0, gt=0, le=10)
    references: tuple[Id, ...] = ()
    indicators: tuple[Id, ...] = ()
    when: Condition | None = Field(default=None, description="asked only when true (profile only)")
    not_applicable_when: Condition | None = Field(
        default=None, description='"not applicable" offered only when true (profile only)'
    )

    @model_validator(mode="after")
    def _levels_or_scale(self) -> Question:
        if (self.levels is None) == (self.scale is None):
            raise ValueError(
                "give either levels (five descriptors) or scale (a scale id), not both"
            )
        if self.levels is not None:
            _check_levels(self.levels)
        return self


class DimensionFile(Frozen):
    """One scored dimension and its questions (one file per dimension)."""

    id: Id
    title: Text
    short_title: Text
    description: Text
    questions: tuple[Question, ...] = Field(min_length=1)


class Stage(Frozen):
    id: Id
    name: Text
    description: Text
    min_score: float = Field(ge=0, le=100)


class ScoringFile(Frozen):
    """Maturity stages and dimension weights per establishment type."""

    stages: tuple[Stage, ...] = Field(min_length=2)
    dimension_weights: dict[Id, dict[Id, float]] = Field(
        description="'default' plus optional overrides keyed by establishment type"
    )

    @model_validator(mode="after")
    def _stages_ascending(self) -> ScoringFile:
        scores = [s.min_score for s in self.stages]
        if scores[0] != 0 or scores != sorted(set(scores)):
            raise ValueError("stages must start at min_score 0 and rise strictly")
        if "default" not in self.dimension_weights:
            raise ValueError("dimension_weights needs a 'default' entry")
        for weights in self.dimension_weights.values():
            if any(not (0 < w <= 10) for w in weights.values()):
                raise ValueError("dimension weights must be above 0 and at most 10")
        return self


class RedFlag(Frozen):
    """A situation serious enough to cap the overall stage whatever the scores."""

    id: Id
    title: Text
    explanation: Text
    when: Condition
    caps_stage: Id
    references: tuple[Id, ...] = ()


class RedFlagsFile(Frozen):
    red_flags: tuple[RedFlag, ...] = ()


class Migration(Frozen):
    """How an answers file made with an earlier version is brought up to this one."""

    from_version: str
    renamed: dict[Id, Id] = {}
    removed: tuple[Id, ...] = ()


class QuestionnaireFile(Frozen):
    """``questionnaire.yaml``: identity and version of the questionnaire."""

    id: Id
    version: str = Field(pattern=r"^\d+\.\d+$")
    title: Text
    description: Text
    languages: tuple[Literal["fr", "en"], ...] = ("fr", "en")
    migrations: tuple[Migration, ...] = ()
