"""A result built on only some dimensions says so: the stage is "indicatif" and the unanswered
dimensions are named, on the same words in the PDF and the Word copy."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from diagnostic.method.answers import Answers, read
from diagnostic.method.report import build_report
from diagnostic.outputs import docx_export, pdf, provisional

from .conftest import EXAMPLES

DAY = date(2026, 11, 28)
PROFILE = {"establishment_type": "ch", "legal_status": "public", "establishment_name": "CH Test"}


def two_dimensions(q) -> Answers:
    """Every question of the first two dimensions answered at level 2, nothing else."""
    values = {x.id: 2 for d in q.dimensions[:2] for x in d.questions}
    return Answers(q.id, q.version, PROFILE, values)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def partial(questionnaire):
    return build_report(questionnaire, two_dimensions(questionnaire), {}, today=DAY)


@pytest.mark.parametrize(("lang", "word"), [("fr", "indicatif"), ("en", "indicative")])
def test_two_of_eight_dimensions_give_an_indicative_stage_naming_the_others(
    questionnaire, partial, lang, word
) -> None:
    q = questionnaire
    missing = provisional.unanswered_dimensions(partial.scores)
    assert missing == tuple(d.id for d in q.dimensions[2:])
    assert partial.scores.stage is not None  # a stage is computed: it must not stand bare
    label = provisional.stage_label(q, partial.scores, lang)
    assert word in label
    note = provisional.caveat(q, partial.scores, lang)
    assert note is not None
    assert f"2 {'sur' if lang == 'fr' else 'of'} {len(q.dimensions)}" in note
    for d in q.dimensions[2:]:
        assert d.title.get(lang) in note
    for d in q.dimensions[:2]:
        assert d.title.get(lang) not in note


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_and_word_copy_carry_the_caveat(questionnaire, partial, lang) -> None:
    q = questionnaire
    note = provisional.caveat(q, partial.scores, lang)
    label = provisional.stage_label(q, partial.scores, lang)
    reader = PdfReader(io.BytesIO(pdf.render(partial, lang)))
    first_pages = squash(" ".join(p.extract_text() for p in reader.pages[:4]))
    assert squash(label) in first_pages  # cover and summary
    assert squash(note or "") in first_pages
    word = docx.Document(io.BytesIO(docx_export.render(partial, lang)))
    text = squash(" ".join(p.text for p in word.paragraphs))
    assert squash(note or "") in text


def test_a_complete_diagnostic_has_no_caveat(questionnaire) -> None:
    answers = read((EXAMPLES / "chu-grand.yaml").read_bytes(), questionnaire)
    report = build_report(questionnaire, answers, {}, today=DAY)
    assert provisional.unanswered_dimensions(report.scores) == ()
    assert provisional.caveat(questionnaire, report.scores, "fr") is None
    assert "indicatif" not in provisional.stage_label(questionnaire, report.scores, "fr")


def test_nothing_answered_is_not_scored_rather_than_indicative(questionnaire) -> None:
    empty = build_report(
        questionnaire, Answers(questionnaire.id, questionnaire.version, PROFILE, {}), {}, today=DAY
    )
    assert provisional.caveat(questionnaire, empty.scores, "fr") is None
    assert provisional.stage_label(questionnaire, empty.scores, "fr") == "non évalué"


def test_the_consolidated_workshop_pdf_carries_the_caveat(questionnaire) -> None:
    """Two participants answered governance and data only: the workshop's consolidated PDF (the
    report built from the consensus, as the facilitator's download builds it) says so."""
    from diagnostic.workshop import participant as workshop
    from diagnostic.workshop import results as workshop_results
    from diagnostic.workshop import store

    engine = store.make_engine()
    store.migrate(engine)
    q = questionnaire
    created = workshop.create_workshop(
        engine, q, title="Atelier", held_on=DAY, profile={"establishment_type": "ch"}
    )
    access = workshop.verify_key(
        engine, created.workshop_id, created.facilitator_key, sleep=lambda _: None
    )
    for role, level in (("director", 1), ("cio", 3)):
        token = workshop.join(engine, created.join_code, role).token
        for qid in ("governance.strategy", "data.governance"):
            workshop.save_answer(engine, q, token, qid, level)
    answers = workshop_results.consensus_answers(
        engine, q, access, created.workshop_id, fill_with_proposals=True
    )
    report = build_report(q, answers, {}, today=DAY)
    assert provisional.unanswered_dimensions(report.scores) == tuple(
        d.id for d in q.dimensions if d.id not in ("governance", "data")
    )
    text = squash(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.render(report))).pages)
    )
    assert "Dimensions renseignées : 2 sur 8" in text
    assert squash(provisional.stage_label(q, report.scores, "fr")) in text
