"""The operators that read one thing: the profile, an answer, a score, a flag, a gap.

To add an operator: write one class here (or in :mod:`diagnostic.content.operators.combinators`)
with its
``key``, fields, ``holds``, ``explain``, ``mentions`` and ``vectorised``, and one line in
``docs/authoring.md``. The tests that iterate over :data:`diagnostic.content.operators.REGISTRY`
cover it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np
from pydantic import Field

from diagnostic.content.models_base import PROFILE_TOOLS_FIELD, Frozen, Id, LevelValue
from diagnostic.content.operators.base import (
    BatchContext,
    Bools,
    Mention,
    Operator,
    because_answer,
    option_labels,
)
from diagnostic.i18n import message

if TYPE_CHECKING:
    from diagnostic.content.facts import Facts
    from diagnostic.content.loader import Questionnaire

AnswerToken = Literal["dont_know", "not_applicable", "unanswered"]


class ProfileInArgs(Frozen):
    field: Id
    values: tuple[Id, ...] = Field(min_length=1)


class ProfileIn(Operator):
    """True when the profile field's value (or, for a checklist, any ticked value) is listed."""

    key: ClassVar[str] = "profile_in"
    on_profile: ClassVar[bool] = True
    profile_in: ProfileInArgs

    def holds(self, facts: Facts) -> bool:
        return bool(set(facts.profile_values(self.profile_in.field)) & set(self.profile_in.values))

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        args = self.profile_in
        chosen = tuple(v for v in facts.profile_values(args.field) if v in args.values)
        pq = q.profile_by_id.get(args.field)
        field = pq.text.get(lang) if pq else args.field
        value = option_labels(q, args.field, chosen, lang)
        return [message("because.profile", lang, field=field, value=value)]

    def explain_negated(self, q: Questionnaire, lang: str) -> str:
        args = self.profile_in
        pq = q.profile_by_id.get(args.field)
        field = pq.text.get(lang) if pq else args.field
        values = option_labels(q, args.field, args.values, lang)
        return message("because.profile_not", lang, field=field, values=values)

    def mentions(self) -> tuple[Mention, ...]:
        field = self.profile_in.field
        return (
            Mention("profile", field, ("profile_in", "field")),
            *(
                Mention("profile", field, ("profile_in", "values", j), option=value)
                for j, value in enumerate(self.profile_in.values)
            ),
        )

    def vectorised(self, ctx: BatchContext) -> Bools:
        return ctx.profile_mask(self)


class ToolInUse(Operator):
    """True when any of these tools is ticked in the profile's checklist of AI tools in use."""

    key: ClassVar[str] = "tool_in_use"
    on_profile: ClassVar[bool] = True
    tool_in_use: tuple[Id, ...] = Field(min_length=1)

    def holds(self, facts: Facts) -> bool:
        return bool(set(facts.profile_values(PROFILE_TOOLS_FIELD)) & set(self.tool_in_use))

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        chosen = tuple(
            v for v in facts.profile_values(PROFILE_TOOLS_FIELD) if v in self.tool_in_use
        )
        tools = option_labels(q, PROFILE_TOOLS_FIELD, chosen, lang)
        return [message("because.tools", lang, tools=tools)]

    def explain_negated(self, q: Questionnaire, lang: str) -> str:
        tools = option_labels(q, PROFILE_TOOLS_FIELD, self.tool_in_use, lang)
        return message("because.no_tools", lang, tools=tools)

    def mentions(self) -> tuple[Mention, ...]:
        return tuple(
            Mention("profile", PROFILE_TOOLS_FIELD, ("tool_in_use", j), option=v, what="tool")
            for j, v in enumerate(self.tool_in_use)
        )

    def vectorised(self, ctx: BatchContext) -> Bools:
        return ctx.profile_mask(self)


class AnswerLevelArgs(Frozen):
    question: Id
    level: LevelValue


class AnswerAtMost(Operator):
    """True when the question was answered with a level at most this one ("don't know" counts 0)."""

    key: ClassVar[str] = "answer_at_most"
    answer_at_most: AnswerLevelArgs

    def holds(self, facts: Facts) -> bool:
        level = facts.level(self.answer_at_most.question)
        return level is not None and level <= self.answer_at_most.level

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        return [because_answer(q, self.answer_at_most.question, facts, lang)]

    def mentions(self) -> tuple[Mention, ...]:
        return (Mention("question", self.answer_at_most.question, (self.key, "question")),)

    def vectorised(self, ctx: BatchContext) -> Bools:
        level = ctx.level(self.answer_at_most.question)
        return np.asarray((level >= 0) & (level <= self.answer_at_most.level))


