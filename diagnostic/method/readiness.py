"""Use-case readiness: which proven AI use cases this establishment can start, and what is missing.

For each use case relevant to the profile, in this order of precedence:

* ``in_production`` when a matching tool is already ticked in the profile;
* ``not_advised`` when a blocker holds (its ``because`` says why);
* ``ready_once`` when some prerequisites are missing (their labels say which);
* ``ready_now`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from diagnostic.content.advice import UseCase
from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.content.models import PROFILE_TOOLS_FIELD
from diagnostic.method.conditions import holds

Status = Literal["in_production", "not_advised", "ready_once", "ready_now"]
STATUSES: tuple[Status, ...] = ("in_production", "ready_now", "ready_once", "not_advised")


@dataclass(frozen=True)
class Readiness:
    use_case: UseCase
    status: Status
    missing: tuple[dict[str, str], ...]  # labels of the missing prerequisites, per language
    blockers: tuple[dict[str, str], ...]  # reasons not to start yet, per language


def assess(q: Questionnaire, facts: Facts) -> tuple[Readiness, ...]:
    """Readiness of every relevant use case, grouped by status then in catalogue order."""
    tools = set(facts.profile_values(PROFILE_TOOLS_FIELD))
    out = []
    for case in q.use_cases:
        if not holds(case.relevant_when, facts):
            continue
        missing = tuple(
            p.label.model_dump() for p in case.prerequisites if not holds(p.when, facts)
        )
        blockers = tuple(b.because.model_dump() for b in case.blockers if holds(b.when, facts))
        status: Status
        if tools & set(case.in_production_tools):
            status = "in_production"
        elif blockers:
            status = "not_advised"
        elif missing:
            status = "ready_once"
        else:
            status = "ready_now"
        out.append(Readiness(case, status, missing, blockers))
    return tuple(sorted(out, key=lambda r: STATUSES.index(r.status)))
