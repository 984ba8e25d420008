"""Scoring a national campaign's volume: 100,000 answer sets at once, and one by one for the ratio.

``make perf`` calls :func:`run`; ``.venv/bin/python -m perf.scoring`` runs it alone and prints the
figures. Each figure is the median of 3 runs after one warm-up run (``perf.common.median_seconds``).

* ``score_100k_s``: :func:`diagnostic.method.scoring_batch.score_many` on a 100,000-row table
  already in
  memory, as a campaign export is read (``pd.read_csv``). It includes checking and decoding every
  cell (text and numbers to answer codes) but not building the table from ``Answers`` objects.
* ``score_100k_convert_s``: building that table from 100,000 ``Answers`` objects with
  ``frame_from_answers``, reported apart because it is plain Python and costs more than the
  scoring itself; add both for "from objects in memory to scores".
* ``score_loop_100k_s``: a plain loop over :func:`diagnostic.method.scoring.score` on 2,000 sets,
  extrapolated to 100,000.

The table is drawn with numpy from the same distribution as ``random_answer_sets`` (the loop's
data): a uniform establishment type, each AI tool ticked with probability 0.3, each answer uniform
over unanswered, 0–4 and "don't know", plus "not applicable" where the profile allows it.
Drawing 100,000 ``Answers`` objects in Python would take longer than everything measured here.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from diagnostic.content import loader as content
from diagnostic.method.answers import Answers
from diagnostic.method.scoring import score
from diagnostic.method.scoring_batch import frame_from_answers, profile_conditions, score_many
from perf.common import median_seconds, random_answer_sets

SETS = 100_000
LOOP_SETS = 2_000
ANSWERS = np.array([None, 0, 1, 2, 3, 4, "dont_know", "not_applicable"], dtype=object)


def campaign_frame(q: content.Questionnaire, count: int, seed: int = 7) -> pd.DataFrame:
    """A campaign export of ``count`` random answer sets (see the module docstring)."""
    rng = np.random.default_rng(seed)
    types = np.array([o.id for o in q.profile_by_id["establishment_type"].options], dtype=object)
    tools = [o.id for o in q.profile_by_id["ai_tools"].options]
    ticked = rng.random((count, len(tools))) < 0.3
    keys = (ticked.astype(np.int64) << np.arange(len(tools))).sum(axis=1)
    distinct, which = np.unique(keys, return_inverse=True)
    checklists = ["|".join(t for b, t in enumerate(tools) if k >> b & 1) for k in distinct]
    frame = pd.DataFrame(
        {
            "establishment_type": types[rng.integers(0, len(types), count)],
            "ai_tools": np.array(checklists, dtype=object)[which],
        }
    )
    questions = list(q.questions.values())
    with_na = [j for j, qn in enumerate(questions) if qn.not_applicable_when is not None]
    allowed = np.zeros((count, len(questions)), dtype=bool)
    na_conditions = [c for j in with_na if (c := questions[j].not_applicable_when) is not None]
    allowed[:, with_na] = profile_conditions(q, frame, na_conditions)
    shape = allowed.shape
    drawn = np.where(allowed, rng.integers(0, 8, shape), rng.integers(0, 7, shape))
    answers = pd.DataFrame(ANSWERS[drawn], columns=list(q.questions), dtype=object)
    return pd.concat([frame, answers], axis=1)


def _same_overall(q: content.Questionnaire, sets: list[Answers]) -> None:
    """Guard: the figure is only worth printing if the batch gives the loop's results."""
    batch = score_many(q, frame_from_answers(q, sets))["overall"].tolist()
    loop = [score(q, a).overall for a in sets]
    same = all((b is None and math.isnan(a)) or a == b for a, b in zip(batch, loop, strict=True))
    if not same:
        raise AssertionError("score_many differs from scoring.score on the perf data")


def run(results: dict[str, float]) -> None:
    q = content.load_default()
    frame = campaign_frame(q, SETS)
    results["score_100k_s"] = median_seconds(lambda: score_many(q, frame), repeat=3)
    sets = random_answer_sets(q, LOOP_SETS)
    _same_overall(q, sets)
    loop = median_seconds(lambda: [score(q, a) for a in sets], repeat=3)
    results["score_loop_100k_s"] = loop / LOOP_SETS * SETS
    many = sets * (SETS // LOOP_SETS)  # 100,000 objects; converting repeats costs the same
    results["score_100k_convert_s"] = median_seconds(lambda: frame_from_answers(q, many), repeat=3)


def main() -> None:
    results: dict[str, float] = {}
    run(results)
    for key, value in results.items():
        print(f"{key:22} {value:8.3f} s")
    ratio = results["score_loop_100k_s"] / results["score_100k_s"]
    print(f"score_many is {ratio:.1f} × faster than the per-set loop (target score_100k_s ≤ 2 s)")


if __name__ == "__main__":
    main()
