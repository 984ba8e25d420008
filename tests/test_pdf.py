"""The PDF action plan and the Word copy: content, structure, validity, robustness, determinism."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from diagnostic.method import benchmarks
from diagnostic.method.answers import Answers, read
from diagnostic.method.report import build_report
from diagnostic.outputs import document, docx_export, pdf, pdf_base

from .conftest import EXAMPLES, require
from .xss_check import printable

DAY = date(2026, 11, 28)
MINI_BENCH = Path(__file__).resolve().parent / "fixtures" / "mini_benchmarks"


def needs(tool: str) -> None:
    require(
        shutil.which(tool) is not None,
        f"{tool} is not installed: run `make test` as root or apt-get install it (Debian)",
    )


@pytest.fixture(scope="module")
def chu(questionnaire):
    answers = read((EXAMPLES / "chu-grand.yaml").read_bytes(), questionnaire)
    return build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)


@pytest.fixture(scope="module")
def chu_pdf(chu) -> bytes:
    return pdf.render(chu, "fr")


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Compare text regardless of line wrapping."""
    return " ".join(text.split())


def test_pdf_contains_sections_name_plan_and_sources(chu, chu_pdf) -> None:
    text = squash(text_of(chu_pdf))
    doc = document.build(chu, "fr")
    for title in doc.headings(0):
        assert squash(title) in text
    assert "CHU de Montclair-sur-Loire" in text
    for action in chu.plan.actions:
        assert squash(action.rule.title.fr)[:60] in text
    for ref in chu.questionnaire.references.values():
        assert squash(ref.url)[:40] in text.replace(" ", "") or squash(ref.title)[:30] in text


def test_bookmarks_follow_the_sections(chu, chu_pdf) -> None:
    reader = PdfReader(io.BytesIO(chu_pdf))
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == document.build(chu, "fr").headings(0)
    assert 10 <= len(reader.pages) <= 60
    assert reader.metadata.title == chu.questionnaire.meta.title.fr
    assert "CHU de Montclair-sur-Loire" in reader.metadata.subject


def test_same_answers_same_bytes(chu, chu_pdf) -> None:
    assert pdf.render(chu, "fr") == chu_pdf


def test_english_pdf(questionnaire) -> None:
    answers = read((EXAMPLES / "ehpad.yaml").read_bytes(), questionnaire)
    report = build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)
    text = squash(text_of(pdf.render(report, "en")))
    assert "Executive summary" in text and "EHPAD Les Tilleuls" in text


def test_qpdf_check_passes(chu_pdf, tmp_path: Path) -> None:
    needs("qpdf")
    path = tmp_path / "plan.pdf"
    path.write_bytes(chu_pdf)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_font_is_embedded(chu_pdf, tmp_path: Path) -> None:
    needs("pdffonts")
    path = tmp_path / "plan.pdf"
    path.write_bytes(chu_pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), lines


