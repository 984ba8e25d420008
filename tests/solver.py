"""Build answer sets that make a condition true (or false), to test rules from the rule table.

The solver is deliberately simple: it writes profile values and answers that satisfy each operator
of a condition. Whether it worked is always checked against the real evaluation by the caller, so
a condition the solver cannot satisfy shows up as a failing test, not as a silent pass.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from diagnostic.content import Questionnaire
from diagnostic.models import PROFILE_TOOLS_FIELD
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

State = dict[str, Any]  # {"profile": {...}, "answers": {...}}
ALL_VALUES: list[Any] = [0, 1, 2, 3, 4, "dont_know", "unanswered"]


def _set_answer(state: State, qid: str, value: Any) -> None:
    if value == "unanswered":
        state["answers"].pop(qid, None)
    else:
        state["answers"][qid] = value


def _set_profile(
    q: Questionnaire, state: State, field: str, values: tuple[str, ...], present: bool
) -> None:
    pq = q.profile_by_id[field]
    options = [o.id for o in pq.options]
    if pq.kind == "multi":
        current = set(state["profile"].get(field, ()))
        current = current | {values[0]} if present else current - set(values)
        state["profile"][field] = tuple(o for o in options if o in current)
    else:
        state["profile"][field] = (
            values[0] if present else next(o for o in options if o not in values)
        )


def _whole_dimension(q: Questionnaire, state: State, dimension: str, level: int) -> None:
    for question in q.dimension(dimension).questions:
        state["answers"][question.id] = level


def make(q: Questionnaire, cond: BaseModel, state: State, truth: bool) -> None:
    """Change ``state`` so that ``cond`` evaluates to ``truth`` (best effort)."""
    if isinstance(cond, NotOf):
        make(q, cond.not_, state, not truth)
    elif isinstance(cond, AllOf | AnyOf):
        parts = cond.all if isinstance(cond, AllOf) else cond.any
        conjunctive = isinstance(cond, AllOf) == truth
        # Dimension-wide operators first so specific answers written later win.
        ordered = sorted(
            parts, key=lambda c: not isinstance(c, DimensionScoreBelow | GapToTargetAbove)
        )
        for part in ordered if conjunctive else ordered[:1]:
            make(q, part, state, truth)
    elif isinstance(cond, ProfileIn):
        _set_profile(q, state, cond.profile_in.field, cond.profile_in.values, truth)
    elif isinstance(cond, ToolInUse):
        _set_profile(q, state, PROFILE_TOOLS_FIELD, cond.tool_in_use, truth)
    elif isinstance(cond, AnswerAtMost):
        a = cond.answer_at_most
        _set_answer(
            state, a.question, a.level if truth else (a.level + 1 if a.level < 4 else "unanswered")
        )
    elif isinstance(cond, AnswerAtLeast):
        a = cond.answer_at_least
        _set_answer(
            state, a.question, a.level if truth else (a.level - 1 if a.level > 0 else "unanswered")
        )
    elif isinstance(cond, AnswerIn):
        a = cond.answer_in
        pool = [v for v in ALL_VALUES if (v in a.values) == truth]
        _set_answer(state, a.question, pool[0])
    elif isinstance(cond, DimensionScoreBelow):
        _whole_dimension(q, state, cond.dimension_score_below.dimension, 0 if truth else 4)
    elif isinstance(cond, GapToTargetAbove):
        _whole_dimension(q, state, cond.gap_to_target_above.dimension, 0 if truth else 4)
    elif isinstance(cond, RedFlagRaised):
        flag = next(f for f in q.red_flags if f.id == cond.red_flag)
        make(q, flag.when, state, truth)
    else:  # pragma: no cover - a new operator needs a line here
        raise NotImplementedError(type(cond).__name__)
