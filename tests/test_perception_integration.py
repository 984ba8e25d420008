"""An integrated staff pulse in the diagnostic's own outputs: report, JSON, text, PDF, Word, cache.

The crafted pulse of ``test_perception_gap`` (70 % never heard of a declared charter, 12 % trained
where 30–60 % are declared, 50 % using personal AI tools where at most 20 % are expected) yields
three findings; integrated, they reach every output and the rules' actions the plan. Without an
integration the outputs are the self-assessment's (the golden files of
``test_reference_outputs`` hold that byte for byte).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from diagnostic.method import answers as answers_io
from diagnostic.method import benchmarks
from diagnostic.method import perception_gap as gap
from diagnostic.method import perception_summary as link
from diagnostic.method.pulse_stats import results
from diagnostic.method.report import build_report
from diagnostic.outputs import deliverable_cache, docx_export, pdf, report_text

from .conftest import ROOT
from .test_perception_gap import DAY, pulse_of

PULSE = ("Baromètre IA – novembre", date(2026, 11, 2), date(2026, 11, 30), True)
PERCEPTION_RULES = {
    "training.make_charter_known",
    "training.train_before_counting_trained",
    "security.address_personal_ai_use",
}


@pytest.fixture(scope="module")
def management(questionnaire):
    """The example, declaring a signed charter, 30–60 % trained and consumer AI under control."""
    base = answers_io.read((ROOT / "examples" / "ch-moyen.yaml").read_bytes(), questionnaire)
    levels = {"training.charter": 3, "training.trained_share": 3, "security.shadow_ai": 3}
    return replace(base, answers={**base.answers, **levels})


@pytest.fixture(scope="module")
def editions():
    return benchmarks.load_editions()


def summary_of(q, answers, editions, **shares):
    found = results(q.pulse, pulse_of(**shares), 5)
    comparisons = gap.compare(q, found, editions, answers.answers)
    return link.summarise(q, comparisons, answers, PULSE, found.n, found.min_group, DAY)


@pytest.fixture(scope="module")
def crafted(questionnaire, management, editions):
    return summary_of(questionnaire, management, editions, never_heard=35, trained=6, personal=25)


@pytest.fixture(scope="module")
def with_gaps(questionnaire, management, editions, crafted):
    return build_report(questionnaire, management, editions, today=DAY, perception=crafted)


@pytest.fixture(scope="module")
def without(questionnaire, management, editions):
    return build_report(questionnaire, management, editions, today=DAY)


def pdf_text(data: bytes) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\u202f", " ").split())


def test_the_summary_keeps_only_disclosed_whole_pulse_figures(crafted) -> None:
    assert crafted.gaps == {
        "charter": pytest.approx(20.0),
        "training": pytest.approx(18.0),
        "personal_tools": pytest.approx(30.0),
    }
    data = crafted.to_dict()
    assert set(data) == {
        "title", "opens_on", "closes_on", "read_on", "closed", "answers", "min_group", "findings"
    }  # fmt: skip
    assert data["answers"] == 50 and data["min_group"] == 5 and data["read_on"] == "2026-12-04"
    for finding in data["findings"]:  # no role family, no option counts: one share per item
        assert set(finding) == {
            "item", "question", "declared_level", "expected_range", "staff_share", "gap"
        }  # fmt: skip


def test_the_gaps_feed_the_rules_and_the_json(with_gaps, without, crafted) -> None:
    added = {a.id for a in with_gaps.plan.actions} - {a.id for a in without.plan.actions}
    assert added == PERCEPTION_RULES
    composed = {i["id"] for i in with_gaps.to_dict()["plan"]}
    assert composed >= PERCEPTION_RULES
    assert with_gaps.to_dict()["perception"] == crafted.to_dict()
    assert "perception" not in without.to_dict()


def test_the_pdf_carries_the_section_only_with_gaps(with_gaps, without) -> None:
    text = pdf_text(pdf.render(with_gaps, "fr"))
    assert "Écart de perception (baromètre interne)" in text
    assert "70 % des répondants disent n'en avoir jamais entendu parler" in text
    assert "12 % des répondants disent l'avoir été" in text
    assert "50 réponses" in text and "Aucun groupe de moins de 5 réponses" in text
    assert "Faire connaître la charte d'usage de l'IA aux équipes" in text
    plain = pdf_text(pdf.render(without, "fr"))
    assert "Écart de perception" not in plain and "jamais entendu parler" not in plain
    assert "Faire connaître la charte" not in plain


def test_the_word_copy_and_the_english_text_say_the_same(with_gaps) -> None:
    doc = Document(io.BytesIO(docx_export.render(with_gaps, "fr")))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Écart de perception (baromètre interne)" in paragraphs
    assert any("jamais entendu parler" in p for p in paragraphs)
    english = report_text.render(with_gaps, "en", why=True)
    assert "Perception gap (internal barometer)" in english
    assert "never heard of it" in english and "50 answers" in english


def test_a_consistent_pulse_adds_no_finding_and_no_action(
    questionnaire, management, editions, without
) -> None:
    consistent = summary_of(questionnaire, management, editions, never_heard=10, trained=20)
    assert consistent.findings == () and consistent.gaps == {}
    report = build_report(questionnaire, management, editions, today=DAY, perception=consistent)
    assert [a.id for a in report.plan.actions] == [a.id for a in without.plan.actions]
    data = report.to_dict()
    assert data.pop("perception")["findings"] == []
    assert data == without.to_dict()
    assert "Aucun écart au-delà des seuils publiés" in report_text.render(report, "fr")


def test_the_cache_key_includes_the_gaps(with_gaps, without, crafted) -> None:
    keys = {
        deliverable_cache.fingerprint(r, "fr", "pdf")
        for r in (
            with_gaps,
            without,
            replace(with_gaps, perception=replace(crafted, findings=crafted.findings[:1])),
        )
    }
    assert len(keys) == 3


def test_the_gaps_apply_only_to_the_answers_they_were_computed_from(
    questionnaire, management, crafted
) -> None:
    assert link.applies(questionnaire, crafted, management)
    lowered = management.with_answer("training.trained_share", 1)
    assert not link.applies(questionnaire, crafted, lowered)
    renamed = replace(management, profile={**management.profile, "establishment_name": "Autre"})
    assert not link.applies(questionnaire, crafted, renamed)
    # An answer no gap is computed from (here shown side by side only) leaves the integration in place.
    assert link.applies(questionnaire, crafted, management.with_answer("governance.strategy", 0))
