"""Each deliverable is built once per answers state: a change of any input builds it again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.report import build_report
from diagnostic.outputs import deliverable_cache, pdf
from diagnostic.ui import deliverables

from .conftest import EXAMPLES

DAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def report(questionnaire):
    answers = read((EXAMPLES / "ehpad.yaml").read_bytes(), questionnaire)
    return build_report(questionnaire, answers, benchmarks.load_editions(), today=DAY)


def test_every_input_changes_the_fingerprint(report, questionnaire) -> None:
    base = deliverable_cache.fingerprint(report, "fr", "pdf")
    assert base == deliverable_cache.fingerprint(report, "fr", "pdf")
    a = report.answers
    qid = next(iter(a.answers))
    commented = replace(a, comments={**a.comments, qid: "une virgule de plus,"})
    variants = {
        "lang": deliverable_cache.fingerprint(report, "en", "pdf"),
        "kind": deliverable_cache.fingerprint(report, "fr", "docx"),
        "disagreements": deliverable_cache.fingerprint(report, "fr", "pdf", ["q (0 à 4)"]),
        "date": deliverable_cache.fingerprint(
            replace(report, generated_on=date(2027, 1, 1)), "fr", "pdf"
        ),
        "comment": deliverable_cache.fingerprint(replace(report, answers=commented), "fr", "pdf"),
        "level": deliverable_cache.fingerprint(
            replace(report, answers=a.with_answer(qid, "dont_know")), "fr", "pdf"
        ),
    }
    assert base not in variants.values()
    assert len(set(variants.values())) == len(variants)


def test_the_download_builds_once_per_state_and_keeps_few_files(report) -> None:
    built: list[str] = []

    def counting(r, lang, disagreements):
        built.append(lang)
        return pdf.render(r, lang, disagreements)

    cache: dict[str, bytes] = {}
    source = lambda: (report, ())  # noqa: E731
    first = deliverables._render(counting, "pdf", source, "fr", cache)
    again = deliverables._render(counting, "pdf", source, "fr", cache)
    assert first == again and first.startswith(b"%PDF") and built == ["fr"]
    deliverables._render(counting, "pdf", source, "en", cache)
    assert built == ["fr", "en"]
    for n in range(deliverable_cache.KEEP + 2):
        deliverable_cache.cached(cache, f"k{n}", lambda: b"x")
    assert len(cache) == deliverable_cache.KEEP
