"""Score one set of answers: dimension scores, overall score, maturity stage and red flags.

The method, in short (the full text is ``docs/method.md``):

* A question's level runs from 0 to 4. "Don't know" counts as 0: not knowing is itself a finding.
* A dimension's score is the weighted mean of its answered levels × 25, so 0–100. Questions that
  are not applicable, not asked (their profile condition is false) or left unanswered are left out:
  a missing answer is not a zero. A dimension with nothing answered is "not scored", never 0.
* Coverage is the share of applicable questions answered; visibility is the weighted share of
  answered questions whose level is known (not "don't know").
* The overall score is the weighted mean of the scored dimensions, with weights per establishment
  type declared in ``scoring.yaml``.
* The stage is the highest stage whose threshold the score reaches; each red flag raised caps the
  overall stage at the stage it names, whatever the score.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from diagnostic.content.facts import Facts
from diagnostic.content.models import PROFILE_TYPE_FIELD
from diagnostic.method.conditions import holds, is_asked

if TYPE_CHECKING:
    import pandas as pd

    from diagnostic.content.loader import Questionnaire
    from diagnostic.method.answers import Answers

POINTS_PER_LEVEL = 25.0


@dataclass(frozen=True)
class DimensionScore:
    """One dimension's result. ``score`` is None when nothing was answered."""

    dimension_id: str
    score: float | None
    stage_id: str | None
    coverage: float
    visibility: float | None
    asked: int
    answered: int
    dont_know: int
    not_applicable: int
    weight: float

    @property
    def scored(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class RaisedFlag:
    flag_id: str
    caps_stage: str


@dataclass(frozen=True)
class ScoreResult:
    """Everything the scoring stage produces, immutable and JSON-friendly."""

    questionnaire_id: str
    version: str
    establishment_type: str | None
    dimensions: tuple[DimensionScore, ...]
    overall: float | None
    uncapped_stage: str | None
    stage: str | None
    red_flags: tuple[RaisedFlag, ...]

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.dimension_id == dimension_id)

    @property
    def dimension_scores(self) -> dict[str, float | None]:
        return {d.dimension_id: d.score for d in self.dimensions}

    def to_frame(self) -> pd.DataFrame:
        """One row per dimension (tidy), for tables, charts and CSV."""
        import pandas as pd  # imported here: the scoring itself does not need it

        return pd.DataFrame([asdict(d) for d in self.dimensions])

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stage_for(q: Questionnaire, score: float | None) -> str | None:
    """The highest stage whose ``min_score`` the score reaches."""
    if score is None:
        return None
    reached = [s for s in q.stages if score >= s.min_score]
    return reached[-1].id


def score_dimension(
    q: Questionnaire, dimension_id: str, facts: Facts, weight: float
) -> DimensionScore:
    """Score one dimension (see the module docstring for the method)."""
    total_weight = weighted_levels = known_weight = 0.0
    asked = answered = dont_know = not_applicable = 0
    for question in q.dimension(dimension_id).questions:
        if not is_asked(question, facts):
            continue
        asked += 1
        value = facts.answers.get(question.id)
        if value == "not_applicable":
            not_applicable += 1
            continue
        if value is None:
            continue
        answered += 1
        total_weight += question.weight
        if value == "dont_know":
            dont_know += 1
        elif isinstance(value, int):
            weighted_levels += question.weight * value
            known_weight += question.weight
    applicable = asked - not_applicable
    score = weighted_levels / total_weight * POINTS_PER_LEVEL if total_weight else None
    return DimensionScore(
        dimension_id=dimension_id,
        score=score,
        stage_id=stage_for(q, score),
        coverage=answered / applicable if applicable else 0.0,
        visibility=known_weight / total_weight if total_weight else None,
        asked=asked,
        answered=answered,
        dont_know=dont_know,
        not_applicable=not_applicable,
        weight=weight,
    )


def score(q: Questionnaire, answers: Answers) -> ScoreResult:
    """Score a set of answers against its questionnaire. Pure and deterministic."""
    facts = answers.facts
    type_value = answers.profile.get(PROFILE_TYPE_FIELD)
    establishment_type = type_value if isinstance(type_value, str) else None
    weights = q.weights_for(establishment_type)
    dimensions = tuple(score_dimension(q, d.id, facts, weights[d.id]) for d in q.dimensions)
    scored = [d for d in dimensions if d.score is not None]
    weight_sum = sum(d.weight for d in scored)
    overall = sum(d.weight * (d.score or 0.0) for d in scored) / weight_sum if weight_sum else None
    uncapped = stage_for(q, overall)
    flag_facts = Facts(
        profile=facts.profile,
        answers=facts.answers,
        dimension_scores={d.dimension_id: d.score for d in dimensions},
    )
    raised = tuple(RaisedFlag(f.id, f.caps_stage) for f in q.red_flags if holds(f.when, flag_facts))
    return ScoreResult(
        questionnaire_id=q.id,
        version=q.version,
        establishment_type=establishment_type,
        dimensions=dimensions,
        overall=overall,
        uncapped_stage=uncapped,
        stage=_cap(q, uncapped, raised),
        red_flags=raised,
    )


def _cap(q: Questionnaire, stage: str | None, flags: tuple[RaisedFlag, ...]) -> str | None:
    """Lower the stage to the lowest cap among the raised flags."""
    if stage is None or not flags:
        return stage
    order = [s.id for s in q.stages]
    lowest = min(order.index(f.caps_stage) for f in flags)
    return order[min(order.index(stage), lowest)]
