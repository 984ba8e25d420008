"""Evaluate conditions and say, in words, why one holds.

Conditions are data (see :mod:`diagnostic.content.operators`): each operator class carries its own
predicate and explanation, so this module only handles absent conditions and the two questions the
wizard asks (is a question shown, may it be answered "not applicable").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diagnostic.content.facts import Facts
from diagnostic.content.models import Question
from diagnostic.content.operators import Condition

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire


def holds(condition: Condition | None, facts: Facts) -> bool:
    """True when the condition holds (an absent condition always holds)."""
    return True if condition is None else condition.holds(facts)


def is_asked(question: Question, facts: Facts) -> bool:
    """A question is asked unless its ``when`` condition on the profile is false."""
    return holds(question.when, facts)


def allows_not_applicable(question: Question, facts: Facts) -> bool:
    """ "Not applicable" is offered only where the question declares when it may apply."""
    return question.not_applicable_when is not None and holds(question.not_applicable_when, facts)


def explain(condition: Condition, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
    """Sentences saying why a condition holds, leaf by leaf ("because you answered …").

    Only the parts that actually hold are explained: for ``any`` the satisfied branches, for
    ``all`` every branch. Negations are explained in their own words.
    """
    return condition.explain(facts, q, lang)
