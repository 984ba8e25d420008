"""Consistency findings: contradictory answers are found, quoted and shown above the plan."""

from __future__ import annotations

from datetime import date

import pytest

from diagnostic.content import loader as content
from diagnostic.content.facts import Facts
from diagnostic.errors import ContentError
from diagnostic.method import benchmarks, consistency
from diagnostic.method.answers import Answers
from diagnostic.method.report import build_report
from diagnostic.outputs import document, report_text

from .conftest import ROOT, SHIPPED
from .solver import make

CHECKS = content.load(SHIPPED).consistency
PROFILE = {"establishment_type": "ch", "legal_status": "public", "beds": "b300_799"}
CLINICAL = ("imaging_ai", "enterprise_genai")

# check id → (tools ticked, contradictory answers, the same establishment answering consistently)
CASES = {
    "charter_vs_consumer_ai": (
        ("consumer_genai",),
        {"training.charter": 3, "security.shadow_ai": 0},
        {"training.charter": 3, "security.shadow_ai": 3},
    ),
    "committee_vs_register": (
        CLINICAL,
        {"governance.ai_lead": 3, "governance.ai_register": 0},
        {"governance.ai_lead": 3, "governance.ai_register": 2},
    ),
    "register_vs_declared_tools": (
        (),
        {"governance.ai_register": 3},
        {"governance.ai_register": 0},
    ),
    "inventory_vs_declared_tools": (
        ("fall_detection",),
        {"use_cases.inventory": 0},
        {"use_cases.inventory": 1},
    ),
    "training_vs_overseers": (
        CLINICAL,
        {"training.overseers": 3, "training.literacy_programme": 0},
        {"training.overseers": 3, "training.literacy_programme": 2},
    ),
    "dpia_vs_clinical_tools": (
        ("scheduling_ai",),
        {"compliance.dpia": 2},
        {"compliance.dpia": 1},
    ),
    "hds_vs_declared_tools": (
        ("rpa",),
        {"security.hds_hosting": 3},
        {"security.hds_hosting": 0},
    ),
    "hds_vs_contracts": (
        CLINICAL,
        {"security.hds_hosting": 3, "compliance.contracts_records": 0},
        {"security.hds_hosting": 3, "compliance.contracts_records": 2},
    ),
    "evaluation_vs_medico_economic": (
        CLINICAL,
        {"use_cases.evaluation": 3, "procurement.medico_economic": 0},
        {"use_cases.evaluation": 3, "procurement.medico_economic": 1},
    ),
    "incidents_vs_monitoring": (
        CLINICAL,
        {"use_cases.monitoring": 4, "security.incident_reporting": 0},
        {"use_cases.monitoring": 4, "security.incident_reporting": 3},
    ),
}


def found(q, tools, answers) -> set[str]:
    base = {qid: 2 for qid in q.questions}
    base.update(answers)
    facts = Facts(profile={**PROFILE, "ai_tools": tools}, answers=base)
    return {f.id for f in consistency.find(q, facts)}


def test_at_least_eight_checks_and_a_case_for_each(questionnaire) -> None:
    assert len(questionnaire.consistency) >= 8
    assert set(CASES) == {c.id for c in questionnaire.consistency}


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_each_check_fires_on_a_contradiction_and_not_on_a_consistent_set(
    questionnaire, check_id
) -> None:
    tools, contradictory, consistent = CASES[check_id]
    assert check_id in found(questionnaire, tools, contradictory)
    assert check_id not in found(questionnaire, tools, consistent)


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_each_check_follows_its_condition(questionnaire, check) -> None:
    for truth in (True, False):
        state = {"profile": dict(PROFILE), "answers": {qid: 2 for qid in questionnaire.questions}}
        make(questionnaire, check.when, state, truth)
        facts = Facts(profile=state["profile"], answers=state["answers"])
        assert (check.id in {f.id for f in consistency.find(questionnaire, facts)}) is truth


def test_a_consistent_establishment_has_no_finding(questionnaire) -> None:
    assert found(questionnaire, CLINICAL, {qid: 3 for qid in questionnaire.questions}) == set()


def test_finding_quotes_both_answers_in_every_language(questionnaire) -> None:
    facts = Facts(
        profile={**PROFILE, "ai_tools": ()},
        answers={"governance.ai_register": 3, "training.charter": 3, "security.shadow_ai": 1},
    )
    by_id = {f.id: f for f in consistency.find(questionnaire, facts)}
    register = by_id["register_vs_declared_tools"]
    assert [x.subject for x in register.quotes] == ["ai_tools", "governance.ai_register"]
    assert register.quotes[0].answer == {"fr": "aucun outil déclaré", "en": "no tool declared"}
    assert "(niveau 3)" in register.quotes[1].answer["fr"]
    assert "(level 3)" in register.quotes[1].answer["en"]
    charter = by_id["charter_vs_consumer_ai"]
    assert "Usages connus" in charter.quotes[1].answer["fr"]


