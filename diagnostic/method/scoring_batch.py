"""Score many answer sets at once: a campaign's diagnostics in one pass over a table.

Why: a regional or national campaign (benchmarking establishments of one type, following a GHT's
members year after year) collects tens of thousands of answer sets. Scoring them one by one with
:func:`diagnostic.method.scoring.score` costs about 64 µs each, 6.4 s per 100,000; here the same
arithmetic runs column by column with numpy, many times faster (``make perf``: ``score_100k_s``).
``diagnostic batch`` (:mod:`diagnostic.outputs.batch`) is its command-line caller.

The method is exactly ``scoring.score``'s (``docs/method.md``) and must equal it row for row; a
property test holds it to that. Levels 0–4 give a weighted mean × 25; "dont_know" counts 0 and
lowers visibility; "not_applicable", unanswered and not-asked questions (``when`` false for the
row's profile) are left out; a dimension with nothing answered is not scored (NaN, never 0); the
overall score is the weighted mean of the scored dimensions with weights per establishment type;
stages come from the thresholds and each raised red flag caps the stage. Sums run question by
question in the questionnaire's order, as ``score`` adds them, so the floats are identical.

Input: a :class:`pandas.DataFrame`, one row per answer set, one column per question id and per
profile field, the layout a campaign export has; :mod:`diagnostic.method.scoring_batch_frame`
describes
it, checks it and builds it from :class:`~diagnostic.method.answers.Answers`
(:func:`frame_from_answers`).
Like ``score``, "not_applicable" counts as such whatever the profile: whether it was allowed is
checked where answers come in (``answers.read``, the wizard).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from diagnostic.content.facts import Facts
from diagnostic.content.models import PROFILE_TYPE_FIELD
from diagnostic.content.operators import Condition
from diagnostic.method import scoring_batch_frame as layout
from diagnostic.method.conditions import holds
from diagnostic.method.scoring import POINTS_PER_LEVEL
from diagnostic.method.scoring_batch_frame import (
    DONT_KNOW,
    NOT_APPLICABLE,
    TOKENS,
    UNANSWERED,
    Bools,
    Codes,
    Profiles,
    frame_from_answers,
)

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire
    from diagnostic.content.models import Question

__all__ = ["DIMENSION_COLUMNS", "frame_from_answers", "profile_conditions", "score_many"]

Floats = npt.NDArray[np.float64]

DIMENSION_COLUMNS = ("score", "stage", "coverage", "visibility", "asked", "answered",
                     "dont_know", "not_applicable", "weight")  # fmt: skip


def score_many(q: Questionnaire, frame: pd.DataFrame) -> pd.DataFrame:
    """Score every row; one result row per input row, same index.

    Columns: ``<dimension>.<x>`` for x in ``DIMENSION_COLUMNS`` (score NaN when not scored;
    visibility NaN when nothing answered; stages as ordered categories, NaN when not scored), then
    ``establishment_type``, ``overall``, ``uncapped_stage``, ``stage`` and one boolean
    ``red_flag.<id>`` per red flag: the fields of :class:`~diagnostic.method.scoring.ScoreResult`.
    """
    layout.check_columns(q, frame)
    profiles = layout.read_profile(q, frame)
    ctx = _Context(
        profiles, layout.read_answers(q, frame), {qid: j for j, qid in enumerate(q.questions)}
    )
    asked = _asked(q, profiles)
    type_code, row_weights = _type_weights(q, profiles)
    out: dict[str, Any] = {}
    weight_sum, weighted = np.zeros(profiles.rows), np.zeros(profiles.rows)
    for k, dim in enumerate(q.dimensions):
        columns = _dimension(q, dim.questions, ctx, asked)
        score = ctx.scores[dim.id] = columns["score"]
        scored = ~np.isnan(score)  # score() sums the scored dimensions only, in this order
        weight_sum += np.where(scored, row_weights[:, k], 0.0)
        weighted += np.where(scored, row_weights[:, k] * score, 0.0)
        columns["weight"] = row_weights[:, k]
        out.update({f"{dim.id}.{name}": columns[name] for name in DIMENSION_COLUMNS})
    types = list(profiles.options.get(PROFILE_TYPE_FIELD, ()))
    out["establishment_type"] = pd.Categorical.from_codes(type_code, categories=pd.Index(types))
    with np.errstate(divide="ignore", invalid="ignore"):
        out["overall"] = np.where(weight_sum > 0, weighted / weight_sum, np.nan)
    stage_ids = [s.id for s in q.stages]
    uncapped = _stage_codes(q, out["overall"])
    cap = np.full(profiles.rows, len(stage_ids))
    flags = {f"red_flag.{flag.id}": ctx.mask(flag.when) for flag in q.red_flags}
    for flag in q.red_flags:
        lowered = np.minimum(cap, stage_ids.index(flag.caps_stage))
        cap = np.where(flags[f"red_flag.{flag.id}"], lowered, cap)
    out["uncapped_stage"] = _categorical(uncapped, stage_ids)
    out["stage"] = _categorical(np.where(uncapped < 0, -1, np.minimum(uncapped, cap)), stage_ids)
    return pd.DataFrame({**out, **flags}, index=frame.index)


def _dimension(
    q: Questionnaire, questions: Sequence[Question], ctx: _Context, asked: Bools
) -> dict[str, Any]:
    """One dimension's columns, summed question by question exactly as ``score_dimension``."""
    n = ctx.profiles.rows
    total, levels, known_weight = np.zeros(n), np.zeros(n), np.zeros(n)
    counts = {name: np.zeros(n, np.int64) for name in DIMENSION_COLUMNS[4:8]}
    for question in questions:
        j = ctx.column[question.id]
        c, a = ctx.codes[:, j], asked[:, j]
        answered, known = a & (c <= DONT_KNOW), a & (c < DONT_KNOW)
        total += np.where(answered, question.weight, 0.0)
        levels += np.where(known, question.weight * c, 0.0)
        known_weight += np.where(known, question.weight, 0.0)
        counts["asked"] += a
        counts["answered"] += answered
        counts["dont_know"] += a & (c == DONT_KNOW)
        counts["not_applicable"] += a & (c == NOT_APPLICABLE)
    applicable = counts["asked"] - counts["not_applicable"]
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(total > 0, levels / total * POINTS_PER_LEVEL, np.nan)
        coverage = np.where(applicable > 0, counts["answered"] / applicable, 0.0)
        visibility = np.where(total > 0, known_weight / total, np.nan)
    stage = _categorical(_stage_codes(q, score), [s.id for s in q.stages])
    return {"score": score, "stage": stage, "coverage": coverage, "visibility": visibility,
            **counts}  # fmt: skip


