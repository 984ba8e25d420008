"""Build answer sets that make a condition true (or false), to test rules from the rule table.

The solver knows no operator by name: it reads what a condition mentions (profile options,
questions, dimensions, red flags, see :class:`diagnostic.content.operators.Mention`), tries a few values
for each and keeps the first with which the real evaluation (scores, targets and flags included)
gives the wanted truth. Combinators are solved through their parts. So a new operator is covered
without a line here, and a condition the solver cannot satisfy shows up as a failing test.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.content.operators import Condition, Mention
from diagnostic.method.answers import Answers
from diagnostic.method.report import gather_facts
from diagnostic.method.scoring import score
from diagnostic.method.targets import gaps, targets_for

State = dict[str, Any]  # {"profile": {...}, "answers": {...}}
ALL_VALUES: list[Any] = [0, 1, 2, 3, 4, "dont_know", "unanswered"]
Move = Callable[[State], None]


def facts_of(q: Questionnaire, state: State) -> Facts:
    """Everything a condition may look at, from the real pipeline."""
    answers = Answers(q.id, q.version, state["profile"], state["answers"])
    result = score(q, answers)
    facts = gather_facts(answers, result, gaps(targets_for(q, answers.profile), result))
    return replace(facts, perception_gaps=state.get("perception_gaps", {}))


def _set_perception_gap(item: str, present: bool) -> Move:
    def move(state: State) -> None:
        found = state.setdefault("perception_gaps", {})
        if present:
            found[item] = 30.0
        else:
            found.pop(item, None)

    return move


def _set_answer(qid: str, value: Any) -> Move:
    def move(state: State) -> None:
        if value == "unanswered":
            state["answers"].pop(qid, None)
        else:
            state["answers"][qid] = value

    return move


def _set_profile(q: Questionnaire, field: str, option: str, present: bool) -> Move:
    def move(state: State) -> None:
        pq = q.profile_by_id[field]
        options = [o.id for o in pq.options]
        if pq.kind == "multi":
            current = set(state["profile"].get(field, ()))
            current = current | {option} if present else current - {option}
            state["profile"][field] = tuple(o for o in options if o in current)
        elif present:
            state["profile"][field] = option
        elif state["profile"].get(field) == option:
            state["profile"][field] = next(o for o in options if o != option)

    return move


def _whole_dimension(q: Questionnaire, dimension: str, level: int) -> Move:
    def move(state: State) -> None:
        for question in q.dimension(dimension).questions:
            state["answers"][question.id] = level

    return move


def _moves(q: Questionnaire, m: Mention, truth: bool) -> Iterator[Move]:
    """Candidate changes for one mentioned id, the most likely first."""
    if m.kind == "question":
        yield from (_set_answer(m.id, v) for v in ALL_VALUES)
    elif m.kind == "profile" and m.option is not None and m.id in q.profile_by_id:
        yield _set_profile(q, m.id, m.option, truth)
        yield _set_profile(q, m.id, m.option, not truth)
    elif m.kind == "dimension":
        yield from (_whole_dimension(q, m.id, level) for level in (0, 4, 1, 3, 2))
    elif m.kind == "perception_gap":
        yield _set_perception_gap(m.id, truth)
        yield _set_perception_gap(m.id, not truth)
    elif m.kind == "red_flag":
        flag = next(f for f in q.red_flags if f.id == m.id)
        yield from (lambda s, t=t: make(q, flag.when, s, t) for t in (truth, not truth))


def _reads_scores(cond: Condition) -> bool:
    return any(m.kind == "dimension" for node, _ in cond.walk() for m in node.mentions())


def make(q: Questionnaire, cond: Condition, state: State, truth: bool) -> None:
    """Change ``state`` so that ``cond`` evaluates to ``truth`` (best effort)."""
    attempts: list[Move] = []
    parts = [child for _, child in cond.parts()]
    # Dimension-wide changes first, so that specific answers written later win.
    parts.sort(key=lambda c: not _reads_scores(c))
    for want in (truth, not truth):
        attempts.append(lambda s, w=want: [make(q, c, s, w) for c in parts])
        attempts.extend(lambda s, w=want, c=c: make(q, c, s, w) for c in parts)
    # A leaf: every mention must move together (all options of a profile_in, say).
    mentions = [m for m in cond.mentions() if m.option is not None or m.kind != "profile"]
    if mentions:
        attempts.append(lambda s: [next(_moves(q, m, truth))(s) for m in mentions])
        attempts.extend(move for m in mentions for move in _moves(q, m, truth))
    for attempt in attempts:
        trial = copy.deepcopy(state)
        attempt(trial)
        if cond.holds(facts_of(q, trial)) == truth:
            state.clear()
            state.update(trial)
            return
