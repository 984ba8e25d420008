"""Content models for advice: recommendation rules, levers, regulatory calendar, use cases, targets.

Like the questionnaire, advice is data: ``rules.yaml``, ``levers.yaml``, ``calendar.yaml``,
``use_cases.yaml`` and ``targets.yaml`` in the questionnaire directory are validated into these
frozen models, then cross-checked (every question, dimension, reference and lever they name exists).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from diagnostic.content.models_base import Frozen, Id, LevelValue, Text
from diagnostic.content.operators import AnswerToken, Condition

Owner = Literal["dg", "dsi", "dpo", "rssi", "cme", "drh", "quality", "purchasing", "care"]
Priority = Literal["P0", "P1", "P2", "P3"]
Horizon = Literal["0-3m", "3-12m", "12-24m"]
Effort = Literal["S", "M", "L"]
RegulatoryClass = Literal["high_risk_mdr", "high_risk_annex3", "transparency", "minimal"]
# How settled a calendar date is: set by a text in force, by an adopted text not yet published, by
# a proposal only, or merely announced (expected) with no text fixing it.
CalendarStatus = Literal["in_force", "adopted", "proposal", "expected"]


class Lever(Frozen):
    """Something outside the establishment that helps: pooled purchasing, funding, guides."""

    id: Id
    title: Text
    description: Text
    references: tuple[Id, ...] = ()


class LeversFile(Frozen):
    levers: tuple[Lever, ...] = Field(min_length=1)


class LevelPath(Frozen):
    """For one question a rule reads: the answers it addresses and the level it leads to.

    The cross-checks make ``addresses`` equal to the answers with which the condition can hold and
    ``leads_to`` higher than every level addressed, so no action asks for what the answer that
    triggered it already states.
    """

    question: Id
    addresses: tuple[LevelValue | AnswerToken, ...] = Field(min_length=1)
    leads_to: int = Field(ge=1, le=4, description="the level reached once the advice is followed")


class Rule(Frozen):
    """A recommendation that applies when its condition holds."""

    id: Id
    dimension: Id
    topic: Id = Field(description="rules on the same topic are merged in the plan")
    when: Condition
    levels: tuple[LevelPath, ...] = Field(
        description="one entry per question the condition reads (red flags included); "
        "an empty list only when it reads none (profile, scores or gaps only)"
    )
    title: Text
    description: Text
    steps: tuple[Text, ...] = Field(min_length=2, max_length=5)
    priority: Priority
    horizon: Horizon
    owner: Owner
    effort: Effort
    references: tuple[Id, ...] = Field(min_length=1)
    levers: tuple[Id, ...] = ()
    supersedes: tuple[Id, ...] = Field(
        default=(), description="rules dropped from the plan when this one applies"
    )


class RulesFile(Frozen):
    rules: tuple[Rule, ...] = Field(min_length=1)


class ConsistencyCheck(Frozen):
    """Two answers that contradict each other when ``when`` holds, shown above the plan.

    ``quotes`` names what the finding quotes: question ids or profile question ids (the tools
    checklist, for instance), each read by the condition.
    """

    id: Id
    title: Text
    explanation: Text = Field(description="why the answers cannot both be true, and what to check")
    when: Condition
    quotes: tuple[Id, ...] = Field(min_length=2, max_length=3)
    references: tuple[Id, ...] = ()


class ConsistencyFile(Frozen):
    checks: tuple[ConsistencyCheck, ...] = Field(min_length=1)


class CalendarEntry(Frozen):
    """A regulatory date and what it means for an establishment it applies to."""

    id: Id
    date: str = Field(
        pattern=r"^\d{4}-\d{2}(-\d{2})?$",
        description="YYYY-MM-DD, or YYYY-MM when the day is not known",
    )
    status: CalendarStatus = Field(description="in_force, adopted, proposal or expected")
    title: Text
    meaning: Text
    applies_when: Condition | None = None
    caveat: Text | None = None
    references: tuple[Id, ...] = Field(min_length=1)


class CalendarFile(Frozen):
    entries: tuple[CalendarEntry, ...] = Field(min_length=1)


class Prerequisite(Frozen):
    """A condition a use case needs, with the words that say what is missing."""

    label: Text
    when: Condition


class Blocker(Frozen):
    """A situation in which a use case is not advised yet, and why."""

    because: Text
    when: Condition


class UseCase(Frozen):
    """A proven AI use case and what an establishment needs before starting it."""

    id: Id
    title: Text
    description: Text
    owner: Owner
    regulatory_class: RegulatoryClass
    relevant_when: Condition | None = Field(
        default=None, description="profile condition: shown only to establishments it fits"
    )
    in_production_tools: tuple[Id, ...] = Field(
        default=(), description="ai_tools options meaning the use case is already in production"
    )
    prerequisites: tuple[Prerequisite, ...] = Field(min_length=1)
    blockers: tuple[Blocker, ...] = ()
    references: tuple[Id, ...] = Field(min_length=1)


class UseCasesFile(Frozen):
    use_cases: tuple[UseCase, ...] = Field(min_length=1)


class TypeTargets(Frozen):
    targets: dict[Id, float]
    rationale: Text


class SizeAdjustment(Frozen):
    """Raise or lower targets for a size band (beds or staff), with the reason."""

    when: Condition
    delta: dict[Id, float]
    rationale: Text


class TargetsFile(Frozen):
    """Realistic target scores per dimension for each type of establishment."""

    default: TypeTargets
    by_type: dict[Id, TypeTargets] = Field(default_factory=dict)
    size_adjustments: tuple[SizeAdjustment, ...] = ()

    @model_validator(mode="after")
    def _in_range(self) -> TargetsFile:
        for group in (self.default, *self.by_type.values()):
            if any(not 0 <= v <= 100 for v in group.targets.values()):
                raise ValueError("targets are scores from 0 to 100")
        return self
