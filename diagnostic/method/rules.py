"""Recommendation rules: which ones apply to this establishment, and why.

A rule applies when its condition holds on the facts gathered so far (profile, answers, dimension
scores, red flags, gaps to target). Each applied rule keeps the sentences that explain its
condition ("because you answered … to …") in both languages, so the plan can say why it is there.
"""

from __future__ import annotations

from dataclasses import dataclass

from diagnostic.content.advice import Rule
from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import LANGS
from diagnostic.method.conditions import explain, holds


@dataclass(frozen=True)
class AppliedRule:
    """A rule whose condition holds, with the explanation in every language."""

    rule: Rule
    because: dict[str, tuple[str, ...]]


def evaluate(q: Questionnaire, facts: Facts) -> tuple[AppliedRule, ...]:
    """Every rule whose condition holds, in content order."""
    return tuple(
        AppliedRule(rule, {lang: tuple(explain(rule.when, facts, q, lang)) for lang in LANGS})
        for rule in q.rules
        if holds(rule.when, facts)
    )
