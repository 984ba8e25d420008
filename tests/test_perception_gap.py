"""The perception gap: a crafted pulse (charter declared, 70 % never heard of it; 30–60 % trained
declared, 12 % trained) yields the findings and the rules' actions; a consistent pulse, none; a
plan without pulse results is the self-assessment's."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from diagnostic.method import answers as answers_io
from diagnostic.method import benchmarks
from diagnostic.method import perception_gap as gap
from diagnostic.method.pulse_stats import PulseAnswer, results
from diagnostic.method.report import build_report

from .conftest import ROOT

DAY = date(2026, 12, 4)
BASE = {
    "perception": "rather_positive",
    "personal_tools": "never",
    "training": "none",
    "charter": "read",
    "visibility": "vague",
    "obstacles": ("reliability",),
    "benefits": ("admin_tasks",),
}
ROLES = ["care"] * 20 + ["medical"] * 15 + ["administrative"] * 10 + ["technical"] * 5


def pulse_of(never_heard: int, trained: int, personal: int = 5) -> list[PulseAnswer]:
    """Fifty answers: the first ``never_heard`` never heard of the charter, and so on."""
    out = []
    for i, role in enumerate(ROLES):
        choice = dict(BASE)
        choice["charter"] = "never_heard" if i < never_heard else "read"
        choice["training"] = "trained" if i % 50 < trained else "none"
        choice["personal_tools"] = "sometimes" if i >= 50 - personal else "never"
        out.append(PulseAnswer(f"a{i:02d}", role, {**choice, "role_family": role}))
    return out


@pytest.fixture(scope="module")
def management(questionnaire):
    raw = (ROOT / "examples" / "ch-moyen.yaml").read_bytes()
    base = answers_io.read(raw, questionnaire)
    levels = dict(base.answers)
    levels.update({"training.charter": 3, "training.trained_share": 3, "security.shadow_ai": 3})
    return replace(base, answers=levels)


@pytest.fixture(scope="module")
def editions():
    return benchmarks.load_editions()


def test_the_crafted_pulse_yields_both_findings_in_words(
    questionnaire, management, editions
) -> None:
    found = results(questionnaire.pulse, pulse_of(never_heard=35, trained=6), 5)
    comparisons = gap.compare(questionnaire, found, editions, management.answers)
    gaps = gap.perception_gaps(comparisons)
    assert gaps == {"charter": pytest.approx(20.0), "training": pytest.approx(18.0)}
    texts = [t for c in comparisons if (t := gap.finding_text(questionnaire, c, "fr"))]
    assert len(texts) == 2
    charter = next(t for t in texts if "jamais entendu parler" in t)
    assert "Charte validée" in charter and "70\u202f%" in charter and "au plus 50\u202f%" in charter
    training = next(t for t in texts if "formés" in t)
    assert "12\u202f%" in training and "30 à 60\u202f%" in training
    english = [t for c in comparisons if (t := gap.finding_text(questionnaire, c, "en"))]
    assert any("never heard of it" in t and "70%" in t for t in english)


def test_each_item_sits_beside_the_barometer_with_its_source_and_n(
    questionnaire, management, editions
) -> None:
    found = results(questionnaire.pulse, pulse_of(never_heard=35, trained=6), 5)
    by_item = {
        c.item.id: c for c in gap.compare(questionnaire, found, editions, management.answers)
    }
    trained = by_item["training"].barometer
    assert trained is not None and trained.indicator.value == 6
    assert trained.indicator.sample_size == 1051 and trained.indicator.reference == "ifop_barometer"
    assert trained.method == "same" and trained.difference == pytest.approx(12 - 6)
    obstacles = by_item["obstacles"].barometer
    assert obstacles is not None and obstacles.method == "context" and obstacles.difference is None
    assert obstacles.indicator.provenance == "colloquium_only" and obstacles.note
    # Not the same measure: side by side with a note, never a gap.
    assert by_item["perception"].management.method == "context"
    assert by_item["perception"].management.gap is None


def test_the_plan_built_with_the_pulse_contains_the_rules_actions(
    questionnaire, management, editions
) -> None:
    found = results(questionnaire.pulse, pulse_of(never_heard=35, trained=6, personal=25), 5)
    gaps = gap.perception_gaps(gap.compare(questionnaire, found, editions, management.answers))
    assert set(gaps) == {"charter", "training", "personal_tools"}
    report = build_report(questionnaire, management, editions, today=DAY, perception_gaps=gaps)
    actions = {a.id: a for a in report.plan.actions}
    for rule in (
        "training.make_charter_known",
        "training.train_before_counting_trained",
        "security.address_personal_ai_use",
    ):
        assert rule in actions
    because = " ".join(" ".join(v) for v in actions["training.make_charter_known"].because.values())
    assert "baromètre interne" in because and "20 points" in because


def test_a_consistent_pulse_yields_no_finding_and_an_unchanged_plan(
    questionnaire, management, editions
) -> None:
    found = results(questionnaire.pulse, pulse_of(never_heard=10, trained=20), 5)
    comparisons = gap.compare(questionnaire, found, editions, management.answers)
    assert gap.perception_gaps(comparisons) == {}
    assert all(gap.finding_text(questionnaire, c, "fr") is None for c in comparisons)
    with_pulse = build_report(questionnaire, management, editions, today=DAY, perception_gaps={})
    without = build_report(questionnaire, management, editions, today=DAY)
    assert with_pulse.to_dict() == without.to_dict()


def test_hidden_results_or_no_management_answer_yield_no_gap(
    questionnaire, management, editions
) -> None:
    assert gap.perception_gaps(gap.compare(questionnaire, None, editions, management.answers)) == {}
    found = results(questionnaire.pulse, pulse_of(never_heard=35, trained=6), 5)
    assert gap.perception_gaps(gap.compare(questionnaire, found, editions, None)) == {}
    dont_know = {**management.answers, "training.charter": "dont_know", "training.trained_share": 1}
    assert gap.perception_gaps(gap.compare(questionnaire, found, editions, dont_know)) == {}


def test_the_pulse_indicators_exist_in_the_editions(questionnaire, editions) -> None:
    assert gap.check_pulse_editions(questionnaire, editions) == []
    broken = questionnaire.pulse.model_copy(
        update={"items": tuple(
            i.model_copy(update={"barometer": i.barometer.model_copy(update={"indicator": "staff_traned"})})
            if i.id == "training" else i for i in questionnaire.pulse.items
        )}
    )  # fmt: skip
    problems = gap.check_pulse_editions(replace(questionnaire, pulse=broken), editions)
    assert [str(p) for p in problems] and 'did you mean "staff_trained"' in str(problems[0])


def test_the_method_documents_publish_the_pulse_thresholds(questionnaire) -> None:
    for doc, lang in (("method.md", "fr"), ("method.en.md", "en")):
        text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
        title = (
            "Baromètre interne et écart de perception"
            if lang == "fr"
            else "Internal barometer and perception gap"
        )
        section = re.split(rf"\n## [0-9. a-z]*{title}\n", text)[1].split("\n## ", 1)[0]
        for item in questionnaire.pulse.questions:
            link = item.management
            if link is None or link.method != "expected":
                continue
            row = next(line for line in section.splitlines() if f"`{item.id}`" in line)
            assert f"{link.gap_threshold:g} points" in row, (doc, item.id)
            for r in gap_ranges(questionnaire, item):
                assert (
                    f"{r.level} : {r.low:g}–{r.high:g}" in row
                    or f"{r.level}: {r.low:g}–{r.high:g}" in row
                ), (doc, item.id, r)


def gap_ranges(q, item):
    link = item.management
    return link.ranges or next(
        c.ranges for c in q.comparisons if c.question == link.question and c.method == "share_range"
    )


def test_no_pulse_file_means_no_comparison(questionnaire, editions) -> None:
    assert gap.compare(replace(questionnaire, pulse=None), None, editions, {}) == ()
