"""Red-flag triggers cover partial states and every declared tool the flag is about."""

from __future__ import annotations

import pytest

from diagnostic.method.answers import Answers
from diagnostic.method.scoring import score

PROFILE = {"establishment_type": "ch", "legal_status": "public", "beds": "b300_799"}


def raised(q, tools: tuple[str, ...], answers: dict) -> set[str]:
    base = {qid: 3 for qid in q.questions}
    base.update(answers)
    result = score(q, Answers(q.id, q.version, {**PROFILE, "ai_tools": tools}, base))
    return {f.flag_id for f in result.red_flags}


@pytest.mark.parametrize(
    ("tools", "dpia", "expected"),
    [
        (("imaging_ai",), 0, True),
        (("imaging_ai",), "dont_know", True),
        # a DPIA for one project only: the other clinical tools in production have none
        (("imaging_ai", "clinical_decision_support"), 1, True),
        # level 2 covers the main clinical tools but not transcription
        (("ambient_scribe",), 2, True),
        (("imaging_ai",), 2, False),
        (("imaging_ai",), 3, False),
        (("fall_detection",), 0, True),
        (("telemonitoring_ai",), 1, True),
        (("flow_forecasting",), 0, False),
    ],
)
def test_clinical_ai_without_dpia_covers_partial_states(questionnaire, tools, dpia, expected):
    flags = raised(questionnaire, tools, {"compliance.dpia": dpia})
    assert ("clinical_ai_without_dpia" in flags) is expected


@pytest.mark.parametrize("tool", ["fall_detection", "telemonitoring_ai", "ambient_scribe"])
def test_unknown_hosting_covers_every_tool_handling_health_data(questionnaire, tool):
    assert "unknown_hosting_of_health_data" in raised(
        questionnaire, (tool,), {"security.hds_hosting": 0}
    )


def test_rpa_alone_does_not_raise_the_prohibited_practice_flag(questionnaire):
    answers = {"compliance.prohibited_practices": 0}
    assert "prohibited_practice_unreviewed" not in raised(questionnaire, ("rpa",), answers)
    both = raised(questionnaire, ("rpa", "fall_detection"), answers)
    assert "prohibited_practice_unreviewed" in both


def test_rpa_alone_gets_no_prohibited_practice_review(questionnaire):
    from .test_rules_shipped import fired

    state = {
        "profile": {**PROFILE, "ai_tools": ("rpa",)},
        "answers": {qid: 3 for qid in questionnaire.questions}
        | {"compliance.prohibited_practices": 0},
    }
    rules = fired(questionnaire, state)
    assert (
        not {"compliance.review_prohibited_practices", "compliance.stop_unreviewed_ai_practices"}
        & rules
    )


def test_hds_check_only_for_declared_tools_handling_health_data(questionnaire):
    from .test_rules_shipped import fired

    answers = {qid: 3 for qid in questionnaire.questions} | {"security.hds_hosting": 1}
    for tools, expected in ((("scheduling_ai",), False), (("fall_detection",), True)):
        state = {"profile": {**PROFILE, "ai_tools": tools}, "answers": answers}
        assert ("security.verify_hds_hosting" in fired(questionnaire, state)) is expected