def profile_conditions(
    q: Questionnaire, frame: pd.DataFrame, conditions: Sequence[Condition]
) -> Bools:
    """Evaluate profile-only conditions (``when``, ``not_applicable_when``) for every row.

    Returns a rows × conditions boolean matrix; each condition is evaluated once per distinct
    profile, with :func:`diagnostic.method.conditions.holds` itself.
    """
    layout.check_columns(q, frame)
    return _profile_masks(layout.read_profile(q, frame), conditions)


# --- conditions --------------------------------------------------------------------------------


def _mentions(condition: Condition) -> set[tuple[str, str]]:
    """The (profile field, option) pairs a condition looks at: all a profile projection needs."""
    return {
        (m.id, m.option)
        for node, _ in condition.walk()
        for m in node.mentions()
        if m.kind == "profile" and m.option is not None
    }


def _profile_masks(profiles: Profiles, conditions: Sequence[Condition]) -> Bools:
    """Rows × conditions, with ``holds`` run once per distinct projection of the profile.

    The projection keeps, for each field, only the options the conditions name: ``profile_in``
    and ``tool_in_use`` depend only on that intersection, so the result is the same as on the
    full profile, and the number of distinct projections stays small.
    """
    mentioned = sorted({m for c in conditions for m in _mentions(c)})
    found = [(pair, bits) for pair in mentioned if (bits := profiles.has(*pair)) is not None]
    pairs = [pair for pair, _ in found]
    distinct, inverse = _distinct_rows([bits for _, bits in found], profiles.rows)
    results = np.zeros((len(distinct), len(conditions)), dtype=bool)
    for i, row in enumerate(distinct):
        profile: dict[str, Any] = {}
        for (name, value), on in zip(pairs, row, strict=True):
            if on and name in profiles.checklists:
                profile[name] = (*profile.get(name, ()), value)
            elif on:
                profile[name] = value
        facts = Facts(profile=profile)
        results[i] = [holds(c, facts) for c in conditions]
    return results[inverse]


