"""The three example establishments get plans a consultant would sign off.

These tests read the shipped content (rules, targets, use cases) through the real pipeline and
assert what matters to each establishment, not the exact wording of the plan.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from diagnostic.content.operators import RedFlagRaised
from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.report import build_report

from .conftest import EXAMPLES

DAY = date(2026, 11, 28)


def report_for(questionnaire, name: str):
    answers = read((EXAMPLES / f"{name}.yaml").read_bytes(), questionnaire)
    return build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)


def flags_named(rule) -> set[str]:
    return {op.red_flag for op, _ in rule.when.walk() if isinstance(op, RedFlagRaised)}


@pytest.mark.parametrize("name", ["chu-grand", "ch-moyen", "ehpad"])
def test_cli_report_json_has_complete_recommendations(name) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "diagnostic", "report", str(EXAMPLES / f"{name}.yaml"), "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)["plan"]
    assert plan
    for item in plan:
        assert item["priority"] in {"P0", "P1", "P2", "P3"}
        assert item["horizon"] and item["owner"] and item["effort"]
        assert item["references"] and item["because"]["fr"] and item["because"]["en"]


def test_cli_report_text_in_both_languages() -> None:
    for lang, heading in (("fr", "Plan d'action priorisé"), ("en", "Prioritised action plan")):
        out = subprocess.run(
            [sys.executable, "-m", "diagnostic", "report", str(EXAMPLES / "ch-moyen.yaml"), "--lang", lang],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert out.returncode == 0 and heading in out.stdout


def test_mid_size_hospital_starts_with_its_red_flags(questionnaire) -> None:
    report = report_for(questionnaire, "ch-moyen")
    raised = {f.flag_id for f in report.scores.red_flags}
    assert raised >= {"patient_data_in_consumer_ai", "clinical_ai_without_dpia"}
    first = report.plan.actions[: len(raised)]
    assert all(a.rule.priority == "P0" for a in first)
    answered = set().union(
        *(flags_named(a.rule) for a in report.plan.actions if a.rule.priority == "P0")
    )
    assert raised <= answered, "every raised red flag gets a P0 action"
    assert all(a.roadmap == "30" for a in report.plan.actions if a.rule.priority == "P0")


def test_care_home_is_not_sent_to_build_a_data_warehouse(questionnaire) -> None:
    report = report_for(questionnaire, "ehpad")
    titles = " ".join(
        a.rule.title.fr.lower() + a.rule.description.fr.lower() for a in report.plan.actions
    )
    assert "entrepôt" not in titles
    assert all("warehouse" not in r.use_case.id for r in report.readiness)
    assert report.targets["data"] < report_for(questionnaire, "chu-grand").targets["data"]
    fall = [r for r in report.readiness if r.use_case.id == "fall_detection_care_home"]
    assert fall and fall[0].status == "in_production"


def test_university_hospital_plan_targets_its_largest_gaps(questionnaire) -> None:
    report = report_for(questionnaire, "chu-grand")
    assert not report.scores.red_flags
    gaps = {d.dimension_id: d.gap for d in report.benchmarks.dimensions if d.gap is not None}
    worst = max(gaps, key=lambda k: gaps[k])
    assert worst == "training"
    top_dimensions = [a.rule.dimension for a in report.plan.actions[:6]]
    assert "training" in top_dimensions
    # every dimension is below its (high) CHU target: none is presented as a strength
    assert report.plan.strengths == ()


@pytest.mark.parametrize("name", ["chu-grand", "ch-moyen", "ehpad"])
def test_strengths_are_only_dimensions_at_or_above_target(questionnaire, name) -> None:
    report = report_for(questionnaire, name)
    gaps = {d.dimension_id: d.gap for d in report.benchmarks.dimensions}
    for strength in report.plan.strengths:
        assert (gaps[strength.dimension_id] or 0) <= 0


def test_plans_differ_between_establishments(questionnaire) -> None:
    plans = {
        name: [a.id for a in report_for(questionnaire, name).plan.actions[:5]]
        for name in ("chu-grand", "ch-moyen", "ehpad")
    }
    # Every pair differs (a chained != would never compare chu-grand with ehpad).
    firsts = [tuple(p) for p in plans.values()]
    assert len(set(firsts)) == len(firsts), plans
