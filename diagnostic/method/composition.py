"""Plan composition: from the merged actions to a short plan a consultant would sign.

The published order (``docs/method.md``, "Composition du plan"; thresholds in ``plan.yaml``):

1. Responses to raised red flags come first, always P0.
2. While the diagnostic is indicative (see :mod:`diagnostic.method.confidence`), completing it as a
   workshop with the roles who know comes next.
3. Obligations already applicable that the answers show unmet; P0 is kept only for these and
   for red flags (any other P0 becomes P1).
4. Obligations that start within ``upcoming_months``.
5. The rest. Within each group: priority, then the nearer horizon, then the largest weighted
   gap to the target (gap × dimension weight).

An action advised only because of "don't know" answers (its condition no longer holds once they
are set aside) is not an action: the question goes to the "to check" list with whom to ask.
Budgets: at most ``first_quarter`` actions in the 0-3-month horizon (the next ones move to
3-12 months); ``plan`` actions, or ``socle`` for a small establishment, or ``indicative_plan``
while indicative; the rest goes to "to consider next". Each action gets a role the
establishment has (:mod:`diagnostic.method.owners`) and a due date counted from the diagnostic date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pydantic import BaseModel

from diagnostic.content.advice import Rule
from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.content.models import PROFILE_TOOLS_FIELD
from diagnostic.content.operators import AllOf, AnyOf, NotOf, RedFlagRaised
from diagnostic.content.plan_models import DEFAULT_POLICY, PlanFile, Term
from diagnostic.method import owners as owners_mod
from diagnostic.method.answers import Answers
from diagnostic.method.conditions import holds
from diagnostic.method.confidence import ConfidenceReport, assess
from diagnostic.method.plan import HORIZONS, PRIORITIES, Action, Plan
from diagnostic.method.scoring import ScoreResult

CATEGORIES = ("red_flag", "workshop", "in_force", "pooled", "upcoming", "gap")
WORKSHOP_ID = "plan.complete_diagnostic"


@dataclass(frozen=True)
class Item:
    """One action of the composed plan, with its place, owner, due date and reason."""

    id: str
    category: str
    priority: str
    horizon: str
    roadmap: str
    due: date
    owner: str  # role id, labelled in the locale (plan.role.<id>)
    action: Action | None  # None for the "complete the diagnostic" workshop
    flags: tuple[str, ...] = ()  # red flags the action answers
    obligation: str | None = None  # calendar entry id, or "in_force" for undated texts
    tools: tuple[str, ...] = ()  # declared tools, one sub-step each
    weighted_gap: float = 0.0
    moved: bool = False  # pushed from 0-3 months to 3-12 months by the budget
    terms: tuple[Term, ...] = ()  # wording replacements for this establishment type

    @property
    def rule(self) -> Rule | None:
        return self.action.rule if self.action else None


@dataclass(frozen=True)
class CheckItem:
    """A "don't know" answer to find out, and the role to ask."""

    question_id: str
    role: str


@dataclass(frozen=True)
class Composition:
    items: tuple[Item, ...]
    later: tuple[Item, ...]
    set_aside: tuple[Action, ...]  # advised only because of "don't know" answers
    checklist: tuple[CheckItem, ...]
    confidence: ConfidenceReport
    socle: bool
    shared_it: str | None
    workshop_roles: tuple[str, ...]
    priority_count: int

    @property
    def priorities(self) -> tuple[Item, ...]:
        return self.items[: self.priority_count]

    def bucket(self, name: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.roadmap == name)


def _flags_read(cond: BaseModel) -> Iterator[str]:
    if isinstance(cond, AllOf | AnyOf):
        for part in cond.all if isinstance(cond, AllOf) else cond.any:
            yield from _flags_read(part)
    elif isinstance(cond, NotOf):
        yield from _flags_read(cond.not_)
    elif isinstance(cond, RedFlagRaised):
        yield cond.red_flag


def _calendar_date(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


class _Composer:
    def __init__(self, q: Questionnaire, policy: PlanFile, facts: Facts, today: date) -> None:
        self.q, self.policy, self.facts, self.today = q, policy, facts, today
        self.rules = {r.id: r for r in q.rules}
        self.roles = owners_mod.role_map(policy.owners, facts.profile)
        self.calendar = {e.id: e for e in q.calendar}
        self.socle = holds(policy.small_establishment, facts)
        known = {k: v for k, v in facts.answers.items() if v != "dont_know"}
        self.without_dk = replace(facts, answers=known)

    def members(self, action: Action) -> list[Rule]:
        return [action.rule, *(self.rules[m] for m in action.merged if m in self.rules)]

    def obligation(self, members: list[Rule]) -> tuple[str | None, str | None]:
        """(calendar id or "in_force", category) of the first obligation a member answers."""
        by_rule = {o.rule: o for o in self.policy.obligations}
        for rule in members:
            if (ob := by_rule.get(rule.id)) is None:
                continue
            if ob.calendar is None:
                return "in_force", "in_force"
            start = _calendar_date(self.calendar[ob.calendar].date)
            if start <= self.today:
                return ob.calendar, "in_force"
            if start <= _add_months(self.today, self.policy.upcoming_months):
                return ob.calendar, "upcoming"
        return None, None

    def item(self, action: Action, weight: float) -> Item | None:
        """The action as a plan item, or None when only "don't know" answers call for it."""
        members = self.members(action)
        flags = tuple(
            dict.fromkeys(
                f for r in members for f in _flags_read(r.when) if f in self.facts.red_flags
            )
        )
        if not flags and not any(holds(r.when, self.without_dk) for r in members):
            return None
        obligation, category = self.obligation(members)
        pooled = self.socle and action.id in self.policy.pooled_rules
        category = "red_flag" if flags else category or ("pooled" if pooled else "gap")
        priority = action.rule.priority
        if category == "red_flag":
            priority = "P0"
        elif priority == "P0" and category != "in_force":
            priority = "P1"
        declared = self.facts.profile_values(PROFILE_TOOLS_FIELD)
        tools = next(
            (
                tuple(t for t in declared if t in ts.tools)
                for ts in self.policy.tool_steps
                if ts.topic == action.rule.topic
            ),
            (),
        )
        return Item(
            id=action.id,
            category=category,
            priority=priority,
            horizon=action.rule.horizon,
            roadmap="",
            due=self.today,
            owner=self.roles.get(action.rule.owner, action.rule.owner),
            action=action,
            flags=flags,
            obligation=obligation,
            tools=tools,
            weighted_gap=max(action.gap or 0.0, 0.0) * weight,
            terms=self.policy.terms.get(str(self.facts.profile.get("establishment_type", "")), ()),
        )

    def schedule(self, item: Item, moved: bool) -> Item:
        horizon = "3-12m" if moved else item.horizon
        if horizon == "0-3m":
            quick = item.action is not None and item.action.quick_win
            roadmap = "30" if item.priority == "P0" or quick or item.action is None else "90"
        else:
            roadmap = "365" if horizon == "3-12m" else "later"
        due = self.today + timedelta(days=self.policy.budgets.due_days[roadmap])
        if item.obligation in self.calendar:
            start = _calendar_date(self.calendar[item.obligation].date)
            if self.today < start < due:
                due = start
        return replace(item, horizon=horizon, roadmap=roadmap, due=due, moved=moved)


def _order(item: Item) -> tuple[int, int, int, float, str]:
    """Category first (the published order), then priority, nearer horizon, larger weighted gap."""
    return (
        CATEGORIES.index(item.category),
        PRIORITIES.index(item.priority),
        HORIZONS.index(item.horizon),
        -item.weighted_gap,
        item.id,
    )


def compose(
    q: Questionnaire, answers: Answers, scores: ScoreResult, plan: Plan, facts: Facts, today: date
) -> Composition:
    """Compose the plan (see the module docstring for each step)."""
    policy = q.plan_policy or DEFAULT_POLICY
    composer = _Composer(q, policy, facts, today)
    confidence = assess(policy.confidence, dict(q.dimension_of), answers, scores)
    weights = {d.dimension_id: d.weight for d in scores.dimensions}
    items, set_aside = [], []
    for action in plan.actions:
        built = composer.item(action, weights.get(action.rule.dimension, 1.0))
        if built is None:
            set_aside.append(action)
        else:
            items.append(built)
    workshop = owners_mod.workshop_roles(policy.owners, facts.profile)
    if confidence.indicative:
        items.append(
            Item(
                WORKSHOP_ID,
                "workshop",
                "P1",
                "0-3m",
                "",
                today,
                composer.roles.get("dg", "dg"),
                None,
            )
        )
    items.sort(key=_order)
    budgets = policy.budgets
    socle = composer.socle
    cap = min(
        budgets.plan,
        budgets.socle if socle else budgets.plan,
        budgets.indicative_plan if confidence.indicative else budgets.plan,
    )
    kept, later = items[:cap], items[cap:]
    pooled = next((i for i in later if i.category == "pooled"), None)
    if socle and pooled is not None and kept and kept[-1].category not in ("red_flag", "in_force"):
        # The starter pack keeps a slot for the pooled offer it leans on, but never at the
        # expense of a red flag or of an obligation already in force.
        later = [kept.pop(), *(i for i in later if i is not pooled)]
        kept.append(pooled)
    scheduled, first_quarter = [], 0
    for item in kept:
        quarter = item.horizon == "0-3m"
        moved = quarter and first_quarter >= budgets.first_quarter and item.category != "red_flag"
        first_quarter += quarter and not moved
        scheduled.append(composer.schedule(item, moved))
    checklist = tuple(
        CheckItem(qid, composer.roles.get(policy.owners.ask.get(q.dimension_of[qid], "dg"), "dg"))
        for qid in q.questions
        if answers.answers.get(qid) == "dont_know"
    )
    return Composition(
        items=tuple(scheduled),
        later=tuple(composer.schedule(i, False) for i in later),
        set_aside=tuple(set_aside),
        checklist=checklist,
        confidence=confidence,
        socle=socle,
        shared_it=owners_mod.shared_it(policy.owners, facts.profile),
        workshop_roles=workshop,
        priority_count=budgets.priorities,
    )
