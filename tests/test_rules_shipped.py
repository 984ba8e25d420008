"""Every shipped rule fires on an answer set built to satisfy it, and not on its opposite.

The cases are generated from the rule table itself (see tests/solver.py), so a new rule is tested
the moment it is written, and a rule whose condition cannot be met fails here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from diagnostic.content.loader import load
from diagnostic.content.operators import RedFlagRaised
from diagnostic.method import rules
from diagnostic.method.answers import Answers
from diagnostic.method.report import gather_facts
from diagnostic.method.scoring import score
from diagnostic.method.targets import gaps, targets_for

from .conftest import SHIPPED
from .solver import make

RULES = load(SHIPPED).rules
BASE_PROFILE = {"establishment_type": "ch", "legal_status": "public", "beds": "b300_799"}


def fired(q, state) -> set[str]:
    answers = Answers(q.id, q.version, state["profile"], state["answers"])
    result = score(q, answers)
    facts = gather_facts(answers, result, gaps(targets_for(q, answers.profile), result))
    facts = replace(facts, perception_gaps=state.get("perception_gaps", {}))
    return {a.rule.id for a in rules.evaluate(q, facts)}


def start(q, level: int) -> dict:
    return {"profile": dict(BASE_PROFILE), "answers": {qid: level for qid in q.questions}}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_fires_when_its_condition_is_met(questionnaire, rule) -> None:
    state = start(questionnaire, 2)
    make(questionnaire, rule.when, state, True)
    assert rule.id in fired(questionnaire, state)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_does_not_fire_on_the_opposite(questionnaire, rule) -> None:
    state = start(questionnaire, 2)
    make(questionnaire, rule.when, state, False)
    assert rule.id not in fired(questionnaire, state)


def _flags_named(rule) -> set[str]:
    return {op.red_flag for op, _ in rule.when.walk() if isinstance(op, RedFlagRaised)}


def test_rule_table_is_large_enough_and_covers_everything(questionnaire) -> None:
    assert len(RULES) >= 35
    assert {r.dimension for r in RULES} == {d.id for d in questionnaire.dimensions}
    for flag in questionnaire.red_flags:
        answering = [r.id for r in RULES if flag.id in _flags_named(r) and r.priority == "P0"]
        assert answering, f"no P0 rule answers the red flag {flag.id}"
