"""Reference establishments: each plan meets expectations written from domain reasoning.

``tests/plans/<name>.yaml`` is an answers file; ``<name>.expect.yaml`` beside it says, written
before the engine was run on it, what a consultant expects: the action that must come first,
actions that must be among the five priorities, actions that must not appear anywhere (plan or
"to consider next"), roles that must not own anything, words (bodies the type lacks) that no
action may contain, the maximum plan length, the confidence
and whether the plan is a small establishment's starter pack. An expected action matches an
item whose rule, or one of the rules merged into it, has that id.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.composition import Item
from diagnostic.method.report import Report, build_report
from diagnostic.outputs import plan_text

from .conftest import EXAMPLES

PLANS = Path(__file__).parent / "plans"
NAMES = sorted(p.name.removesuffix(".expect.yaml") for p in PLANS.glob("*.expect.yaml"))
DAY = date(2026, 12, 4)


def report_for(questionnaire, path: Path) -> Report:
    answers = read(path.read_bytes(), questionnaire)
    return build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)


def ids(item: Item) -> set[str]:
    return {item.id, *(item.action.merged if item.action else ())}


def test_the_suite_covers_the_establishments_the_issue_names() -> None:
    assert len(NAMES) >= 12
    for name in NAMES:
        assert (PLANS / f"{name}.yaml").is_file(), f"{name}.expect.yaml has no answers file"


@pytest.mark.parametrize("name", NAMES)
def test_reference_plan_meets_its_expectations(questionnaire, name: str) -> None:
    expect = yaml.safe_load((PLANS / f"{name}.expect.yaml").read_text(encoding="utf-8"))
    report = report_for(questionnaire, PLANS / f"{name}.yaml")
    comp = report.composition
    everything = [*comp.items, *comp.later]
    top = set().union(*(ids(i) for i in comp.priorities))
    assert len(comp.items) <= expect["max_plan_length"]
    assert len(comp.priorities) <= 5
    if "first" in expect:
        assert expect["first"] in ids(comp.items[0]), [i.id for i in comp.items[:3]]
    for wanted in expect.get("top_priorities_include", []):
        assert wanted in top, (wanted, [i.id for i in comp.priorities])
    if any_of := expect.get("top_priorities_any_of"):
        assert top & set(any_of), [i.id for i in comp.priorities]
    present = set().union(*(ids(i) for i in everything)) if everything else set()
    assert not present & set(expect.get("forbidden", [])), present & set(expect["forbidden"])
    owners = {i.owner for i in everything} | {c.role for c in comp.checklist}
    assert not owners & set(expect.get("forbidden_roles", [])), owners
    assert comp.confidence.overall.level == expect["confidence"]
    assert comp.confidence.indicative == expect.get("indicative", False)
    assert comp.socle == expect["socle"]
    if "shared_it" in expect:
        assert comp.shared_it == expect["shared_it"]
    assert len(comp.checklist) >= expect.get("min_checklist", 0)
    for word in expect.get("forbidden_words", []):
        for item in comp.items:
            texts = [plan_text.title(item, "fr"), plan_text.description(item, "fr")]
            texts += plan_text.steps(questionnaire, comp, item, "fr")
            texts.append(plan_text.role(item.owner, "fr"))
            named = [t for t in texts if re.search(rf"\b{word}\b", t)]
            assert not named, (item.id, word, named)


@pytest.mark.parametrize("name", NAMES)
def test_every_plan_respects_the_published_budgets(questionnaire, name: str) -> None:
    _budgets_hold(report_for(questionnaire, PLANS / f"{name}.yaml"))


@pytest.mark.parametrize("name", ["chu-grand", "ch-moyen", "ehpad"])
def test_shipped_examples_respect_the_budgets(questionnaire, name: str) -> None:
    _budgets_hold(report_for(questionnaire, EXAMPLES / f"{name}.yaml"))


def _budgets_hold(report: Report) -> None:
    policy = report.questionnaire.plan_policy
    assert policy is not None
    comp, budgets = report.composition, policy.budgets
    assert len(comp.items) <= budgets.plan
    if comp.socle:
        assert len(comp.items) <= budgets.socle
    if comp.confidence.indicative:
        assert len(comp.items) <= budgets.indicative_plan
    assert sum(i.horizon == "0-3m" for i in comp.items) <= budgets.first_quarter
    # P0 only for red flags and obligations already in force
    assert all(i.category in ("red_flag", "in_force") for i in comp.items if i.priority == "P0")
    # every red-flag response comes before anything else
    cats = [i.category for i in comp.items]
    assert cats == sorted(cats, key=lambda c: c != "red_flag")
    raised = {f.flag_id for f in report.scores.red_flags}
    answered = set().union(*(set(i.flags) for i in comp.items)) if comp.items else set()
    assert raised <= answered, "every raised red flag has a response in the plan"
    # due dates are calendar dates after the diagnostic, in plan order within a bucket
    assert all(i.due > report.generated_on for i in comp.items)