def test_first_page_rendered_as_png_artefact(chu_pdf, tmp_path: Path) -> None:
    needs("pdftoppm")
    path = tmp_path / "plan.pdf"
    path.write_bytes(chu_pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    [png] = list(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5_000


def test_word_copy_has_headings_tables_images_and_the_plan(chu) -> None:
    data = docx_export.render(chu, "fr")
    copy = docx.Document(io.BytesIO(data))
    headings = [p.text for p in copy.paragraphs if p.style.name.startswith("Heading")]
    assert headings[: len(document.build(chu, "fr").headings(0))][0] == "Synthèse"
    body = " ".join(p.text for p in copy.paragraphs)
    for action in chu.plan.actions:
        assert action.rule.title.fr in " ".join(headings)
    assert copy.tables and copy.inline_shapes
    assert "CHU de Montclair-sur-Loire" in body


# --- robustness on the small fixture questionnaire (fast) -------------------------------------


def mini_report(mini, name: str, comment: str) -> object:
    answers = Answers(
        "mini",
        "1.0",
        {"establishment_type": "chu", "establishment_name": name, "ai_tools": ("consumer_genai",)},
        {"alpha.one": 0, "alpha.two": 2, "beta.one": "dont_know"},
        {"alpha.one": comment, "beta.one": comment},
    )
    return build_report(mini, answers, benchmarks.load_editions(MINI_BENCH), today=DAY)


@settings(max_examples=25, deadline=None)
@given(name=st.text(max_size=200), comment=st.text(max_size=400))
def test_any_unicode_still_gives_a_pdf(mini, name, comment) -> None:
    data = pdf.render(mini_report(mini, name, comment), "fr")
    assert data.startswith(b"%PDF") and PdfReader(io.BytesIO(data)).pages


HOSTILE = [
    "Hôpital d’Évreux « Saint-Œuvre » — 12 € ≥ 10 … \u202f%",
    "😀🏥 医院 مستشفى בית חולים",
    "zero\u200bwidth\ufeff and \x00\x07\x1b controls",
    "**gras** <b>html</b> <img src='/etc/passwd'> [lien](javascript:alert(1))",
    "x" * 10_000,
]


@pytest.mark.parametrize(
    "payload", HOSTILE, ids=["french", "emoji-cjk-rtl", "controls", "markup", "long-word"]
)
def test_hostile_text_is_written_literally(mini, payload) -> None:
    """Every payload comes out as typed, as far as a PDF can give text back (``printable``)."""
    data = pdf.render(mini_report(mini, payload[:200], payload), "fr")
    raw = text_of(data)
    text = printable(raw)
    if payload.startswith("x" * 100):
        # Page headers and footers interrupt a 10,000-letter word; every letter is still there.
        assert text.count("x") >= len(payload[:200]) + len(payload)
    else:
        assert printable(payload) in text
    # With a shaping engine, right-to-left words are stored in visual order and must be there
    # too; without one they are marked (test_no_character_disappears_silently).
    for word in payload.split() if pdf_base.SHAPING else ():
        if word and all(unicodedata.bidirectional(c) in ("R", "AL") for c in word):
            assert word[::-1] in raw, word


def test_no_character_disappears_silently(mini, caplog) -> None:
    """Emoji, CJK and (without a shaping engine) Arabic become a visible marker, explained on
    the cover; fpdf2 logs no missing glyph because none is left for it to drop."""
    name = "CH Bêta 🏥 中文 مستشفى"
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        data = pdf.render(mini_report(mini, name, "Commentaire 🏥 d’équipe"), "fr")
    assert not [r for r in caplog.records if "glyph" in r.getMessage().lower()]
    cover = squash(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert "CH Bêta □ □□" in cover
    assert "U+1F3E5 HOSPITAL" in cover and "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D" in cover
    assert "remplace des caractères" in cover
    assert "Commentaire □ d’équipe" in squash(text_of(data))
    english = squash(
        PdfReader(io.BytesIO(pdf.render(mini_report(mini, name, ""), "en"))).pages[0].extract_text()
    )
    assert "stands for characters its font cannot display" in english
    word = docx.Document(io.BytesIO(docx_export.render(mini_report(mini, name, ""), "fr")))
    assert any(name in p.text for p in word.paragraphs)  # the Word copy keeps the exact text


def test_a_plain_french_pdf_has_no_replacement_note(mini) -> None:
    data = pdf.render(mini_report(mini, "Hôpital d’Évreux « Œuvre » 12 € ≥ 10 …", "ok"), "fr")
    text = squash(text_of(data))
    assert "□" not in text and "remplace des caractères" not in text


def test_long_comments_on_every_question(questionnaire) -> None:
    answers = Answers(
        questionnaire.id,
        questionnaire.version,
        {"establishment_type": "ch"},
        {qid: 2 for qid in questionnaire.questions},
        {qid: ("mot " * 500)[:2000] for qid in questionnaire.questions},
    )
    report = build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)
    data = pdf.render(report, "fr")
    assert len(PdfReader(io.BytesIO(data)).pages) > 20


# Each example once through the command line, both languages among them: a run costs ~5 s (a
# fresh interpreter and a whole PDF); French and English PDFs are also rendered in-process by
# tests/test_dates_and_names.py and tests/test_deliverable_text.py.
@pytest.mark.parametrize(
    ("name", "lang"), [("chu-grand", "fr"), ("ch-moyen", "en"), ("ehpad", "fr")]
)
def test_cli_pdf_for_each_example_is_valid(name, lang, tmp_path: Path) -> None:
    needs("qpdf")
    out = tmp_path / f"{name}-{lang}.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "diagnostic", "pdf", str(EXAMPLES / f"{name}.yaml"), "-o", str(out), "--lang", lang],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0


def test_cli_docx(tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    done = subprocess.run(
        [sys.executable, "-m", "diagnostic", "docx", str(EXAMPLES / "ehpad.yaml"), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert docx.Document(str(out)).paragraphs
