"""Level awareness: no shipped rule asks for what the answer that triggered it already states.

For every rule and every question it reads (red flags included), the solver builds an answer set
that makes the rule fire; each possible answer to that question is then tried in turn, and the
rule must fire only on answers it declares in ``addresses``, all below the level it ``leads_to``.
"""

from __future__ import annotations

import pytest

from diagnostic.content import loader as content
from diagnostic.content.levels import DOMAIN, admitted, as_level, questions_read
from diagnostic.errors import ContentError

from .conftest import SHIPPED
from .solver import make
from .test_rules_shipped import fired, start

RULES = content.load(SHIPPED).rules
CASES = [(rule, path) for rule in RULES for path in rule.levels]


@pytest.mark.parametrize(("rule", "path"), CASES, ids=[f"{r.id}:{p.question}" for r, p in CASES])
def test_rule_never_fires_at_or_above_the_level_it_leads_to(questionnaire, rule, path) -> None:
    state = start(questionnaire, 2)
    make(questionnaire, rule.when, state, True)
    assert rule.id in fired(questionnaire, state), "the solver could not trigger the rule"
    firing = []
    for value in DOMAIN:
        trial = {"profile": dict(state["profile"]), "answers": dict(state["answers"])}
        trial["answers"].pop(path.question, None)
        if value != "unanswered":
            trial["answers"][path.question] = value
        if rule.id in fired(questionnaire, trial):
            firing.append(value)
    assert firing, "the rule fires on no answer to the question it declares"
    assert set(firing) <= set(path.addresses)
    levels = [lvl for v in firing if (lvl := as_level(v)) is not None]
    assert max(levels) < path.leads_to


def test_every_question_a_rule_reads_is_declared(questionnaire) -> None:
    for rule in RULES:
        read = set(questions_read(questionnaire, rule.when))
        assert read == {p.question for p in rule.levels}, rule.id


def test_the_three_cases_from_the_issue_fire_no_more_at_level_3(questionnaire) -> None:
    cases = {
        "compliance.inform_at_point_of_care": "compliance.patient_information",
        "governance.strengthen_ai_committee": "governance.ai_lead",
        "procurement.standardise_ai_contract_clauses": "procurement.contract_clauses",
    }
    by_id = {r.id: r for r in RULES}
    for rule_id, qid in cases.items():
        assert 3 not in admitted(questionnaire, by_id[rule_id].when, qid), rule_id


@pytest.mark.parametrize(
    ("question", "rule_id"),
    [
        ("governance.ai_lead", "governance.report_ai_committee_to_boards"),
        ("compliance.patient_information", "compliance.co_design_patient_information"),
        ("procurement.contract_clauses", "procurement.review_ai_contract_model"),
        ("use_cases.evaluation", "use_cases.scale_what_works"),
        ("procurement.medico_economic", "procurement.decide_on_medico_economic_results"),
        ("use_cases.monitoring", "use_cases.monitor_performance_and_drift"),
        ("use_cases.national_priorities", "use_cases.share_with_national_programmes"),
    ],
)
def test_a_level_3_answer_gets_advice_for_level_4(questionnaire, question, rule_id) -> None:
    state = start(questionnaire, 3)
    state["profile"]["ai_tools"] = ("imaging_ai",)
    assert rule_id in fired(questionnaire, state)
    state["answers"][question] = 4
    assert rule_id not in fired(questionnaire, state)


def test_an_advanced_establishment_gets_no_starter_action(questionnaire) -> None:
    state = start(questionnaire, 3)
    state["profile"]["ai_tools"] = ("imaging_ai", "enterprise_genai")
    starters = {r.id for r in RULES if any(0 in p.addresses and p.leads_to <= 3 for p in r.levels)}
    assert {
        "governance.appoint_ai_lead",
        "training.adopt_usage_charter",
        "governance.build_ai_register",
    } <= starters
    assert not fired(questionnaire, state) & starters


def _rewrite(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rule_firing_at_the_level_it_leads_to_is_refused_with_its_location(shipped_copy) -> None:
    rules = shipped_copy / "rules" / "02-training-data-usecases-procurement-ethics.yaml"
    _rewrite(
        rules,
        "{question: procurement.contract_clauses, values: [2]}",
        "{question: procurement.contract_clauses, values: [2, 3]}",
    )
    with pytest.raises(ContentError) as err:
        content.load(shipped_copy)
    text = str(err.value)
    assert "standardise_ai_contract_clauses" in text
    assert "fires on [2, 3], not on [2]" in text
    assert "levels[0].addresses" in text


def test_leads_to_not_above_the_levels_addressed_is_refused(shipped_copy) -> None:
    rules = shipped_copy / "rules" / "03-upper-levels.yaml"
    _rewrite(
        rules,
        "{question: procurement.contract_clauses, addresses: [3], leads_to: 4}",
        "{question: procurement.contract_clauses, addresses: [3], leads_to: 3}",
    )
    with pytest.raises(ContentError) as err:
        content.load(shipped_copy)
    assert "already states level 3" in str(err.value)
    assert "levels[0].leads_to" in str(err.value)


def test_a_question_read_but_not_declared_is_refused(shipped_copy) -> None:
    rules = shipped_copy / "rules" / "03-upper-levels.yaml"
    _rewrite(
        rules,
        "      - {question: use_cases.evaluation, addresses: [3], leads_to: 4}\n",
        "      - {question: use_cases.monitoring, addresses: [3], leads_to: 4}\n",
    )
    with pytest.raises(ContentError) as err:
        content.load(shipped_copy)
    text = str(err.value)
    assert 'reads "use_cases.evaluation" but levels does not say' in text
    assert 'question read by this rule "use_cases.monitoring" does not exist' in text


def test_admitted_follows_negation_and_red_flags(questionnaire) -> None:
    by_id = {r.id: r for r in RULES}
    flag_rule = by_id["compliance.run_dpia_for_clinical_ai"]
    assert set(admitted(questionnaire, flag_rule.when, "compliance.dpia")) == {
        0,
        1,
        2,
        "dont_know",
    }


def test_a_question_declared_twice_is_refused(shipped_copy) -> None:
    rules = shipped_copy / "rules" / "03-upper-levels.yaml"
    line = "      - {question: use_cases.evaluation, addresses: [3], leads_to: 4}\n"
    _rewrite(rules, line, line + line)
    with pytest.raises(ContentError) as err:
        content.load(shipped_copy)
    assert '"use_cases.evaluation" is declared twice' in str(err.value)