class AnswerAtLeast(Operator):
    """True when the question was answered with a level at least this one."""

    key: ClassVar[str] = "answer_at_least"
    answer_at_least: AnswerLevelArgs

    def holds(self, facts: Facts) -> bool:
        level = facts.level(self.answer_at_least.question)
        return level is not None and level >= self.answer_at_least.level

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        return [because_answer(q, self.answer_at_least.question, facts, lang)]

    def mentions(self) -> tuple[Mention, ...]:
        return (Mention("question", self.answer_at_least.question, (self.key, "question")),)

    def vectorised(self, ctx: BatchContext) -> Bools:
        level = ctx.level(self.answer_at_least.question)
        return np.asarray((level >= 0) & (level >= self.answer_at_least.level))


class AnswerInArgs(Frozen):
    question: Id
    values: tuple[LevelValue | AnswerToken, ...] = Field(min_length=1)


class AnswerIn(Operator):
    """True when the answer is one of the listed levels or tokens (``unanswered`` included)."""

    key: ClassVar[str] = "answer_in"
    answer_in: AnswerInArgs

    def holds(self, facts: Facts) -> bool:
        return facts.answers.get(self.answer_in.question, "unanswered") in self.answer_in.values

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        return [because_answer(q, self.answer_in.question, facts, lang)]

    def mentions(self) -> tuple[Mention, ...]:
        return (Mention("question", self.answer_in.question, (self.key, "question")),)

    def vectorised(self, ctx: BatchContext) -> Bools:
        wanted = [ctx.answer_code(v) for v in self.answer_in.values]
        return np.isin(ctx.answer(self.answer_in.question), wanted)


class DimensionScoreArgs(Frozen):
    dimension: Id
    score: float = Field(ge=0, le=100)


class DimensionScoreBelow(Operator):
    """True when the dimension is scored and its score is strictly below the threshold."""

    key: ClassVar[str] = "dimension_score_below"
    dimension_score_below: DimensionScoreArgs

    def holds(self, facts: Facts) -> bool:
        score = facts.dimension_scores.get(self.dimension_score_below.dimension)
        return score is not None and score < self.dimension_score_below.score

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        args = self.dimension_score_below
        score = facts.dimension_scores.get(args.dimension)
        return [
            message(
                "because.score",
                lang,
                dimension=q.dimension(args.dimension).title.get(lang),
                score=f"{score:.0f}" if score is not None else "–",
                threshold=f"{args.score:.0f}",
            )
        ]

    def mentions(self) -> tuple[Mention, ...]:
        return (
            Mention("dimension", self.dimension_score_below.dimension, (self.key, "dimension")),
        )

    def vectorised(self, ctx: BatchContext) -> Bools:
        args = self.dimension_score_below
        score = ctx.scores.get(args.dimension)
        return ctx.none() if score is None else np.asarray(score < args.score)  # NaN < x: False


class RedFlagRaised(Operator):
    """True when the named red flag is raised."""

    key: ClassVar[str] = "red_flag"
    red_flag: Id

    def holds(self, facts: Facts) -> bool:
        return self.red_flag in facts.red_flags

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        flag = next((f for f in q.red_flags if f.id == self.red_flag), None)
        return [message("because.flag", lang, flag=flag.title.get(lang) if flag else self.red_flag)]

    def mentions(self) -> tuple[Mention, ...]:
        return (Mention("red_flag", self.red_flag, (self.key,)),)

    def vectorised(self, ctx: BatchContext) -> Bools:
        return ctx.none()  # ``score`` evaluates flags without other flags, so this never holds


class GapArgs(Frozen):
    dimension: Id
    gap: float = Field(ge=0, le=100)


class GapToTargetAbove(Operator):
    """True when the dimension's score is more than ``gap`` points below its typology target."""

    key: ClassVar[str] = "gap_to_target_above"
    gap_to_target_above: GapArgs

    def holds(self, facts: Facts) -> bool:
        gap = facts.gaps.get(self.gap_to_target_above.dimension)
        return gap is not None and gap > self.gap_to_target_above.gap

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        args = self.gap_to_target_above
        return [
            message(
                "because.gap",
                lang,
                dimension=q.dimension(args.dimension).title.get(lang),
                gap=f"{facts.gaps.get(args.dimension, 0):.0f}",
            )
        ]

    def mentions(self) -> tuple[Mention, ...]:
        return (Mention("dimension", self.gap_to_target_above.dimension, (self.key, "dimension")),)

    def vectorised(self, ctx: BatchContext) -> Bools:
        return ctx.none()  # ``score`` knows no targets, so no gap holds there
