"""Evaluate conditions and say, in words, why one holds.

Conditions are data (see :mod:`diagnostic.models`): each operator is a row of ``OPERATORS`` with a
predicate and an explanation. Questions use them to appear or to offer "not applicable", red flags
to fire and recommendations to apply. Adding an operator means adding a model and a row here; a test
checks that every model has its row and that the authoring guide documents it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from diagnostic.i18n import message
from diagnostic.models import (
    PROFILE_TOOLS_FIELD,
    Question,
)
from diagnostic.operators import (
    AllOf,
    AnswerAtLeast,
    AnswerAtMost,
    AnswerIn,
    AnyOf,
    DimensionScoreBelow,
    GapToTargetAbove,
    NotOf,
    ProfileIn,
    RedFlagRaised,
    ToolInUse,
)

if TYPE_CHECKING:
    from diagnostic.content import Questionnaire

AnswerValue = int | str  # a level 0–4, "dont_know" or "not_applicable"


@dataclass(frozen=True)
class Facts:
    """What conditions can look at; later stages fill in more (scores, flags, gaps)."""

    profile: Mapping[str, str | tuple[str, ...]]
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    dimension_scores: Mapping[str, float | None] = field(default_factory=dict)
    red_flags: frozenset[str] = frozenset()
    gaps: Mapping[str, float] = field(default_factory=dict)

    def profile_values(self, field_id: str) -> tuple[str, ...]:
        value = self.profile.get(field_id)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(value)

    def level(self, question_id: str) -> int | None:
        """The answered level, with "don't know" as 0; None when unanswered or not applicable."""
        value = self.answers.get(question_id)
        if isinstance(value, int):
            return value
        return 0 if value == "dont_know" else None


Predicate = Callable[[Any, Facts], bool]


def _answer_in(op: AnswerIn, facts: Facts) -> bool:
    value = facts.answers.get(op.answer_in.question, "unanswered")
    return value in op.answer_in.values


def _at_most(op: AnswerAtMost, facts: Facts) -> bool:
    level = facts.level(op.answer_at_most.question)
    return level is not None and level <= op.answer_at_most.level


def _at_least(op: AnswerAtLeast, facts: Facts) -> bool:
    level = facts.level(op.answer_at_least.question)
    return level is not None and level >= op.answer_at_least.level


def _score_below(op: DimensionScoreBelow, facts: Facts) -> bool:
    score = facts.dimension_scores.get(op.dimension_score_below.dimension)
    return score is not None and score < op.dimension_score_below.score


def _gap_above(op: GapToTargetAbove, facts: Facts) -> bool:
    gap = facts.gaps.get(op.gap_to_target_above.dimension)
    return gap is not None and gap > op.gap_to_target_above.gap


# operator model → predicate. Explanations are in _EXPLAIN below, keyed the same way.
OPERATORS: dict[type[BaseModel], Predicate] = {
    ProfileIn: lambda op, f: bool(
        set(f.profile_values(op.profile_in.field)) & set(op.profile_in.values)
    ),
    ToolInUse: lambda op, f: bool(set(f.profile_values(PROFILE_TOOLS_FIELD)) & set(op.tool_in_use)),
    AnswerAtMost: _at_most,
    AnswerAtLeast: _at_least,
    AnswerIn: _answer_in,
    DimensionScoreBelow: _score_below,
    RedFlagRaised: lambda op, f: op.red_flag in f.red_flags,
    GapToTargetAbove: _gap_above,
    AllOf: lambda op, f: all(holds(c, f) for c in op.all),
    AnyOf: lambda op, f: any(holds(c, f) for c in op.any),
    NotOf: lambda op, f: not holds(op.not_, f),
}


def holds(condition: BaseModel | None, facts: Facts) -> bool:
    """True when the condition holds (an absent condition always holds)."""
    if condition is None:
        return True
    return OPERATORS[type(condition)](condition, facts)


def is_asked(question: Question, facts: Facts) -> bool:
    """A question is asked unless its ``when`` condition on the profile is false."""
    return holds(question.when, facts)


def allows_not_applicable(question: Question, facts: Facts) -> bool:
    """ "Not applicable" is offered only where the question declares when it may apply."""
    return question.not_applicable_when is not None and holds(question.not_applicable_when, facts)


def explain(condition: BaseModel, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
    """Sentences saying why a condition holds, leaf by leaf ("because you answered …").

    Only the parts that actually hold are explained: for ``any`` the satisfied branches, for
    ``all`` every branch. Negations are explained in their own words.
    """
    if isinstance(condition, AllOf):
        return [s for c in condition.all for s in explain(c, facts, q, lang)]
    if isinstance(condition, AnyOf):
        return [s for c in condition.any if holds(c, facts) for s in explain(c, facts, q, lang)]
    return [_EXPLAIN[type(condition)](condition, facts, q, lang)]


def _answer_words(q: Questionnaire, qid: str, facts: Facts, lang: str) -> str:
    value = facts.answers.get(qid, "unanswered")
    if isinstance(value, int):
        question = q.questions[qid]
        label = next(lvl.label.get(lang) for lvl in q.levels_of(question) if lvl.level == value)
        return message("answer.level", lang, level=value, label=label)
    return message(f"answer.{value}", lang)


def _explain_answer(op: Any, facts: Facts, q: Questionnaire, lang: str) -> str:
    args = next(iter(op.model_dump().values()))
    qid = args["question"]
    text = q.questions[qid].text.get(lang) if qid in q.questions else qid
    return message("because.answer", lang, answer=_answer_words(q, qid, facts, lang), question=text)


def _option_labels(q: Questionnaire, field_id: str, values: tuple[str, ...], lang: str) -> str:
    pq = q.profile_by_id.get(field_id)
    labels = {o.id: o.label.get(lang) for o in pq.options} if pq else {}
    return ", ".join(labels.get(v, v) for v in values)


def _explain_profile(op: ProfileIn, facts: Facts, q: Questionnaire, lang: str) -> str:
    chosen = tuple(
        v for v in facts.profile_values(op.profile_in.field) if v in op.profile_in.values
    )
    pq = q.profile_by_id.get(op.profile_in.field)
    return message(
        "because.profile",
        lang,
        field=pq.text.get(lang) if pq else op.profile_in.field,
        value=_option_labels(q, op.profile_in.field, chosen, lang),
    )


def _explain_tools(op: ToolInUse, facts: Facts, q: Questionnaire, lang: str) -> str:
    chosen = tuple(v for v in facts.profile_values(PROFILE_TOOLS_FIELD) if v in op.tool_in_use)
    return message(
        "because.tools", lang, tools=_option_labels(q, PROFILE_TOOLS_FIELD, chosen, lang)
    )


def _explain_score(op: DimensionScoreBelow, facts: Facts, q: Questionnaire, lang: str) -> str:
    args = op.dimension_score_below
    score = facts.dimension_scores.get(args.dimension)
    return message(
        "because.score",
        lang,
        dimension=q.dimension(args.dimension).title.get(lang),
        score=f"{score:.0f}" if score is not None else "–",
        threshold=f"{args.score:.0f}",
    )


def _explain_gap(op: GapToTargetAbove, facts: Facts, q: Questionnaire, lang: str) -> str:
    args = op.gap_to_target_above
    return message(
        "because.gap",
        lang,
        dimension=q.dimension(args.dimension).title.get(lang),
        gap=f"{facts.gaps.get(args.dimension, 0):.0f}",
    )


def _explain_flag(op: RedFlagRaised, facts: Facts, q: Questionnaire, lang: str) -> str:
    flag = next((f for f in q.red_flags if f.id == op.red_flag), None)
    return message("because.flag", lang, flag=flag.title.get(lang) if flag else op.red_flag)


def _explain_not(op: NotOf, facts: Facts, q: Questionnaire, lang: str) -> str:
    inner = op.not_
    if isinstance(inner, ToolInUse):
        return message(
            "because.no_tools",
            lang,
            tools=_option_labels(q, PROFILE_TOOLS_FIELD, inner.tool_in_use, lang),
        )
    if isinstance(inner, ProfileIn):
        pq = q.profile_by_id.get(inner.profile_in.field)
        return message(
            "because.profile_not",
            lang,
            field=pq.text.get(lang) if pq else inner.profile_in.field,
            values=_option_labels(q, inner.profile_in.field, inner.profile_in.values, lang),
        )
    return message("because.not", lang)


_EXPLAIN: dict[type[BaseModel], Callable[[Any, Facts, Questionnaire, str], str]] = {
    ProfileIn: _explain_profile,
    ToolInUse: _explain_tools,
    AnswerAtMost: _explain_answer,
    AnswerAtLeast: _explain_answer,
    AnswerIn: _explain_answer,
    DimensionScoreBelow: _explain_score,
    RedFlagRaised: _explain_flag,
    GapToTargetAbove: _explain_gap,
    NotOf: _explain_not,
}
