"""Cross-checks for advice content: rules, levers, calendar, use cases, targets, benchmark map.

Same wording as :mod:`diagnostic.crosscheck`: every id named must exist, every id is unique, and
conditions that decide what a profile sees may only look at the profile.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from diagnostic.crosscheck import Checker, check_condition
from diagnostic.models import PROFILE_TOOLS_FIELD, PROFILE_TYPE_FIELD
from diagnostic.provenance import check_sources
from diagnostic.yamlsafe import Path_

if TYPE_CHECKING:
    from diagnostic.content import Questionnaire, Source


def _refs(c: Checker, q: Questionnaire, src: Source, path: Path_, ids: Iterable[str]) -> None:
    for j, ref in enumerate(ids):
        if ref not in q.references:
            c.missing(src, (*path, j), "reference", ref, q.references)


def check_advice(c: Checker, q: Questionnaire, sources: dict[str, Source]) -> None:
    """Run the advice checks for the files that are present."""
    dims = [d.id for d in q.dimensions]
    if src := sources.get("levers.yaml"):
        c.unique(
            ((lv.id, src, ("levers", i, "id")) for i, lv in enumerate(q.levers.values())), "lever"
        )
        for i, lever in enumerate(q.levers.values()):
            _refs(c, q, src, ("levers", i, "references"), lever.references)
    rule_sources = [src for key, src in sorted(sources.items()) if key.startswith("rules")]
    c.unique(
        (
            (r.id, src, ("rules", i, "id"))
            for src in rule_sources
            for i, r in enumerate(src.model.rules)  # type: ignore[attr-defined]
        ),
        "rule",
    )
    for src in rule_sources:
        _check_rules(c, q, src, dims)
    if src := sources.get("calendar.yaml"):
        c.unique(((e.id, src, ("entries", i, "id")) for i, e in enumerate(q.calendar)), "entry")
        for i, entry in enumerate(q.calendar):
            _refs(c, q, src, ("entries", i, "references"), entry.references)
            if entry.applies_when is not None:
                check_condition(
                    c, q, src, entry.applies_when, ("entries", i, "applies_when"), profile_only=True
                )
    if src := sources.get("use_cases.yaml"):
        _check_use_cases(c, q, src)
    if src := sources.get("targets.yaml"):
        _check_targets(c, q, src, dims)
    check_sources(c, q, sources)
    if src := sources.get("benchmark_map.yaml"):
        for i, comp in enumerate(q.comparisons):
            if comp.question not in q.questions:
                c.missing(
                    src, ("comparisons", i, "question"), "question", comp.question, q.questions
                )


def _check_rules(c: Checker, q: Questionnaire, src: Source, dims: list[str]) -> None:
    ids = [r.id for r in q.rules]
    for i, rule in enumerate(src.model.rules):  # type: ignore[attr-defined]
        base: Path_ = ("rules", i)
        if rule.dimension not in dims:
            c.missing(src, (*base, "dimension"), "dimension", rule.dimension, dims)
        _refs(c, q, src, (*base, "references"), rule.references)
        for j, lever in enumerate(rule.levers):
            if lever not in q.levers:
                c.missing(src, (*base, "levers", j), "lever", lever, q.levers)
        for j, other in enumerate(rule.supersedes):
            if other not in ids or other == rule.id:
                c.missing(
                    src, (*base, "supersedes", j), "rule", other, [x for x in ids if x != rule.id]
                )
        check_condition(c, q, src, rule.when, (*base, "when"), profile_only=False)


def _check_use_cases(c: Checker, q: Questionnaire, src: Source) -> None:
    tools_q = q.profile_by_id.get(PROFILE_TOOLS_FIELD)
    tools = [o.id for o in tools_q.options] if tools_q else []
    c.unique(((u.id, src, ("use_cases", i, "id")) for i, u in enumerate(q.use_cases)), "use case")
    for i, case in enumerate(q.use_cases):
        base: Path_ = ("use_cases", i)
        _refs(c, q, src, (*base, "references"), case.references)
        for j, tool in enumerate(case.in_production_tools):
            if tool not in tools:
                c.missing(src, (*base, "in_production_tools", j), "tool", tool, tools)
        if case.relevant_when is not None:
            check_condition(
                c, q, src, case.relevant_when, (*base, "relevant_when"), profile_only=True
            )
        conditions = [("prerequisites", j, p.when) for j, p in enumerate(case.prerequisites)]
        conditions += [("blockers", j, b.when) for j, b in enumerate(case.blockers)]
        for key, j, when in conditions:
            check_condition(c, q, src, when, (*base, key, j, "when"), profile_only=False)


def _check_targets(c: Checker, q: Questionnaire, src: Source, dims: list[str]) -> None:
    targets = q.targets
    if targets is None:
        return
    type_q = q.profile_by_id.get(PROFILE_TYPE_FIELD)
    types = [o.id for o in type_q.options] if type_q else []
    for dim in dims:
        if dim not in targets.default.targets:
            c.add(
                src,
                ("default", "targets"),
                f'no default target for dimension "{dim}"',
                "a target for every dimension",
                f"add {dim}: 50",
            )
    groups: list[tuple[Path_, dict[str, float]]] = [
        (("default", "targets"), targets.default.targets)
    ]
    groups += [(("by_type", key, "targets"), t.targets) for key, t in targets.by_type.items()]
    groups += [
        (("size_adjustments", i, "delta"), a.delta) for i, a in enumerate(targets.size_adjustments)
    ]
    for path, values in groups:
        for dim in values:
            if dim not in dims:
                c.missing(src, (*path, dim), "dimension", dim, dims)
    for key in targets.by_type:
        if key not in types:
            c.missing(src, ("by_type", key), "establishment type", key, types)
    for i, adj in enumerate(targets.size_adjustments):
        check_condition(c, q, src, adj.when, ("size_adjustments", i, "when"), profile_only=True)
