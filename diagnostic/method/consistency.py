"""Consistency findings: answers that contradict each other, quoted side by side.

The checks are data (``consistency.yaml``): each has a condition written with the usual operators
and names the answers to quote. A finding is a check whose condition holds; it carries, in every
language, the question (or profile question) and the answer given, so the screen, the PDF and the
command line can show the two answers next to each other without looking anything up.
"""

from __future__ import annotations

from dataclasses import dataclass

from diagnostic.content.advice import ConsistencyCheck
from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import LANGS, message
from diagnostic.method.conditions import holds


@dataclass(frozen=True)
class Quote:
    """One answer quoted by a finding: what was asked and what was answered, per language."""

    subject: str  # question or profile question id
    question: dict[str, str]
    answer: dict[str, str]


@dataclass(frozen=True)
class Finding:
    check: ConsistencyCheck
    quotes: tuple[Quote, ...]

    @property
    def id(self) -> str:
        return self.check.id


def _answer(q: Questionnaire, qid: str, facts: Facts, lang: str) -> str:
    value = facts.answers.get(qid, "unanswered")
    if isinstance(value, int):
        label = next(
            lv.label.get(lang) for lv in q.levels_of(q.questions[qid]) if lv.level == value
        )
        return message("answer.level", lang, level=value, label=label)
    return message(f"answer.{value}", lang)


def _profile(q: Questionnaire, field: str, facts: Facts, lang: str) -> str:
    labels = {o.id: o.label.get(lang) for o in q.profile_by_id[field].options}
    chosen = [labels.get(v, v) for v in facts.profile_values(field)]
    return ", ".join(chosen) if chosen else message("findings.none_declared", lang)


def quote(q: Questionnaire, subject: str, facts: Facts) -> Quote:
    """The question and the answer given to it (or the profile values ticked), in every language."""
    if subject in q.questions:
        text = q.questions[subject].text
        answers = {lang: _answer(q, subject, facts, lang) for lang in LANGS}
    else:
        text = q.profile_by_id[subject].text
        answers = {lang: _profile(q, subject, facts, lang) for lang in LANGS}
    return Quote(subject, {lang: text.get(lang) for lang in LANGS}, answers)


def find(q: Questionnaire, facts: Facts) -> tuple[Finding, ...]:
    """Every consistency check whose condition holds, in content order, with its quotes."""
    return tuple(
        Finding(check, tuple(quote(q, subject, facts) for subject in check.quotes))
        for check in q.consistency
        if holds(check.when, facts)
    )
