"""Results gates: the required profile first, then the express path's provisional result.

The express path's provisional result: label, confidence, first priorities, what is missing.

The express diagnostic asks only the core questions (``core: true`` in the content) and scores
them with the same method, report and PDF as the full one. Its results page says plainly that the
result is indicative, how much it rests on, and offers to go on to the full diagnostic with the
same answers, so nothing is lost.
"""

from __future__ import annotations

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, percent
from diagnostic.method.conditions import is_asked
from diagnostic.method.report import Report
from diagnostic.ui import state, wizard
from diagnostic.ui.safe import escape

# Share of the asked questions answered -> confidence word. Below 40 % (the express path alone
# is about 27 %) the stage may move by one once the rest is answered.
CONFIDENCE = ((0.75, "high"), (0.4, "medium"), (0.0, "low"))


def confidence(answered: int, asked: int) -> str:
    """``"low"``, ``"medium"`` or ``"high"`` from the share of asked questions answered."""
    share = answered / asked if asked else 0.0
    return next(level for floor, level in CONFIDENCE if share >= floor)


def _to_step(q: Questionnaire, step: int) -> None:
    s = state.session(q)
    s.view, s.step = "wizard", step


def computable(q: Questionnaire, s: state.Session, lang: str) -> bool:
    """False, with the reason and a way back, when there is nothing sound to show.

    Targets, benchmarks and most recommendations depend on the required profile fields; with
    them empty, a full page of results "for your type" would be made up; with no answer at all,
    a stage, a confidence and a plan would be made up too.
    """
    missing = state.missing_required(q, s.answers)
    if missing:
        st.warning(wizard.missing_text(q, missing, "journey.results_need_profile", lang))
        st.button(
            message("journey.complete_profile", lang),
            type="primary",
            key="results-to-profile",
            on_click=_to_step,
            args=(q, 0),
        )
        return False
    if not s.answers.answers:
        # Nothing answered: a stage "not assessed", "100 % don't know" and a plan would be noise.
        st.info(message("journey.no_answers", lang))
        st.button(
            message("journey.to_questionnaire", lang),
            type="primary",
            key="results-to-wizard",
            on_click=_to_step,
            args=(q, state.first_open_step(q, s.answers, s.express)),
        )
        return False
    return True


def go_full(q: Questionnaire) -> None:
    """Leave the express path: same answers, the wizard at the first step with gaps."""
    s = state.session(q)
    s.express, s.view = False, "wizard"
    s.step = state.first_open_step(q, s.answers)


def render(q: Questionnaire, s: state.Session, report: Report, lang: str) -> None:
    """The provisional-result panel, shown above the results while on the express path."""
    if not s.express:
        return
    facts = s.answers.facts
    asked = [x for d in q.dimensions for x in d.questions if is_asked(x, facts)]
    answered = sum(1 for x in asked if x.id in s.answers.answers)
    level = confidence(answered, len(asked))
    with st.container(border=True):
        st.subheader(message("journey.indicative_title", lang))
        st.markdown(
            message(
                "journey.indicative_body",
                lang,
                answered=answered,
                asked=len(asked),
                share=percent(100 * answered / len(asked) if asked else 0, lang),
                confidence=message(f"journey.confidence.{level}", lang),
            )
        )
        # The first priorities follow right below ("Vos priorités", diagnostic.ui.plan_view).
        st.markdown("**" + message("journey.missing_parts", lang) + "**")
        for d in q.dimensions:
            missing = sum(
                1 for x in d.questions if is_asked(x, facts) and x.id not in s.answers.answers
            )
            if missing:
                title = escape(d.title.get(lang))
                st.markdown(
                    "- " + message("journey.missing_part", lang, dimension=title, count=missing)
                )
        st.button(
            message("journey.continue_full", lang),
            type="primary",
            key="express-continue",
            on_click=go_full,
            args=(q,),
            help=message("journey.continue_help", lang),
        )
