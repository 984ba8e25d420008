"""Plan composition: owners by type, confidence, "don't know" handling and the published order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import product

import pytest
from pydantic import ValidationError

from diagnostic.content.plan_models import ConfidencePolicy
from diagnostic.method import benchmarks, owners
from diagnostic.method.answers import read
from diagnostic.method.confidence import assess
from diagnostic.method.report import build_report

from .conftest import EXAMPLES

DAY = date(2026, 12, 4)


def _options(q, field: str) -> list[str]:
    return [o.id for o in q.profile_by_id[field].options]


def test_no_owner_is_a_body_the_establishment_type_lacks(questionnaire) -> None:
    """Every type × group × IT department: the roles used never need an absent body."""
    policy = questionnaire.plan_policy.owners
    codes = {r.owner for r in questionnaire.rules}
    for kind, group, it in product(
        _options(questionnaire, "establishment_type"),
        [*_options(questionnaire, "group_membership"), ""],
        [*_options(questionnaire, "it_department"), ""],
    ):
        profile = {"establishment_type": kind, "group_membership": group, "it_department": it}
        roles = owners.role_map(policy, profile)
        used = {roles[c] for c in codes} | set(owners.workshop_roles(policy, profile))
        needed = owners.bodies_named(policy, used)
        assert needed <= set(policy.bodies[kind]), (kind, group, it, needed)


def test_nursing_home_and_clinic_owners_are_the_roles_they_have(questionnaire) -> None:
    policy = questionnaire.plan_policy.owners
    ehpad = owners.role_map(policy, {"establishment_type": "ehpad", "it_department": "none"})
    assert ehpad["cme"] == "medical_coordinator" and ehpad["care"] == "idec"
    assert {ehpad["dsi"], ehpad["rssi"]} == {"it_provider"}
    clinic = owners.role_map(policy, {"establishment_type": "private_clinic"})
    assert clinic["dg"] == "clinic_director" and clinic["cme"] == "clinic_cme"
    member = {"establishment_type": "ch", "group_membership": "ght_member"}
    assert owners.role_map(policy, member)["dsi"] == "ght_dsi"
    assert owners.shared_it(policy, member) == "ght"
    own = {**member, "it_department": "own"}
    assert owners.role_map(policy, own)["dsi"] == "dsi" and owners.shared_it(policy, own) is None


def test_confidence_follows_the_published_thresholds(questionnaire) -> None:
    answers = read((EXAMPLES / "ch-moyen.yaml").read_bytes(), questionnaire)
    report = build_report(questionnaire, answers, {}, today=DAY)
    policy = questionnaire.plan_policy.confidence
    assert report.composition.confidence.overall.level == "high"
    # every security answer unknown: that dimension is low, so the whole stage is indicative
    unknown = {
        qid: ("dont_know" if questionnaire.dimension_of[qid] == "security" else v)
        for qid, v in answers.answers.items()
    }
    result = build_report(questionnaire, replace(answers, answers=unknown), {}, today=DAY)
    conf = assess(policy, dict(questionnaire.dimension_of), result.answers, result.scores)
    assert conf.dimensions["security"].level == "low" and conf.low_dimensions == ("security",)
    assert conf.indicative and result.composition.confidence.indicative
    # the score rule is unchanged: "don't know" still counts 0
    assert result.scores.dimension("security").score == 0


def test_confidence_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValidationError):
        ConfidencePolicy(
            low_dont_know_share=0.2, medium_dont_know_share=0.4, high_evidence_share=0.5
        )


def test_dont_know_answers_give_a_checklist_not_worst_case_actions(questionnaire) -> None:
    answers = read((EXAMPLES / "chu-grand.yaml").read_bytes(), questionnaire)
    changed = {**answers.answers, "use_cases.decommissioning": "dont_know"}
    base = build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)
    report = build_report(
        questionnaire, replace(answers, answers=changed), benchmarks.load_editions(), today=DAY
    )
    comp = report.composition
    assert [c.question_id for c in comp.checklist] == ["use_cases.decommissioning"]
    assert comp.checklist[0].role == "cme"
    every = {i.id for i in (*comp.items, *comp.later)}
    base_every = {i.id for i in (*base.composition.items, *base.composition.later)}
    # an action that only the "don't know" called for is set aside, with the reason visible
    assert "use_cases.plan_ai_decommissioning" in base_every
    assert "use_cases.plan_ai_decommissioning" in {a.id for a in comp.set_aside}
    assert every <= base_every | {a.id for a in comp.set_aside}
    assert all(a.id not in every for a in comp.set_aside)


def test_indicative_plan_starts_with_the_workshop_after_red_flags(questionnaire) -> None:
    from .test_reference_plans import PLANS, report_for

    report = report_for(questionnaire, PLANS / "mostly_dk.yaml")
    comp = report.composition
    cats = [i.category for i in comp.items]
    assert cats.index("workshop") == cats.count("red_flag")
    roles = set(comp.workshop_roles)
    assert {"ght_dsi", "dpo", "cme", "biomedical"} <= roles
    text = report.to_dict()["composition"]["confidence"]["banner"]["fr"]
    assert "76" in text and "40" in text


@pytest.mark.parametrize("doc", ["method.md", "method.en.md"])
def test_method_publishes_the_composition_thresholds(questionnaire, doc) -> None:
    """The published method states the budgets and thresholds plan.yaml applies."""
    from .conftest import ROOT

    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    policy = questionnaire.plan_policy
    b, c = policy.budgets, policy.confidence
    for value in (b.priorities, b.first_quarter, b.plan, b.socle, b.indicative_plan):
        assert f"**{value}**" in text, value
    assert f"**{c.low_dont_know_share * 100:.0f} %**" in text
    assert f"{c.medium_dont_know_share * 100:.0f} %" in text
    assert f"**{policy.upcoming_months} " in text
    assert "--why" in text
