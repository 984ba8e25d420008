"""Every operator: when it holds, when it does not, and the sentence that explains it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter

from diagnostic.content.facts import Facts
from diagnostic.content.operators import OPERATORS as OPERATOR_NAMES
from diagnostic.content.operators import REGISTRY, Condition, Operator
from diagnostic.method.conditions import explain, holds

ROOT = Path(__file__).resolve().parent.parent
parse = TypeAdapter(Condition).validate_python

FACTS = Facts(
    profile={"establishment_type": "ehpad", "ai_tools": ("consumer_genai",)},
    answers={"alpha.one": 1, "alpha.two": "dont_know", "alpha.three": "not_applicable"},
    dimension_scores={"alpha": 30.0, "beta": None},
    red_flags=frozenset({"shadow"}),
    gaps={"alpha": 25.0},
    perception_gaps={"charter": 22.0},
)

# (condition, holds?, French explanation or None when it does not hold)
CASES = {
    "profile_in-true": ({"profile_in": {"field": "establishment_type", "values": ["ehpad", "chu"]}}, True,
                        "Type : EHPAD"),
    "profile_in-false": ({"profile_in": {"field": "establishment_type", "values": ["chu"]}}, False, None),
    "profile_in-unanswered": ({"profile_in": {"field": "establishment_name", "values": ["x"]}}, False, None),
    "tool_in_use-true": ({"tool_in_use": ["consumer_genai", "imaging_ai"]}, True,
                         "outils d'IA utilisés : IA grand public"),
    "tool_in_use-false": ({"tool_in_use": ["imaging_ai"]}, False, None),
    "answer_at_most-true": ({"answer_at_most": {"question": "alpha.one", "level": 1}}, True,
                            "vous avez répondu « < 10 % » (niveau 1) à « Question un ? »"),
    "answer_at_most-false": ({"answer_at_most": {"question": "alpha.one", "level": 0}}, False, None),
    "answer_at_most-dont-know-is-zero": ({"answer_at_most": {"question": "alpha.two", "level": 0}}, True,
                                         "vous avez répondu « Je ne sais pas » à « Question deux ? »"),
    "answer_at_most-not-applicable": ({"answer_at_most": {"question": "alpha.three", "level": 4}}, False, None),
    "answer_at_most-unanswered": ({"answer_at_most": {"question": "beta.one", "level": 4}}, False, None),
    "answer_at_least-true": ({"answer_at_least": {"question": "alpha.one", "level": 1}}, True,
                             "vous avez répondu « < 10 % » (niveau 1) à « Question un ? »"),
    "answer_at_least-false": ({"answer_at_least": {"question": "alpha.one", "level": 2}}, False, None),
    "answer_in-token": ({"answer_in": {"question": "alpha.two", "values": [0, "dont_know"]}}, True,
                        "vous avez répondu « Je ne sais pas » à « Question deux ? »"),
    "answer_in-unanswered": ({"answer_in": {"question": "beta.one", "values": ["unanswered"]}}, True,
                             "vous avez répondu aucune réponse à « Question un ? »"),
    "answer_in-false": ({"answer_in": {"question": "alpha.one", "values": [2, 3]}}, False, None),
    "dimension_score_below-true": ({"dimension_score_below": {"dimension": "alpha", "score": 40}}, True,
                                   "le score « Alpha » est de 30/100, sous le seuil de 40"),
    "dimension_score_below-false": ({"dimension_score_below": {"dimension": "alpha", "score": 30}}, False, None),
    "dimension_score_below-not-scored": ({"dimension_score_below": {"dimension": "beta", "score": 90}}, False,
                                         None),
    "red_flag-true": ({"red_flag": "shadow"}, True, "l'alerte « IA fantôme » est levée"),
    "red_flag-false": ({"red_flag": "other"}, False, None),
    "gap_to_target_above-true": ({"gap_to_target_above": {"dimension": "alpha", "gap": 20}}, True,
                                 "le score « Alpha » est à 25 points de la cible de votre type d'établissement"),
    "gap_to_target_above-false": ({"gap_to_target_above": {"dimension": "alpha", "gap": 25}}, False, None),
    "perception_gap-true": ({"perception_gap": "charter"}, True,
                            "le baromètre interne montre un écart de 22 points sur « charter » entre ce que "
                            "déclare la direction et ce que disent les agents"),
    "perception_gap-false": ({"perception_gap": "training"}, False, None),
    "all-true": ({"all": [{"tool_in_use": ["consumer_genai"]}, {"red_flag": "shadow"}]}, True,
                 "outils d'IA utilisés : IA grand public ; l'alerte « IA fantôme » est levée"),
    "all-false": ({"all": [{"tool_in_use": ["consumer_genai"]}, {"red_flag": "other"}]}, False, None),
    "any-explains-only-what-holds": ({"any": [{"red_flag": "other"}, {"red_flag": "shadow"}]}, True,
                                     "l'alerte « IA fantôme » est levée"),
    "any-false": ({"any": [{"red_flag": "other"}]}, False, None),
    "not-true": ({"not": {"tool_in_use": ["imaging_ai"]}}, True,
                 "aucun de ces outils n'est utilisé : Imagerie"),
    "not-false": ({"not": {"tool_in_use": ["consumer_genai"]}}, False, None),
}  # fmt: skip


@pytest.mark.parametrize(("raw", "expected", "because"), list(CASES.values()), ids=list(CASES))
def test_operator(mini, raw, expected, because) -> None:
    condition = parse(raw)
    assert holds(condition, FACTS) is expected
    if because is not None:
        assert " ; ".join(explain(condition, FACTS, mini, "fr")) == because


def test_explanations_exist_in_english(mini) -> None:
    condition = parse({"answer_at_most": {"question": "alpha.one", "level": 1}})
    assert explain(condition, FACTS, mini, "en") == [
        'you answered "< 10 %" (level 1) to "Question one?"'
    ]


def test_every_operator_is_evaluated_tested_and_documented() -> None:
    # Each registered class is concrete (implements every abstract method) and parses its key.
    for key, cls in REGISTRY.items():
        assert not getattr(cls, "__abstractmethods__", None), f"{key}: {cls.__abstractmethods__}"
        assert issubclass(cls, Operator) and cls.key == key
        assert next(iter(cls.model_fields)).rstrip("_") == key
    assert set(REGISTRY) == set(OPERATOR_NAMES)
    tested = {case.split("-")[0] for case in CASES}
    assert tested == set(OPERATOR_NAMES)
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert [n for n in OPERATOR_NAMES if f"`{n}`" not in guide] == []


def test_absent_condition_holds() -> None:
    assert holds(None, FACTS)
