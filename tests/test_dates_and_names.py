"""Dates written out in the reader's language, the questionnaire named by its title, and download
names that say what, whose, when and in which language."""

from __future__ import annotations

import ast
import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.report import build_report
from diagnostic.outputs import pdf, report_text
from diagnostic.outputs.exports import download_name, slug
from diagnostic.outputs.wording import long_date

from .conftest import EXAMPLES, ROOT

DAY = date(2026, 12, 3)
ISO_DAY = re.compile(r"(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w/.-])")


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (DAY, "fr", "3 décembre 2026"),
        (DAY, "en", "3 December 2026"),
        (date(2027, 8, 1), "fr", "1er août 2027"),
        (date(2027, 8, 1), "en", "1 August 2027"),
        ("2026-02-14", "fr", "14 février 2026"),
        ("2027-08", "fr", "août 2027"),
        ("2027-08", "en", "August 2027"),
        ("2025", "en", "2025"),
        ("2025-13-01", "fr", "2025-13-01"),  # not a date: shown as given, never lost
        (None, "fr", "–"),
    ],
)
def test_long_dates(value, lang, shown) -> None:
    assert long_date(value, lang) == shown


@pytest.fixture(scope="module")
def report(questionnaire):
    answers = read((EXAMPLES / "ch-moyen.yaml").read_bytes(), questionnaire)
    return build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)


@pytest.mark.parametrize(("lang", "day"), [("fr", "3 décembre 2026"), ("en", "3 December 2026")])
def test_pdf_and_text_report_show_dates_in_words_and_the_questionnaire_title(
    report, lang, day
) -> None:
    reader = PdfReader(io.BytesIO(pdf.render(report, lang)))
    cover = " ".join(reader.pages[0].extract_text().split())
    title = report.questionnaire.meta.title.get(lang)
    assert day in cover
    assert f"{title}, version {report.questionnaire.version}" in cover
    assert f"{report.questionnaire.id} {report.questionnaire.version}" not in cover
    text = " ".join(page.extract_text() for page in reader.pages)
    assert ISO_DAY.findall(text) == []  # calendar, references, cover: all in words
    plain = report_text.render(report, lang)
    assert day in plain and ISO_DAY.findall(plain) == []


def test_download_names() -> None:
    name = download_name("plan", "CH Bêta — Île-de-France", date(2026, 12, 4), "fr", "pdf")
    assert name == "plan-action-ia_ch-beta-ile-de-france_2026-12-04_fr.pdf"
    assert download_name("results", "", date(2026, 12, 4), "en", "csv") == (
        "ai-diagnostic-results_2026-12-04_en.csv"
    )
    assert slug("../../etc/passwd 🏥 中文") == "etc-passwd"
    assert len(slug("x" * 500)) == 40
    long_name = "Centre hospitalier de Saint-Aubin-lès-Prés et environs"
    assert slug(long_name) == "centre-hospitalier-de-saint-aubin-les"


def test_no_download_has_a_fixed_file_name() -> None:
    """Every ``file_name=`` in the interface is computed (establishment, date, language)."""
    fixed = []
    for path in sorted((ROOT / "diagnostic" / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "file_name"
                and isinstance(node.value, ast.Constant)
            ):
                fixed.append(f"{Path(path).name}:{node.value.lineno}")
    assert fixed == []
