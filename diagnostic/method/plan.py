"""From applied rules to an action plan: merged, ordered, with quick wins, roadmap and strengths.

How the plan is made (documented in ``docs/method.md``):

1. Superseded rules go: when a rule that applies names others in ``supersedes``, those are dropped.
2. Rules on the same ``topic`` are merged into one action: the highest priority wins (then the
   shortest horizon), the explanations and references of the others are kept with it.
3. Actions are ordered by priority (P0 first), then by the gap between the dimension's score and
   its typology target multiplied by the dimension's weight (largest first), then by id.
4. A quick win is an action of small effort within three months.
5. The roadmap puts P0 actions and quick wins in the first 30 days, the other 0–3-month actions in
   90 days, 3–12-month actions within the year, and the rest beyond.
6. Strengths are the best-scored dimensions at or above their target (at most three), each with
   the answers at level 3 or 4 that show it; a dimension below its target is never a strength.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from diagnostic.content.advice import Rule
from diagnostic.content.loader import Questionnaire
from diagnostic.method.answers import Answers
from diagnostic.method.rules import AppliedRule
from diagnostic.method.scoring import ScoreResult

PRIORITIES = ("P0", "P1", "P2", "P3")
HORIZONS = ("0-3m", "3-12m", "12-24m")
ROADMAP = ("30", "90", "365", "later")
STRENGTH_LEVEL = 3
MAX_STRENGTHS = 3


@dataclass(frozen=True)
class Action:
    """One line of the plan: a merged recommendation with everything needed to act on it."""

    rule: Rule
    because: dict[str, tuple[str, ...]]
    references: tuple[str, ...]
    merged: tuple[str, ...]
    gap: float | None
    quick_win: bool
    roadmap: str

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass(frozen=True)
class Strength:
    dimension_id: str
    score: float
    evidence: tuple[tuple[str, int], ...]  # (question id, level)


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]
    strengths: tuple[Strength, ...]

    def bucket(self, name: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.roadmap == name)


def _rank(rule: Rule) -> tuple[int, int]:
    return PRIORITIES.index(rule.priority), HORIZONS.index(rule.horizon)


def _merge(applied: tuple[AppliedRule, ...]) -> list[tuple[AppliedRule, list[AppliedRule]]]:
    dropped = {other for a in applied for other in a.rule.supersedes}
    kept = [a for a in applied if a.rule.id not in dropped]
    groups: dict[str, list[AppliedRule]] = {}
    for a in kept:
        groups.setdefault(a.rule.topic, []).append(a)
    merged = []
    for members in groups.values():
        members.sort(key=lambda a: (*_rank(a.rule), a.rule.id))
        merged.append((members[0], members[1:]))
    return merged


def _roadmap(rule: Rule, quick_win: bool) -> str:
    if rule.horizon == "0-3m":
        return "30" if rule.priority == "P0" or quick_win else "90"
    return "365" if rule.horizon == "3-12m" else "later"


def build(
    q: Questionnaire,
    answers: Answers,
    result: ScoreResult,
    applied: tuple[AppliedRule, ...],
    gaps: Mapping[str, float],
) -> Plan:
    """Assemble the plan (see the module docstring for each step)."""
    weights = {d.dimension_id: d.weight for d in result.dimensions}
    actions = []
    for head, others in _merge(applied):
        rule = head.rule
        because = {
            lang: tuple(dict.fromkeys(s for a in (head, *others) for s in a.because[lang]))
            for lang in head.because
        }
        references = tuple(dict.fromkeys(r for a in (head, *others) for r in a.rule.references))
        quick_win = rule.effort == "S" and rule.horizon == "0-3m"
        actions.append(
            Action(
                rule=rule,
                because=because,
                references=references,
                merged=tuple(a.rule.id for a in others),
                gap=gaps.get(rule.dimension),
                quick_win=quick_win,
                roadmap=_roadmap(rule, quick_win),
            )
        )

    def order(action: Action) -> tuple[int, float, str]:
        urgency = max(action.gap or 0.0, 0.0) * weights.get(action.rule.dimension, 1.0)
        return PRIORITIES.index(action.rule.priority), -urgency, action.id

    actions.sort(key=order)
    return Plan(tuple(actions), strengths(q, answers, result, gaps))


def strengths(
    q: Questionnaire, answers: Answers, result: ScoreResult, gaps: Mapping[str, float]
) -> tuple[Strength, ...]:
    """The best-scored dimensions at or above their target, with answers at level 3 or 4.

    A dimension below its own target is not presented as a strength, however it compares with
    the others: the list may be short, or empty.
    """
    scored = [
        d for d in result.dimensions if d.score is not None and gaps.get(d.dimension_id, 0.0) <= 0
    ]
    ranked = sorted(scored, key=lambda d: (-(d.score or 0.0), d.dimension_id))
    found = []
    for dim in ranked:
        evidence = tuple(
            (question.id, level)
            for question in q.dimension(dim.dimension_id).questions
            if isinstance(level := answers.answers.get(question.id), int)
            and level >= STRENGTH_LEVEL
        )
        if evidence:
            found.append(Strength(dim.dimension_id, dim.score or 0.0, evidence[:3]))
        if len(found) == MAX_STRENGTHS:
            break
    return tuple(found)
