"""Helpers shared by the benchmarks: medians after warm-up, generated answer sets."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from diagnostic.content import loader as content
from diagnostic.content.facts import Facts
from diagnostic.method.answers import Answers
from diagnostic.method.conditions import allows_not_applicable


def median_seconds(func: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def random_answer_sets(q: content.Questionnaire, count: int, seed: int = 7) -> list[Answers]:
    rng = random.Random(seed)
    types = [o.id for o in q.profile_by_id["establishment_type"].options]
    tools = [o.id for o in q.profile_by_id["ai_tools"].options]
    sets = []
    for _ in range(count):
        profile = {
            "establishment_type": rng.choice(types),
            "ai_tools": tuple(t for t in tools if rng.random() < 0.3),
        }
        facts = Facts(profile=profile)
        answers: dict[str, int | str] = {}
        for qid, question in q.questions.items():
            choices: list[int | str | None] = [None, 0, 1, 2, 3, 4, "dont_know"]
            if allows_not_applicable(question, facts):
                choices.append("not_applicable")
            value = rng.choice(choices)
            if value is not None:
                answers[qid] = value
        sets.append(Answers(q.id, q.version, profile, answers))
    return sets
