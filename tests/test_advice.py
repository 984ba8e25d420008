"""Targets, rules, plan, calendar and readiness on the mini questionnaire (hand-checked)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from diagnostic.method import benchmarks
from diagnostic.method.answers import Answers
from diagnostic.method.report import build_report
from diagnostic.method.targets import rationale, targets_for

MINI_BENCH = Path(__file__).resolve().parent / "fixtures" / "mini_benchmarks"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def editions():
    return benchmarks.load_editions(MINI_BENCH)


def report(mini, editions, profile, answers, **kw):
    return build_report(mini, Answers("mini", "1.0", profile, answers), editions, today=TODAY, **kw)


@pytest.mark.parametrize(
    ("profile", "expected", "why"),
    [
        pytest.param(
            {"establishment_type": "ehpad"},
            {"alpha": 50, "beta": 30},
            ["Un EHPAD"],
            id="type-override",
        ),
        pytest.param(
            {"establishment_type": "chu"},
            {"alpha": 70, "beta": 100},
            ["Par défaut", "Grand"],
            id="size-adjustment-capped-at-100",
        ),
        pytest.param({}, {"alpha": 50, "beta": 60}, ["Par défaut"], id="default"),
    ],
)
def test_targets_by_typology(mini, profile, expected, why) -> None:
    assert targets_for(mini, profile) == expected
    assert rationale(mini, profile, "fr") == why


def test_superseded_rule_is_dropped_and_red_flag_rule_comes_first(mini, editions) -> None:
    r = report(
        mini,
        editions,
        {"establishment_type": "chu", "ai_tools": ("consumer_genai",)},
        {"alpha.one": 0, "alpha.two": 4, "alpha.three": 4, "beta.one": 4},
    )
    ids = [a.id for a in r.plan.actions]
    assert ids[0] == "alpha.stop_shadow"
    assert "alpha.improve_one" not in ids  # superseded by the red-flag rule
    assert r.plan.actions[0].roadmap == "30" and r.plan.actions[0].quick_win


def test_same_topic_rules_merge_into_the_highest_priority(mini, editions) -> None:
    r = report(mini, editions, {"establishment_type": "ehpad"}, {"alpha.two": 0})
    [two] = [a for a in r.plan.actions if a.rule.topic == "two"]
    assert two.id == "alpha.urgent_two"
    assert two.merged == ("alpha.basic_two",)
    assert two.because["fr"] == ("vous avez répondu « 0 % » (niveau 0) à « Question deux ? »",)
    assert two.roadmap == "90"  # 0-3 months, not P0, not small effort


def test_order_is_priority_then_gap_times_weight(mini, editions) -> None:
    # CHU targets alpha 70 / beta 100: beta's gap drives the P2 ordering.
    r = report(
        mini,
        editions,
        {"establishment_type": "chu"},
        {"alpha.one": 2, "alpha.two": 2, "alpha.three": 2, "beta.one": 2, "beta.warehouse": 2},
    )
    assert [a.id for a in r.plan.actions] == ["beta.gap", "alpha.basic_two", "alpha.improve_one"]
    assert r.plan.actions[0].gap == 50
    assert [a.roadmap for a in r.plan.actions] == ["later", "365", "365"]


def test_every_action_has_what_a_director_needs(mini, editions) -> None:
    r = report(
        mini,
        editions,
        {"establishment_type": "chu", "ai_tools": ("consumer_genai",)},
        {"alpha.one": 0},
    )
    for action in r.plan.actions:
        rule = action.rule
        assert rule.priority and rule.horizon and rule.owner and rule.effort and action.references
        assert action.because["fr"] and action.because["en"]


def test_strengths_carry_their_evidence(mini, editions) -> None:
    r = report(
        mini,
        editions,
        {"establishment_type": "ehpad"},
        {"alpha.one": 4, "alpha.two": 3, "alpha.three": 1, "beta.one": 1},
    )
    assert [(s.dimension_id, s.evidence) for s in r.plan.strengths] == [
        ("alpha", (("alpha.one", 4), ("alpha.two", 3)))
    ]


def test_calendar_is_personalised_and_dated(mini, editions) -> None:
    ehpad = report(mini, editions, {"establishment_type": "ehpad"}, {})
    chu = report(mini, editions, {"establishment_type": "chu"}, {})
    assert [(d.entry.id, d.past) for d in ehpad.deadlines] == [
        ("past_rule", True),
        ("future_rule", False),
    ]
    assert [d.entry.id for d in chu.deadlines] == ["past_rule", "hospital_only", "future_rule"]


@pytest.mark.parametrize(
    ("profile", "answers", "status", "detail"),
    [
        pytest.param(
            {"establishment_type": "chu", "ai_tools": ("imaging_ai",)},
            {},
            "in_production",
            (),
            id="in-production",
        ),
        pytest.param(
            {"establishment_type": "chu", "ai_tools": ("consumer_genai",)},
            {"alpha.one": 0},
            "not_advised",
            ({"fr": "alerte", "en": "alert"},),
            id="blocked-by-red-flag",
        ),
        pytest.param(
            {"establishment_type": "chu"},
            {"alpha.one": 1, "beta.one": 4},
            "ready_once",
            ({"fr": "alpha au moins 3", "en": "alpha at least 3"},),
            id="missing-prerequisite",
        ),
        pytest.param(
            {"establishment_type": "chu"},
            {"alpha.one": 3, "beta.one": 4},
            "ready_now",
            (),
            id="ready",
        ),
    ],
)
def test_use_case_readiness(mini, editions, profile, answers, status, detail) -> None:
    r = report(mini, editions, profile, answers)
    [imaging] = [x for x in r.readiness if x.use_case.id == "imaging"]
    assert imaging.status == status
    assert (
        imaging.blockers
        if status == "not_advised"
        else imaging.missing
        if status == "ready_once"
        else ()
    ) == detail


def test_use_case_not_relevant_to_profile_is_left_out(mini, editions) -> None:
    r = report(mini, editions, {"establishment_type": "ehpad"}, {})
    assert [x.use_case.id for x in r.readiness] == ["assistant"]


def test_report_is_json_ready(mini, editions) -> None:
    import json

    r = report(
        mini,
        editions,
        {"establishment_type": "chu", "ai_tools": ("consumer_genai",)},
        {"alpha.one": 0},
    )
    data = json.loads(json.dumps(r.to_dict()))
    assert data["plan"][0]["because"]["en"]
    assert data["benchmarks"]["edition"] == "2026"


def test_a_dimension_below_its_target_is_not_a_strength(mini, editions) -> None:
    # alpha has answers at level 3 and 4 but scores below the CHU target of 70
    answers = {"alpha.one": 4, "alpha.two": 3, "alpha.three": 0, "beta.one": 1}
    r = report(mini, editions, {"establishment_type": "chu"}, answers)
    assert r.scores.dimension("alpha").score < r.targets["alpha"]
    assert r.plan.strengths == ()
