"""Every deliverable (PDF, Word; self-assessment and workshop plan) in French and English carries
no unresolved message key, and every message built from an f-string exists in both languages."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from diagnostic import i18n
from diagnostic.i18n import catalogue, message
from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.report import Report, build_report
from diagnostic.outputs import document, docx_export, pdf
from diagnostic.outputs.blocks import Block, Box, Bullet, Contents, Heading, Image, Para, Table
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import results as wr
from diagnostic.workshop import store

from .conftest import EXAMPLES

DAY = date(2026, 12, 3)
KEY_LIKE = re.compile(r"\b[a-z_]+(?:\.[a-z_0-9]+)+\b")
NAMESPACES = {key.split(".")[0] for lang in i18n.LANGS for key in catalogue(lang)}


def unresolved(text: str) -> list[str]:
    """Tokens shaped like a message key whose first part is a locale namespace (``pdf.x``).

    A key the catalogue lacks would have been printed as is; a dotted word from another namespace
    (a web address, a file name) is not a key and is left alone.
    """
    return sorted({m for m in KEY_LIKE.findall(text) if m.split(".")[0] in NAMESPACES})


def block_text(block: Block) -> str:
    if isinstance(block, Heading | Para | Bullet):
        return block.text
    if isinstance(block, Box):
        return f"{block.title}\n{block.body}"
    if isinstance(block, Table):
        return "\n".join(" | ".join(r) for r in (block.headings, *block.rows))
    if isinstance(block, Image):
        return block.alt
    if isinstance(block, Contents):
        return block.title
    return ""


@pytest.fixture(scope="module")
def self_report(questionnaire) -> Report:
    answers = read((EXAMPLES / "ch-moyen.yaml").read_bytes(), questionnaire)
    return build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)


@pytest.fixture(scope="module")
def workshop_plan(questionnaire, tmp_path_factory) -> tuple[Report, tuple[str, ...]]:
    """A real workshop on SQLite: three participants who disagree, consolidated like the UI does."""
    db = tmp_path_factory.mktemp("ws") / "ws.sqlite3"
    engine = store.make_engine(f"sqlite:///{db}")
    created = workshop.create_workshop(
        engine,
        questionnaire,
        title="Atelier",
        held_on=DAY,
        profile={"establishment_type": "ch", "establishment_name": "CH Bêta"},
    )
    access = workshop.verify_key(
        engine, created.workshop_id, created.facilitator_key, sleep=lambda _: None
    )
    first = questionnaire.dimensions[0].questions
    for role, level in (("director", 0), ("cio", 4), ("dpo", 2)):
        token = workshop.join(engine, created.join_code, role).token
        for question in first[:3]:
            workshop.save_answer(engine, questionnaire, token, question.id, level, None)
    answers = wr.consensus_answers(
        engine, questionnaire, access, created.workshop_id, fill_with_proposals=True
    )
    report = build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)
    lines = tuple(
        message(
            "ws.disagreed_line",
            "fr",
            question=questionnaire.questions[d.question_id].text.get("fr"),
            low=d.low,
            high=d.high,
        )
        for d in wr.disagreements(engine, questionnaire, access, created.workshop_id)
    )
    engine.dispose()
    assert lines, "the workshop must have disagreements so that section is rendered"
    return report, lines


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["self", "workshop"])
def test_no_deliverable_prints_a_message_key(kind, lang, self_report, workshop_plan) -> None:
    report, notes = (self_report, ()) if kind == "self" else workshop_plan
    doc = document.build(report, lang, notes)
    blocks = "\n".join(block_text(b) for b in doc.blocks)
    assert "pdf.method_scores" not in blocks  # the regression reported in issue 14
    assert unresolved(blocks) == []
    reader = PdfReader(io.BytesIO(pdf.layout(doc)))
    pdf_text = " ".join(page.extract_text() for page in reader.pages)
    assert unresolved(pdf_text) == []
    assert message("pdf.method_scores", lang)[:40] in " ".join(pdf_text.split())
    word = docx.Document(io.BytesIO(docx_export.layout(doc)))
    word_text = "\n".join(p.text for p in word.paragraphs)
    word_text += "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert unresolved(word_text) == []
    assert message("pdf.method_limits", lang) in word_text


def test_the_key_detector_finds_a_key_left_in_text() -> None:
    assert unresolved("Méthode doc.method_scores pdf.method_scores www.has.fr") == [
        "pdf.method_scores"
    ]


def test_a_missing_message_raises_under_tests_and_shows_its_key_in_production(caplog) -> None:
    with pytest.raises(i18n.MissingMessage):
        message("doc.method_scores", "fr")
    previous = i18n.set_strict(False)
    try:
        assert message("doc.nowhere_to_be_found", "en") == "doc.nowhere_to_be_found"
        message("doc.nowhere_to_be_found", "en")
    finally:
        i18n.set_strict(previous)
    logged = [r for r in caplog.records if "doc.nowhere_to_be_found" in r.getMessage()]
    assert len(logged) == 1
