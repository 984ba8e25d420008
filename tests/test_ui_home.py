"""The placeholder home page lists the dimensions, in French and in English."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from diagnostic.ui.safe import escape

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_home_lists_the_eight_dimensions_in_french(questionnaire) -> None:
    at = AppTest.from_file(APP).run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    for dimension in questionnaire.dimensions:
        assert escape(dimension.title.fr) in shown


def test_language_switch_by_url(questionnaire) -> None:
    at = AppTest.from_file(APP)
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == questionnaire.meta.title.en


def test_escape_makes_markdown_inert() -> None:
    assert escape("[x](javascript:alert(1))") == r"\[x\]\(javascript\:alert\(1\)\)"
    assert escape("<script>") == r"\<script\>"
