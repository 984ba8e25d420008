"""The questionnaire as typed, frozen objects: one model per kind of content file.

Each YAML file in a questionnaire directory is validated into one of the ``*File`` models below
(``extra="forbid"`` so a misspelt key is an error, ``frozen`` so nothing downstream can change the
content). Cross-file checks (ids exist, ids unique) live in :mod:`diagnostic.content.loader`. The
JSON
Schema shipped in ``questionnaires/schema/`` is generated from these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from diagnostic.content.models_base import (
    PROFILE_TOOLS_FIELD,
    PROFILE_TYPE_FIELD,
    Frozen,
    Id,
    LevelValue,
    Text,
)
from diagnostic.content.operators import OPERATORS, PROFILE_OPERATORS, Condition

__all__ = [
    "OPERATORS",
    "PROFILE_OPERATORS",
    "PROFILE_TOOLS_FIELD",
    "PROFILE_TYPE_FIELD",
    "Condition",
    "Frozen",
    "Id",
    "LevelValue",
    "Text",
]

# --- Content files ----------------------------------------------------------------------------


ReferenceKind = Literal["official_text", "guidance", "report", "survey", "commentary"]


class Reference(Frozen):
    """An entry of the references catalogue, cited by id everywhere else.

    ``kind`` says what the linked page is: the text itself (law, regulation, decree, deliberation),
    an authority's guidance, a report or study, a survey, or a commentary (press, blog, law firm).
    An official issuer must link its own site (see :mod:`diagnostic.content.provenance`).
    """

    id: Id
    title: str = Field(min_length=1, description="title as published (not translated)")
    issuer: str = Field(min_length=1, description="who published the linked page")
    kind: ReferenceKind = Field(description="official_text, guidance, report, survey, commentary")
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
    core: bool = Field(
        default=False,
        description="one of the ~15 questions the express diagnostic asks (at least one per "
        "dimension, chosen for what they predict)",
    )
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
    renamed: dict[Id, Id] = Field(default_factory=dict)
    removed: tuple[Id, ...] = ()


class QuestionnaireFile(Frozen):
    """``questionnaire.yaml``: identity and version of the questionnaire."""

    id: Id
    version: str = Field(pattern=r"^\d+\.\d+$")
    title: Text
    description: Text
    languages: tuple[Literal["fr", "en"], ...] = ("fr", "en")
    reviewed_on: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="YYYY-MM-DD: the day the regulatory content (calendar, references) was checked",
    )
    migrations: tuple[Migration, ...] = ()
