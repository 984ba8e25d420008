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

from typing import TYPE_CHECKING

from diagnostic.content.facts import Facts, as_answer_value
from diagnostic.content.operators import Condition, Truth

if TYPE_CHECKING:
    from collections.abc import Iterator

    from diagnostic.content.loader import Questionnaire

AnswerState = int | str
# Every state an answer can be in, in the order a report lists them.
DOMAIN: tuple[AnswerState, ...] = (0, 1, 2, 3, 4, "dont_know", "not_applicable", "unanswered")


def _flag_condition(q: Questionnaire, flag_id: str) -> Condition | None:
    flag = next((f for f in q.red_flags if f.id == flag_id), None)
    return flag.when if flag is not None else None


def questions_read(q: Questionnaire, condition: Condition) -> tuple[str, ...]:
    """Every question a condition reads, red flags' conditions included, in first-seen order."""

    def walk(cond: Condition) -> Iterator[str]:
        for op, _ in cond.walk():
            for m in op.mentions():
                if m.kind == "question":
                    yield m.id
                elif m.kind == "red_flag" and (inner := _flag_condition(q, m.id)) is not None:
                    yield from walk(inner)

    return tuple(dict.fromkeys(walk(condition)))


def _kleene(q: Questionnaire, cond: Condition, qid: str, facts: Facts) -> Truth:
    """Three-valued: leaves about ``qid`` are evaluated, every other leaf is unknown (None)."""
    parts = cond.parts()
    if parts:
        return cond.combine([_kleene(q, child, qid, facts) for _, child in parts])
    for m in cond.mentions():
        if m.kind == "red_flag":
            flag = _flag_condition(q, m.id)
            return None if flag is None else _kleene(q, flag, qid, facts)
        if m.kind == "question" and m.id == qid:
            return cond.holds(facts)
    return None


def admitted(q: Questionnaire, condition: Condition, qid: str) -> tuple[AnswerState, ...]:
    """The answers to ``qid`` with which ``condition`` may hold, in :data:`DOMAIN` order."""
    out = []
    for value in DOMAIN:
        known = as_answer_value(value)
        answers = {} if known is None else {qid: known}
        if _kleene(q, condition, qid, Facts(profile={}, answers=answers)) is not False:
            out.append(value)
    return tuple(out)


def as_level(value: AnswerState) -> int | None:
    """The level an answer states: "don't know" states nothing (0), other tokens no level."""
    if isinstance(value, int):
        return value
    return 0 if value == "dont_know" else None