@pytest.fixture
def contradictory_report(questionnaire):
    answers = {qid: 2 for qid in questionnaire.questions}
    answers.update({"training.charter": 3, "security.shadow_ai": 0})
    data = Answers(
        questionnaire.id, questionnaire.version, {**PROFILE, "ai_tools": CLINICAL}, answers
    )
    editions = benchmarks.load_editions(ROOT / "benchmarks")
    return build_report(questionnaire, data, editions, today=date(2026, 12, 3))


def test_findings_are_on_the_report_and_in_json(contradictory_report) -> None:
    data = contradictory_report.to_dict()
    [finding] = data["findings"]
    assert finding["id"] == "charter_vs_consumer_ai"
    assert [q["subject"] for q in finding["quotes"]] == ["training.charter", "security.shadow_ai"]
    assert finding["quotes"][1]["answer"]["fr"].startswith("« Aucune règle")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_text_report_shows_findings_above_the_plan(contradictory_report, lang) -> None:
    text = report_text.render(contradictory_report, lang)
    heading = {"fr": "Réponses à revoir", "en": "Answers to review"}[lang]
    plan = {"fr": "Plan d'action", "en": "action plan"}[lang]
    assert heading in text
    assert text.index(heading) < text.lower().index(plan.lower())
    finding = CHECKS[0].title.get(lang)
    assert finding in text


def test_document_has_a_findings_section_before_the_plan(contradictory_report) -> None:
    doc = document.build(contradictory_report, "fr")
    texts = [getattr(b, "text", "") for b in doc.blocks]
    start = texts.index("Réponses à revoir : elles se contredisent")
    plan = next(i for i, t in enumerate(texts) if t.startswith("Plan d'action"))
    assert start < plan
    assert any("Aucune règle et usages inconnus" in t for t in texts[start:plan])


def test_no_findings_section_without_contradiction(questionnaire) -> None:
    data = Answers(
        questionnaire.id,
        questionnaire.version,
        {**PROFILE, "ai_tools": CLINICAL},
        {qid: 3 for qid in questionnaire.questions},
    )
    report = build_report(questionnaire, data, {}, today=date(2026, 12, 3))
    assert report.findings == ()
    assert "Réponses à revoir" not in report_text.render(report, "fr")


def test_quoting_a_question_the_condition_does_not_read_is_refused(shipped_copy) -> None:
    path = shipped_copy / "consistency.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "quotes: [training.charter, security.shadow_ai]",
            "quotes: [training.charter, training.students]",
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as err:
        content.load(shipped_copy)
    message = str(err.value)
    assert "consistency.yaml" in message
    assert '"training.students" is quoted but the condition does not read it' in message
    assert "checks[0].quotes[1]" in message


def test_unknown_quote_is_refused_with_a_guess(shipped_copy) -> None:
    path = shipped_copy / "consistency.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quotes: [ai_tools,", "quotes: [ai_tool,", 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        content.load(shipped_copy)
    assert 'question or profile question "ai_tool" does not exist' in str(err.value)


def test_results_page_shows_findings_above_the_plan(questionnaire) -> None:
    from .wizard_driver import session, start

    answers = {qid: 2 for qid in questionnaire.questions}
    answers.update({"training.charter": 3, "security.shadow_ai": 0})
    at = start()
    s = session(at)
    s.answers = Answers(
        questionnaire.id, questionnaire.version, {**PROFILE, "ai_tools": CLINICAL}, answers
    )
    s.view = "results"
    at.run()
    assert not at.exception
    [warning] = [w for w in at.warning if "Une charte signée" in w.value]
    assert "Aucune règle et usages inconnus" in warning.value
    headings = [h.value for h in at.subheader]
    findings = headings.index("Réponses à revoir : elles se contredisent")
    assert findings < headings.index("Plan d'action priorisé")


def test_dont_know_answers_raise_no_contradiction(questionnaire) -> None:
    # "je ne sais pas" is not a statement: it cannot contradict another answer
    answers = {qid: "dont_know" for qid in questionnaire.questions}
    assert found(questionnaire, CLINICAL, answers) == set()
    assert found(questionnaire, ("consumer_genai",), answers) == set()
