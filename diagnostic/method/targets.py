"""Typology targets: a realistic score per dimension for this kind of establishment.

A care home is not held to a university hospital's data-warehouse level. Targets come from
``targets.yaml``: defaults, overridden by establishment type, then shifted by size adjustments whose
profile condition holds. The gap to target (target − score) drives the order of the action plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.content.models import PROFILE_TYPE_FIELD
from diagnostic.method.conditions import holds
from diagnostic.method.scoring import ScoreResult

# Within this many points of the target, a dimension is "at target".
LEVEL_MARGIN = 5.0


def targets_for(q: Questionnaire, profile: Mapping[str, str | tuple[str, ...]]) -> dict[str, float]:
    """Target score per dimension for a profile (empty when the questionnaire declares none)."""
    if q.targets is None:
        return {}
    kind = profile.get(PROFILE_TYPE_FIELD)
    targets = dict(q.targets.default.targets)
    if isinstance(kind, str) and kind in q.targets.by_type:
        targets.update(q.targets.by_type[kind].targets)
    facts = Facts(profile=profile)
    for adjustment in q.targets.size_adjustments:
        if holds(adjustment.when, facts):
            for dim, delta in adjustment.delta.items():
                targets[dim] = min(100.0, max(0.0, targets.get(dim, 0.0) + delta))
    return targets


def gaps(targets: Mapping[str, float], result: ScoreResult) -> dict[str, float]:
    """Target minus score for every scored dimension that has a target (negative = above it)."""
    return {
        d.dimension_id: targets[d.dimension_id] - d.score
        for d in result.dimensions
        if d.score is not None and d.dimension_id in targets
    }


def rationale(
    q: Questionnaire, profile: Mapping[str, str | tuple[str, ...]], lang: str
) -> list[str]:
    """The one-line reasons behind this profile's targets (type, then size adjustments)."""
    if q.targets is None:
        return []
    kind = profile.get(PROFILE_TYPE_FIELD)
    group = q.targets.by_type.get(kind) if isinstance(kind, str) else None
    lines = [(group or q.targets.default).rationale.get(lang)]
    facts = Facts(profile=profile)
    lines += [a.rationale.get(lang) for a in q.targets.size_adjustments if holds(a.when, facts)]
    return lines
