"""Drive the Streamlit wizard under AppTest the way a person would: fill a step, press a button.

Form widgets are set, then the submit button is clicked in the same run (a browser sends a form's
values only on submit, and AppTest behaves the same way).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from diagnostic.method.answers import Answers

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def start(lang: str = "fr", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if lang != "fr":
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def session(at: AppTest) -> Any:
    return at.session_state["diagnostic"]


def press(at: AppTest, *labels: str) -> AppTest:
    """Click the first button whose label contains one of ``labels``."""
    for button in at.button:
        if any(label in button.label for label in labels):
            return button.click().run()
    raise AssertionError(f"no button among {[b.label for b in at.button]} matches {labels}")


def fill_profile(at: AppTest, profile: dict[str, Any]) -> None:
    for key, value in profile.items():
        if isinstance(value, tuple | list):
            at.multiselect(key=f"p:{key}").set_value(list(value))
        elif key == "establishment_name":
            at.text_input(key=f"p:{key}").input(value)
        else:
            at.selectbox(key=f"p:{key}").set_value(value)


def fill_current_step(at: AppTest, answers: Answers) -> None:
    """Set every radio of the step shown from ``answers`` (comments and evidence too)."""
    for radio in at.radio:
        if not radio.key or not radio.key.startswith("q:"):
            continue
        qid = radio.key[2:]
        if qid in answers.answers:
            radio.set_value(answers.answers[qid])
            if qid in answers.comments:
                at.text_area(key=f"c:{qid}").input(answers.comments[qid])
            if qid in answers.evidence:
                at.radio(key=f"e:{qid}").set_value(answers.evidence[qid])


def complete(at: AppTest, answers: Answers, lang: str = "fr") -> AppTest:
    """From the home page, answer everything in ``answers`` and open the results."""
    press(at, "Commencer", "Start", "Reprendre le questionnaire", "Resume the questionnaire")
    fill_profile(at, dict(answers.profile))
    press(at, "Suivant", "Next")
    while session(at).view == "wizard":
        fill_current_step(at, answers)
        press(at, "Suivant", "Next", "Voir les résultats", "See the results")
    return at
