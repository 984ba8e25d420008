"""Level awareness: which answers to a question can make a condition hold.

A rule declares, for every question its condition reads (directly or through a red flag), the
answers it addresses and the level its advice leads to (``levels`` in the rule model). The
cross-checks compare that declaration with what the condition really admits, computed here by a
three-valued evaluation: the leaves about the question are evaluated for each possible answer,
every other leaf (profile, other questions, scores) counts as "unknown". An answer is admitted
when the condition is not certainly false with it. This is exact for the shapes rules use (a
conjunction of independent leaves) and errs on the side of admitting more otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from diagnostic.conditions import OPERATORS, Facts
from diagnostic.operators import (
    AllOf,
    AnswerAtLeast,
    AnswerAtMost,
    AnswerIn,
    AnyOf,
    NotOf,
    RedFlagRaised,
)

if TYPE_CHECKING:
    from diagnostic.content import Questionnaire

AnswerState = int | str
# Every state an answer can be in, in the order a report lists them.
DOMAIN: tuple[AnswerState, ...] = (0, 1, 2, 3, 4, "dont_know", "not_applicable", "unanswered")


def _question(op: BaseModel) -> str | None:
    if isinstance(op, AnswerAtMost):
        return op.answer_at_most.question
    if isinstance(op, AnswerAtLeast):
        return op.answer_at_least.question
    if isinstance(op, AnswerIn):
        return op.answer_in.question
    return None


def _flag_condition(q: Questionnaire, flag_id: str) -> BaseModel | None:
    flag = next((f for f in q.red_flags if f.id == flag_id), None)
    return flag.when if flag is not None else None


def questions_read(q: Questionnaire, condition: BaseModel) -> tuple[str, ...]:
    """Every question a condition reads, red flags' conditions included, in first-seen order."""

    def walk(cond: BaseModel) -> Iterator[str]:
        if isinstance(cond, AllOf | AnyOf):
            parts: Sequence[BaseModel] = cond.all if isinstance(cond, AllOf) else cond.any
            for part in parts:
                yield from walk(part)
        elif isinstance(cond, NotOf):
            yield from walk(cond.not_)
        elif isinstance(cond, RedFlagRaised):
            inner = _flag_condition(q, cond.red_flag)
            if inner is not None:
                yield from walk(inner)
        elif (qid := _question(cond)) is not None:
            yield qid

    return tuple(dict.fromkeys(walk(condition)))


def _kleene(q: Questionnaire, cond: BaseModel, qid: str, facts: Facts) -> bool | None:
    if isinstance(cond, AllOf | AnyOf):
        parts: Sequence[BaseModel] = cond.all if isinstance(cond, AllOf) else cond.any
        values = [_kleene(q, p, qid, facts) for p in parts]
        decisive = isinstance(cond, AnyOf)  # any: one True decides; all: one False decides
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    if isinstance(cond, NotOf):
        inner = _kleene(q, cond.not_, qid, facts)
        return None if inner is None else not inner
    if isinstance(cond, RedFlagRaised):
        flag = _flag_condition(q, cond.red_flag)
        return None if flag is None else _kleene(q, flag, qid, facts)
    if _question(cond) == qid:
        return OPERATORS[type(cond)](cond, facts)
    return None


def admitted(q: Questionnaire, condition: BaseModel, qid: str) -> tuple[AnswerState, ...]:
    """The answers to ``qid`` with which ``condition`` may hold, in :data:`DOMAIN` order."""
    out = []
    for value in DOMAIN:
        answers = {} if value == "unanswered" else {qid: value}
        if _kleene(q, condition, qid, Facts(profile={}, answers=answers)) is not False:
            out.append(value)
    return tuple(out)


def as_level(value: AnswerState) -> int | None:
    """The level an answer states: "don't know" states nothing (0), other tokens no level."""
    if isinstance(value, int):
        return value
    return 0 if value == "dont_know" else None
