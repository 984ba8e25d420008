"""How far each score can be trusted, from "don't know" answers and evidence levels.

The score keeps its published rule ("don't know" counts 0); confidence says how much of it rests
on answers nobody knew. Per dimension and overall, with the thresholds of ``plan.yaml``:

* low ("indicatif") when more than ``low_dont_know_share`` of the answered questions are
  "don't know";
* medium when more than ``medium_dont_know_share`` are, unless at least ``high_evidence_share``
  of the known answers are documented or verified;
* high otherwise.

The whole diagnostic is indicative when confidence is low overall or in any scored dimension.
"""

from __future__ import annotations

from dataclasses import dataclass

from diagnostic.content.plan_models import ConfidencePolicy
from diagnostic.method.answers import Answers
from diagnostic.method.scoring import ScoreResult

LEVELS = ("high", "medium", "low")
BACKED = frozenset({"documented", "verified"})


@dataclass(frozen=True)
class Confidence:
    """Confidence in one score: the level and the figures it comes from."""

    level: str  # high | medium | low
    dont_know_share: float  # of answered questions
    evidence_share: float  # of answers with a known level, documented or verified
    answered: int


@dataclass(frozen=True)
class ConfidenceReport:
    overall: Confidence
    dimensions: dict[str, Confidence]
    low_dimensions: tuple[str, ...]  # dimension ids whose confidence is low

    @property
    def indicative(self) -> bool:
        """The stage is provisional: low confidence overall or in one dimension."""
        return self.overall.level == "low" or bool(self.low_dimensions)


def _level(policy: ConfidencePolicy, dont_know: float, evidence: float) -> str:
    if dont_know > policy.low_dont_know_share:
        return "low"
    if dont_know > policy.medium_dont_know_share and evidence < policy.high_evidence_share:
        return "medium"
    return "high"


def _one(policy: ConfidencePolicy, answered: int, dont_know: int, backed: int) -> Confidence:
    known = answered - dont_know
    dk_share = dont_know / answered if answered else 1.0
    ev_share = backed / known if known else 0.0
    level = _level(policy, dk_share, ev_share) if answered else "low"
    return Confidence(level, dk_share, ev_share, answered)


def assess(
    policy: ConfidencePolicy, q_dimension_of: dict[str, str], answers: Answers, result: ScoreResult
) -> ConfidenceReport:
    """Confidence per scored dimension and overall (see the module docstring)."""
    backed: dict[str, int] = {}
    for qid, evidence in answers.evidence.items():
        if evidence in BACKED and isinstance(answers.answers.get(qid), int):
            dim = q_dimension_of.get(qid)
            if dim is not None:
                backed[dim] = backed.get(dim, 0) + 1
    dims = {
        d.dimension_id: _one(policy, d.answered, d.dont_know, backed.get(d.dimension_id, 0))
        for d in result.dimensions
        if d.scored
    }
    overall = _one(
        policy,
        sum(d.answered for d in result.dimensions),
        sum(d.dont_know for d in result.dimensions),
        sum(backed.values()),
    )
    low = tuple(k for k, c in dims.items() if c.level == "low")
    return ConfidenceReport(overall, dims, low)
