"""Hypothesis strategies: valid profiles and answer sets for any questionnaire."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.method.answers import Answers
from diagnostic.method.conditions import allows_not_applicable

# Free text as the app stores it (see answers.clean_text): no control characters but tab/newline.
CLEAN = st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t")
COMMENT = st.text(CLEAN, min_size=1, max_size=60)


@st.composite
def profiles(draw: st.DrawFn, q: Questionnaire) -> dict[str, Any]:
    profile: dict[str, Any] = {}
    for pq in q.profile:
        ids = [o.id for o in pq.options]
        if pq.kind == "single":
            if draw(st.booleans()) or pq.required:
                profile[pq.id] = draw(st.sampled_from(ids))
        elif pq.kind == "multi":
            profile[pq.id] = tuple(draw(st.lists(st.sampled_from(ids), unique=True)))
        elif draw(st.booleans()):
            profile[pq.id] = draw(st.text(CLEAN, max_size=pq.max_length))
    return profile


@st.composite
def answer_sets(draw: st.DrawFn, q: Questionnaire, with_notes: bool = False) -> Answers:
    profile = draw(profiles(q))
    facts = Facts(profile=profile)
    answers: dict[str, int | str] = {}
    comments: dict[str, str] = {}
    evidence: dict[str, str] = {}
    for qid, question in q.questions.items():
        choices: list[Any] = [None, 0, 1, 2, 3, 4, "dont_know"]
        if allows_not_applicable(question, facts):
            choices.append("not_applicable")
        value = draw(st.sampled_from(choices))
        if value is None:
            continue
        answers[qid] = value
        if with_notes and draw(st.booleans()):
            comments[qid] = draw(COMMENT)
        if with_notes and draw(st.booleans()):
            evidence[qid] = draw(st.sampled_from(["declared", "documented", "verified"]))
    return Answers(q.id, q.version, profile, answers, comments, evidence)
