"""The pulse PDF: cover, results per question, the three-way comparison with source and n, the
findings, the method and sources; deterministic; text read back with pypdf."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from diagnostic.method import benchmarks
from diagnostic.method import perception_gap as gap
from diagnostic.method.pulse_stats import results
from diagnostic.outputs import pulse_pdf

from .test_perception_gap import pulse_of

ON = date(2026, 12, 16)
MANAGEMENT = {"training.charter": 3, "training.trained_share": 3, "security.shadow_ai": 3}


def _render(questionnaire, lang: str, answers=None, min_group: int = 5) -> bytes:
    answers = answers if answers is not None else pulse_of(never_heard=35, trained=6)
    found = results(questionnaire.pulse, answers, min_group)
    comparisons = gap.compare(questionnaire, found, benchmarks.load_editions(), MANAGEMENT)
    summary = pulse_pdf.PulseSummary(
        "Baromètre IA – décembre", date(2026, 12, 1), date(2026, 12, 15), len(answers)
    )
    return pulse_pdf.render(questionnaire, summary, found, comparisons, lang, ON)


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join((page.extract_text() or "") for page in reader.pages).replace("\u202f", " ")


def test_the_pdf_says_everything_in_french(questionnaire) -> None:
    data = _render(questionnaire, "fr")
    assert data.startswith(b"%PDF")
    text = " ".join(_text(data).split())
    for expected in (
        "Baromètre interne et écart de perception",
        "Baromètre IA – décembre",
        "du 1er décembre 2026 au 15 décembre 2026 — 50 réponses",
        "Résultats par question",
        "Ensemble (n = 50)",
        "Soignante et rééducation (n = 20)",
        "Établissement (déclaré)",
        "Baromètre national",
        "n = 1 051",
        "Constats",
        "70 % des répondants disent n'en avoir jamais entendu parler",
        "12 % des répondants disent l'avoir été",
        "Méthode",
        "Sources",
        "Ifop pour Acteurs publics",
    ):
        assert expected in text, expected


def test_the_pdf_in_english_and_a_small_family_hidden(questionnaire) -> None:
    answers = pulse_of(never_heard=35, trained=6)[:48]  # technical family down to 3 answers
    text = " ".join(_text(_render(questionnaire, "en", answers)).split())
    assert "Internal barometer and perception gap" in text and "Findings" in text
    assert "Technical, logistics or IT (n =" not in text
    assert "Too few answers to be shown separately" in text


def test_the_pdf_is_deterministic(questionnaire) -> None:
    assert _render(questionnaire, "fr") == _render(questionnaire, "fr")


def test_too_few_answers_give_no_figure(questionnaire) -> None:
    text = " ".join(_text(_render(questionnaire, "fr", pulse_of(35, 6)[:3])).split())
    assert "Trop peu de réponses pour montrer des résultats" in text
    assert "(n = " not in text