def _distinct_rows(columns: list[Bools], rows: int) -> tuple[Bools, npt.NDArray[np.intp]]:
    """The distinct rows of these boolean columns, and which one each row is.

    Rows are packed into one integer each when they fit (sorting integers is ~50 times faster
    than sorting rows of booleans); beyond 62 columns, numpy compares whole rows.
    """
    if not columns:
        return np.zeros((1, 0), bool), np.zeros(rows, np.intp)
    if len(columns) > 62:
        distinct, inverse = np.unique(np.column_stack(columns), axis=0, return_inverse=True)
        return distinct, inverse.ravel()
    keys = np.zeros(rows, np.int64)
    for i, column in enumerate(columns):
        keys |= column.astype(np.int64) << i
    unique_keys, inverse = np.unique(keys, return_inverse=True)
    bits = (unique_keys[:, None] >> np.arange(len(columns))) & 1
    return bits.astype(bool), inverse.ravel()


def _asked(q: Questionnaire, profiles: Profiles) -> Bools:
    """Questions × rows asked: ``is_asked`` (``holds(question.when)``) per distinct profile."""
    asked = np.ones((profiles.rows, len(q.questions)), dtype=bool)
    when = [(j, qn.when) for j, qn in enumerate(q.questions.values()) if qn.when is not None]
    if when:
        asked[:, [j for j, _ in when]] = _profile_masks(profiles, [c for _, c in when])
    return asked


@dataclass(frozen=True)
class _Context:
    """What red-flag conditions look at; ``scores`` fills in as dimensions are scored."""

    profiles: Profiles
    codes: Codes
    column: dict[str, int]
    scores: dict[str, Floats] = field(default_factory=dict)

    def answer(self, question_id: str) -> Codes:
        j = self.column.get(question_id)
        return np.full(self.profiles.rows, UNANSWERED, np.int8) if j is None else self.codes[:, j]

    def level(self, question_id: str) -> npt.NDArray[np.int8]:
        """Like ``Facts.level``: the level, 0 for "don't know", -1 for no level."""
        c = self.answer(question_id)
        return np.where(c < DONT_KNOW, c, np.where(c == DONT_KNOW, 0, -1)).astype(np.int8)

    def answer_code(self, value: int | str) -> int:
        return value if isinstance(value, int) else TOKENS[value]

    def none(self) -> Bools:
        return np.zeros(self.profiles.rows, dtype=bool)

    def mask(self, condition: Condition) -> Bools:
        """The condition for every row; profile-only parts once per distinct profile."""
        if condition.profile_only:
            return self.profile_mask(condition)
        return condition.vectorised(self)

    def profile_mask(self, condition: Condition) -> Bools:
        return _profile_masks(self.profiles, [condition])[:, 0]


# --- weights and stages ------------------------------------------------------------------------


def _type_weights(q: Questionnaire, profiles: Profiles) -> tuple[npt.NDArray[np.intp], Floats]:
    """Each row's establishment type (-1 when none) and its dimension weights (``weights_for``)."""
    types = profiles.options.get(PROFILE_TYPE_FIELD, ())
    chosen = profiles.ticked.get(PROFILE_TYPE_FIELD, np.zeros((profiles.rows, 0), bool))
    code = np.where(chosen.any(axis=1), chosen.argmax(axis=1) if types else 0, -1)
    table = np.array([[q.weights_for(t)[d.id] for d in q.dimensions] for t in (*types, None)])
    return code, table[code]


def _stage_codes(q: Questionnaire, values: Floats) -> npt.NDArray[np.intp]:
    """Like ``stage_for``: the highest stage whose threshold is reached, -1 when not scored."""
    thresholds = np.array([s.min_score for s in q.stages])
    reached = np.searchsorted(thresholds, values, side="right") - 1
    return np.where(np.isnan(values), -1, reached)


def _categorical(codes: npt.NDArray[np.intp], stage_ids: list[str]) -> pd.Categorical[str]:
    return pd.Categorical.from_codes(codes, categories=pd.Index(stage_ids), ordered=True)
