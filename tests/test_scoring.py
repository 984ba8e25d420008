"""Scoring: hand-computed cases on a tiny questionnaire, and properties on the shipped one."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.content.loader import Questionnaire
from diagnostic.method.answers import Answers
from diagnostic.method.scoring import score

from .strategies import answer_sets

ALL4 = {"alpha.one": 4, "alpha.two": 4, "alpha.three": 4, "beta.one": 4, "beta.warehouse": 4}
CHU = {"establishment_type": "chu"}
EHPAD = {"establishment_type": "ehpad"}

# id: (profile, answers, alpha, beta, overall, stage)
CASES = {
    "all-fours": (CHU, ALL4, 100.0, 100.0, 100.0, "high"),
    "weighted-mean": (
        CHU,
        {"alpha.one": 4, "alpha.two": 0, "alpha.three": 2, "beta.one": 1, "beta.warehouse": 3},
        (4 * 2 + 0 + 2) / 4 * 25,  # 62.5: alpha.one weighs 2
        (1 + 3) / 2 * 25,  # 50
        (62.5 + 50) / 2,  # 56.25
        "mid",
    ),
    "dont-know-counts-zero": (
        CHU,
        {"alpha.one": "dont_know", "alpha.two": 4, "alpha.three": 4},
        (0 + 4 + 4) / 4 * 25,
        None,
        50.0,
        "mid",
    ),
    "not-applicable-left-out-and-type-weights": (
        EHPAD,
        {
            "alpha.one": 2,
            "alpha.two": 2,
            "alpha.three": "not_applicable",
            "beta.one": 4,
            "beta.warehouse": 0,
        },
        50.0,
        100.0,  # beta.warehouse is not asked of a care home: its answer is ignored
        (50 * 1 + 100 * 3) / 4,  # care homes weigh beta 3
        "high",
    ),
    "missing-is-not-zero": (CHU, {"alpha.one": 4}, 100.0, None, 100.0, "high"),
    "nothing-answered": (CHU, {}, None, None, None, None),
    "red-flag-caps-the-stage": (
        {**CHU, "ai_tools": ("consumer_genai",)},
        {**ALL4, "alpha.one": 0},
        50.0,
        100.0,
        75.0,
        "low",
    ),
}


@pytest.mark.parametrize(("profile", "answers", "alpha", "beta", "overall", "stage"),
                         list(CASES.values()), ids=list(CASES))  # fmt: skip
def test_hand_computed(mini, profile, answers, alpha, beta, overall, stage) -> None:
    result = score(mini, Answers("mini", "1.0", profile, answers))
    assert result.dimension("alpha").score == alpha
    assert result.dimension("beta").score == beta
    assert result.overall == overall
    assert result.stage == stage


def test_coverage_visibility_and_counts(mini) -> None:
    answers = {"alpha.one": "dont_know", "alpha.two": 3, "alpha.three": "not_applicable"}
    alpha = score(mini, Answers("mini", "1.0", EHPAD, answers)).dimension("alpha")
    assert (alpha.asked, alpha.answered, alpha.dont_know, alpha.not_applicable) == (3, 2, 1, 1)
    assert alpha.coverage == 1.0
    assert alpha.visibility == pytest.approx(1 / 3)  # alpha.one weighs 2 of the 3 answered
    assert alpha.score == pytest.approx(3 / 3 * 25)


def test_red_flag_records_uncapped_stage(mini) -> None:
    profile = {**CHU, "ai_tools": ("consumer_genai",)}
    result = score(mini, Answers("mini", "1.0", profile, {**ALL4, "alpha.one": "dont_know"}))
    assert [f.flag_id for f in result.red_flags] == ["shadow"]
    assert (result.uncapped_stage, result.stage) == ("high", "low")


def test_all_dont_know_is_scored_zero_with_no_visibility(mini) -> None:
    answers = {q: "dont_know" for q in ("alpha.one", "alpha.two", "alpha.three")}
    alpha = score(mini, Answers("mini", "1.0", CHU, answers)).dimension("alpha")
    assert (alpha.score, alpha.visibility) == (0.0, 0.0)


def test_result_as_tidy_frame(mini) -> None:
    frame = score(mini, Answers("mini", "1.0", CHU, ALL4)).to_frame()
    assert list(frame["dimension_id"]) == ["alpha", "beta"]
    assert {"score", "coverage", "visibility", "stage_id"} <= set(frame.columns)


# --- properties on the shipped questionnaire -------------------------------------------------


@pytest.fixture(scope="module")
def q(questionnaire: Questionnaire) -> Questionnaire:
    return questionnaire


def _in_range(value: float | None) -> bool:
    return value is None or (math.isfinite(value) and 0 <= value <= 100)


@given(data=st.data())
def test_every_score_is_finite_and_in_range(q, data) -> None:
    result = score(q, data.draw(answer_sets(q)))
    assert _in_range(result.overall)
    assert all(_in_range(d.score) for d in result.dimensions)
    assert all(0 <= d.coverage <= 1 for d in result.dimensions)


@given(data=st.data())
def test_raising_one_answer_never_lowers_its_dimension_or_the_overall(q, data) -> None:
    answers = data.draw(answer_sets(q))
    raisable = sorted(
        k for k, v in answers.answers.items() if v == "dont_know" or v in (0, 1, 2, 3)
    )
    if not raisable:
        return
    qid = data.draw(st.sampled_from(raisable))
    old = answers.answers[qid]
    new_level = data.draw(st.integers(min_value=0 if old == "dont_know" else old + 1, max_value=4))
    before, after = score(q, answers), score(q, answers.with_answer(qid, new_level))
    dim = q.dimension_of[qid]
    if before.dimension(dim).score is not None:
        assert after.dimension(dim).score >= before.dimension(dim).score - 1e-9
    if before.overall is not None:
        assert after.overall >= before.overall - 1e-9


@given(data=st.data())
def test_answer_order_is_irrelevant(q, data) -> None:
    answers = data.draw(answer_sets(q))
    items = list(answers.answers.items())
    random.Random(data.draw(st.integers())).shuffle(items)
    assert score(q, replace(answers, answers=dict(items))) == score(q, answers)


def test_scoring_is_deterministic(q) -> None:
    answers = Answers(q.id, q.version, {"establishment_type": "ch"}, {k: 2 for k in q.questions})
    assert score(q, answers) == score(q, answers)
    assert score(q, answers).overall == pytest.approx(50.0)
