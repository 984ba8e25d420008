"""Content model for plan composition (``plan.yaml``): budgets, confidence, owners, obligations.

Everything the composition stage (:mod:`diagnostic.method.composition`) decides by threshold or by
establishment type is declared here as data, validated, and published in ``docs/method.md``:
how many priorities, how many actions in the first quarter, when a diagnostic is only
indicative, which rules answer an obligation already in force, and who owns an action in each
type of establishment.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from diagnostic.content.advice import Owner
from diagnostic.content.models_base import Frozen, Id
from diagnostic.content.operators import Condition


class Budgets(Frozen):
    """How long each part of the plan may be."""

    priorities: int = Field(ge=1, le=10, description='actions shown as "your priorities"')
    first_quarter: int = Field(ge=1, description="actions at most in the 0-3-month horizon")
    plan: int = Field(ge=1, description="actions at most before 'to consider next'")
    socle: int = Field(ge=1, description="actions at most in a small establishment's starter pack")
    indicative_plan: int = Field(
        ge=1, description="actions at most while the diagnostic is only indicative"
    )
    due_days: dict[str, int] = Field(
        description="days from the diagnostic date to the due date, per roadmap bucket"
    )

    @model_validator(mode="after")
    def _buckets(self) -> Budgets:
        if set(self.due_days) != {"30", "90", "365", "later"}:
            raise ValueError("due_days needs exactly the buckets 30, 90, 365 and later")
        if self.socle > self.plan or self.indicative_plan > self.plan:
            raise ValueError("the socle and the indicative plan cannot exceed the plan budget")
        return self


class ConfidencePolicy(Frozen):
    """When a score is trusted: shares of "don't know" and of documented or verified answers."""

    low_dont_know_share: float = Field(
        gt=0, lt=1, description='above this share of "don\'t know", confidence is low'
    )
    medium_dont_know_share: float = Field(
        gt=0, lt=1, description="above this share (up to the low one), confidence is medium"
    )
    high_evidence_share: float = Field(
        gt=0,
        le=1,
        description="share of answers documented or verified that lifts medium to high",
    )

    @model_validator(mode="after")
    def _ordered(self) -> ConfidencePolicy:
        if self.medium_dont_know_share >= self.low_dont_know_share:
            raise ValueError("medium_dont_know_share must be below low_dont_know_share")
        return self


class Obligation(Frozen):
    """A rule that answers a legal obligation, and the calendar entry from which it applies.

    Without ``calendar`` the obligation is already in force by a text with no date in the
    calendar (the GDPR, the HDS certification).
    """

    rule: Id
    calendar: Id | None = None


class ToolSteps(Frozen):
    """Merged actions on one object get one sub-step per declared tool concerned."""

    topic: Id
    tools: tuple[Id, ...] = Field(min_length=1)


class Role(Frozen):
    """Someone who can own an action; ``body`` names the governing body the role needs."""

    id: Id
    body: Id | None = None


class Owners(Frozen):
    """Owner codes of the rules resolved to roles the establishment has.

    Resolution, last wins: ``default``, then ``by_type`` for the establishment type, then
    ``by_group`` for its group membership when the IT department question is unanswered, then
    ``by_it_department`` for the answer to that question.
    """

    roles: tuple[Role, ...] = Field(min_length=1)
    default: dict[Owner, Id]
    by_type: dict[Id, dict[Owner, Id]] = Field(default_factory=dict)
    by_group: dict[Id, dict[Owner, Id]] = Field(default_factory=dict)
    by_it_department: dict[Id, dict[Owner, Id]] = Field(default_factory=dict)
    bodies: dict[Id, tuple[Id, ...]] = Field(
        description="governing bodies each establishment type has"
    )
    workshop_roles: dict[Id, tuple[Id, ...]] = Field(
        description="owner codes (resolved like an action's) or role ids to gather when the "
        "diagnostic must be completed, per establishment type; key 'default'"
    )
    ask: dict[Id, Owner] = Field(
        description='per dimension, whom to ask about a "don\'t know" answer'
    )

    @model_validator(mode="after")
    def _complete(self) -> Owners:
        known = {r.id for r in self.roles}
        maps = [self.default, *self.by_type.values(), *self.by_group.values()]
        maps += list(self.by_it_department.values())
        unknown = sorted({v for m in maps for v in m.values()} - known)
        if unknown:
            raise ValueError(f"unknown roles {unknown}; declare them under roles")
        owner_codes = set(self.default)
        strays = {r for rs in self.workshop_roles.values() for r in rs} - known - owner_codes
        if strays:
            raise ValueError(f"workshop_roles names unknown roles {sorted(strays)}")
        if "default" not in self.workshop_roles:
            raise ValueError("workshop_roles needs a 'default' entry")
        return self


class Term(Frozen):
    """A body named in the rules' wording, replaced for a type of establishment that lacks it."""

    lang: Literal["fr", "en"]
    find: str = Field(min_length=2)
    replace: str = Field(min_length=2)


class PlanFile(Frozen):
    """``plan.yaml``: the published rules of plan composition."""

    budgets: Budgets
    confidence: ConfidencePolicy
    small_establishment: Condition = Field(
        description="profile condition under which the plan is a starter pack (socle)"
    )
    pooled_rules: tuple[Id, ...] = Field(
        default=(), description="rules a starter pack takes first after red flags and obligations"
    )
    upcoming_months: int = Field(ge=1, le=36, description="how far ahead an obligation counts")
    obligations: tuple[Obligation, ...] = Field(min_length=1)
    tool_steps: tuple[ToolSteps, ...] = ()
    owners: Owners
    terms: dict[Id, tuple[Term, ...]] = Field(
        default_factory=dict,
        description="per establishment type, wording replacements applied in order to actions",
    )


_CODES = ("dg", "dsi", "dpo", "rssi", "cme", "drh", "quality", "purchasing", "care")

# For a questionnaire without plan.yaml: no obligations, no socle, generous budgets, each owner
# code as its own role. The shipped questionnaire always declares its own policy.
DEFAULT_POLICY = PlanFile.model_validate(
    {
        "budgets": {
            "priorities": 5,
            "first_quarter": 8,
            "plan": 100,
            "socle": 100,
            "indicative_plan": 100,
            "due_days": {"30": 30, "90": 90, "365": 365, "later": 730},
        },
        "confidence": {
            "low_dont_know_share": 0.4,
            "medium_dont_know_share": 0.2,
            "high_evidence_share": 0.5,
        },
        "small_establishment": {"profile_in": {"field": "establishment_type", "values": ["none"]}},
        "upcoming_months": 12,
        "obligations": [{"rule": "none"}],
        "owners": {
            "roles": [{"id": c} for c in _CODES],
            "default": {c: c for c in _CODES},
            "bodies": {},
            "workshop_roles": {"default": ["dg", "dsi", "dpo", "cme"]},
            "ask": {},
        },
    }
)
