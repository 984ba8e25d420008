"""This session's state: the answers (immutable, replaced on each change), the step, the view.

Streamlit forgets a widget's value when the widget is not drawn, so answers never live in widgets:
they live here, written by the step form's submit callback, and the widgets only display them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.content.models import Question
from diagnostic.errors import InputError
from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import Answers
from diagnostic.method.conditions import is_asked
from diagnostic.method.perception_summary import PerceptionSummary
from diagnostic.ui import resources
from diagnostic.workshop import store

KEY = "diagnostic"
VIEWS = ("home", "wizard", "results", "method")


@dataclass
class Session:
    answers: Answers
    step: int = 0  # 0 is the profile, then one step per dimension
    view: str = "home"
    token: str | None = None
    notices: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) shown once
    handled_upload: str | None = None
    saved: bool = False
    # Set when "Suivant" was refused on the profile step: the required fields still empty.
    blocked: tuple[str, ...] = ()
    # The express path: only the core questions are asked; the answers are the same object, so
    # going on to the full diagnostic loses nothing.
    express: bool = False
    # A staff pulse's gaps the owner integrated into this diagnostic (ui/perception_section.py).
    perception: PerceptionSummary | None = None
    # Where the answers go instead of a draft: a campaign entry (ui/campaign_entry.py) sets it.
    sink: Callable[[Answers], None] | None = None


def session(q: Questionnaire) -> Session:
    """The session's state, created on first use (restored from the URL's resume token if any)."""
    current = st.session_state.get(KEY)
    if isinstance(current, Session):
        return current
    fresh = Session(answers_mod.empty(q))
    token = st.query_params.get("r")
    if token:
        _restore(q, fresh, token)
    st.session_state[KEY] = fresh
    return fresh


def _restore(q: Questionnaire, s: Session, token: str) -> None:
    try:
        document = store.load_draft(resources.engine(), token)
    except Exception:  # the store being down must not stop the diagnostic
        document = None
    if document is None:
        s.notices.append(("warning", "resume.expired"))
        return
    try:
        s.answers = answers_mod.read(document.encode("utf-8"), q)
    except Exception:
        s.notices.append(("warning", "resume.expired"))
        return
    s.token, s.saved = token, True
    s.step = first_open_step(q, s.answers)
    s.view = "wizard"
    s.notices.append(("success", "resume.restored"))


def steps(q: Questionnaire) -> list[str]:
    """Step ids: the profile, then each dimension."""
    return ["profile", *(d.id for d in q.dimensions)]


def core_ids(q: Questionnaire) -> list[str]:
    """The questions of the express path (``core: true`` in the content)."""
    return [x.id for d in q.dimensions for x in d.questions if x.core]


def shown(question: Question, facts: Facts, express: bool) -> bool:
    """Whether the wizard asks this question: asked by the profile, and core on the express path."""
    return is_asked(question, facts) and (question.core or not express)


def step_progress(
    q: Questionnaire, a: Answers, index: int, express: bool = False
) -> tuple[int, int]:
    """(answered, asked) for a step."""
    if index == 0:
        required = [p.id for p in q.profile if p.required]
        return sum(1 for r in required if a.profile.get(r)), len(required)
    facts = a.facts
    asked = [x for x in q.dimensions[index - 1].questions if shown(x, facts, express)]
    return sum(1 for x in asked if x.id in a.answers), len(asked)


def missing_required(q: Questionnaire, a: Answers) -> list[str]:
    """Ids of the required profile fields still empty (type, legal status in the shipped content).

    The targets, the obligations and most recommendations depend on them: without them the
    results would be computed for the wrong establishment.
    """
    return [p.id for p in q.profile if p.required and not a.profile.get(p.id)]


def first_open_step(q: Questionnaire, a: Answers, express: bool = False) -> int:
    for index in range(len(steps(q))):
        done, total = step_progress(q, a, index, express)
        if done < total:
            return index
    return len(steps(q)) - 1


def persist(q: Questionnaire, s: Session) -> None:
    """Save the draft under the session's token (created on first save) and put it in the URL."""
    if s.sink is not None:
        _to_sink(s)
        return
    if s.token is None:
        s.token = store.new_token()
    try:
        store.save_draft(
            resources.engine(), s.token, q.id, answers_mod.dump(s.answers).decode("utf-8")
        )
        s.saved = True
        st.query_params["r"] = s.token
    except Exception:
        s.saved = False
        s.notices.append(("error", "save.failed"))


def _to_sink(s: Session) -> None:
    """Save to the session's sink; a refusal (a campaign that ended) is shown, not raised."""
    assert s.sink is not None
    try:
        s.sink(s.answers)
        s.saved = True
    except InputError as exc:
        s.saved = False
        s.notices.append(("error", exc.key))
    except Exception:
        s.saved = False
        s.notices.append(("error", "save.failed"))
