"""Cross-checks for ``plan.yaml``: every rule, calendar entry, topic, tool and type it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from diagnostic.content.crosscheck import Checker, check_condition
from diagnostic.content.models import PROFILE_TOOLS_FIELD, PROFILE_TYPE_FIELD
from diagnostic.content.yamlsafe import Path_

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire, Source
    from diagnostic.content.plan_models import PlanFile


def _options(q: Questionnaire, field: str) -> list[str]:
    pq = q.profile_by_id.get(field)
    return [o.id for o in pq.options] if pq is not None else []


def check_plan(c: Checker, q: Questionnaire, src: Source) -> None:
    """Names in the plan policy must exist in the rest of the content."""
    policy: PlanFile = src.model  # type: ignore[assignment]
    rules = [r.id for r in q.rules]
    topics = sorted({r.topic for r in q.rules})
    calendar = [e.id for e in q.calendar]
    types = _options(q, PROFILE_TYPE_FIELD)
    tools = _options(q, PROFILE_TOOLS_FIELD)
    check_condition(
        c, q, src, policy.small_establishment, ("small_establishment",), profile_only=True
    )
    for i, rule_id in enumerate(policy.pooled_rules):
        if rule_id not in rules:
            c.missing(src, ("pooled_rules", i), "rule", rule_id, rules)
    for i, ob in enumerate(policy.obligations):
        if ob.rule not in rules:
            c.missing(src, ("obligations", i, "rule"), "rule", ob.rule, rules)
        if ob.calendar is not None and ob.calendar not in calendar:
            c.missing(src, ("obligations", i, "calendar"), "calendar entry", ob.calendar, calendar)
    for i, ts in enumerate(policy.tool_steps):
        if ts.topic not in topics:
            c.missing(src, ("tool_steps", i, "topic"), "topic", ts.topic, topics)
        for j, tool in enumerate(ts.tools):
            if tool not in tools:
                c.missing(src, ("tool_steps", i, "tools", j), "tool", tool, tools)
    owners = policy.owners
    base: Path_ = ("owners",)
    for section in ("by_type", "bodies"):
        for key in getattr(owners, section):
            if key not in types:
                c.missing(src, (*base, section, key), "establishment type", key, types)
    for key in owners.workshop_roles:
        if key != "default" and key not in types:
            c.missing(src, (*base, "workshop_roles", key), "establishment type", key, types)
    groups = _options(q, "group_membership")
    for key in owners.by_group:
        if key not in groups:
            c.missing(src, (*base, "by_group", key), "group membership", key, groups)
    departments = _options(q, "it_department")
    for key in owners.by_it_department:
        if key not in departments:
            c.missing(
                src, (*base, "by_it_department", key), "IT department option", key, departments
            )
    for key in policy.terms:
        if key not in types:
            c.missing(src, ("terms", key), "establishment type", key, types)
    dims = [d.id for d in q.dimensions]
    for key in owners.ask:
        if key not in dims:
            c.missing(src, (*base, "ask", key), "dimension", key, dims)
