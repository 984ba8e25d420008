"""Cross-checks for advice content: rules, levers, calendar, use cases, targets, benchmark map.

Same wording as :mod:`diagnostic.content.crosscheck`: every id named must exist, every id is
unique, and
conditions that decide what a profile sees may only look at the profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from diagnostic.content.crosscheck import (
    Checker,
    check_condition,
    check_structure,
    check_translations,
)
from diagnostic.content.crosscheck_plan import check_plan
from diagnostic.content.crosscheck_pulse import check_pulse
from diagnostic.content.levels import admitted, as_level, questions_read
from diagnostic.content.models import PROFILE_TOOLS_FIELD, PROFILE_TYPE_FIELD
from diagnostic.content.provenance import check_sources
from diagnostic.content.yamlsafe import Path_

if TYPE_CHECKING:
    from diagnostic.content.advice import Rule
    from diagnostic.content.loader import Questionnaire, Source
    from diagnostic.errors import ContentProblem


def _refs(c: Checker, q: Questionnaire, src: Source, path: Path_, ids: Iterable[str]) -> None:
    for j, ref in enumerate(ids):
        if ref not in q.references:
            c.missing(src, (*path, j), "reference", ref, q.references)


def cross_check(
    q: Questionnaire, sources: dict[str, Source], dim_sources: Sequence[Source]
) -> list[ContentProblem]:
    """Run every cross-file check and return the problems found (empty when valid).

    The questionnaire's structure first, then the advice files, then the translations; the
    checks live in :mod:`diagnostic.content.crosscheck` and here, and import in one direction only.
    """
    c = Checker()
    check_structure(c, q, sources, dim_sources)
    check_advice(c, q, sources)
    if "en" in q.meta.languages:
        check_translations(c, q, sources, dim_sources)
    return c.problems


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
    if src := sources.get("consistency.yaml"):
        _check_consistency(c, q, src)
    if src := sources.get("plan.yaml"):
        check_plan(c, q, src)
    if src := sources.get("pulse.yaml"):
        check_pulse(c, q, src)
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
        _check_levels(c, q, src, rule, base)


def _check_levels(c: Checker, q: Questionnaire, src: Source, rule: Rule, base: Path_) -> None:
    """``levels`` names every question the condition reads, with what it really admits."""
    read = list(questions_read(q, rule.when))
    if any(qid not in q.questions for qid in read):
        return  # the unknown question is reported by check_condition; one problem is enough
    declared = [p.question for p in rule.levels]
    for qid in read:
        if qid not in declared:
            shown = ", ".join(str(v) for v in admitted(q, rule.when, qid))
            c.add(
                src,
                (*base, "levels"),
                f'the condition reads "{qid}" but levels does not say which answers it addresses',
                "one levels entry per question the condition reads",
                f"add {{question: {qid}, addresses: [{shown}], leads_to: <level reached>}}",
            )
    for j, path in enumerate(rule.levels):
        where: Path_ = (*base, "levels", j)
        if path.question in declared[:j]:
            c.add(src, (*where, "question"), f'"{path.question}" is declared twice', "once")
            continue
        if path.question not in read:
            c.missing(src, (*where, "question"), "question read by this rule", path.question, read)
            continue
        really = admitted(q, rule.when, path.question)
        if set(path.addresses) != set(really):
            c.add(
                src,
                (*where, "addresses"),
                f"the condition fires on [{', '.join(str(v) for v in really)}], "
                f"not on [{', '.join(str(v) for v in path.addresses)}]",
                "the answers with which the condition can hold",
                "fix addresses, or the condition if it fires where the advice does not fit",
            )
        reached = [lvl for v in really if (lvl := as_level(v)) is not None]
        if reached and max(reached) >= path.leads_to:
            c.add(
                src,
                (*where, "leads_to"),
                f"the rule fires at level {max(reached)} of {path.question}: that answer "
                f"already states level {path.leads_to}, which its advice leads to",
                f"leads_to above {max(reached)}",
                "narrow the condition to the levels below, and write another rule for the "
                "answers at or above it",
            )


def _check_consistency(c: Checker, q: Questionnaire, src: Source) -> None:
    """Consistency checks: unique ids, sound conditions, quotes that the condition reads."""
    c.unique(((k.id, src, ("checks", i, "id")) for i, k in enumerate(q.consistency)), "check")
    for i, check in enumerate(q.consistency):
        base: Path_ = ("checks", i)
        _refs(c, q, src, (*base, "references"), check.references)
        check_condition(c, q, src, check.when, (*base, "when"), profile_only=False)
        read = set(questions_read(q, check.when))
        for op, _ in check.when.walk():
            read.update(m.id for m in op.mentions() if m.kind == "profile")
        for j, quoted in enumerate(check.quotes):
            if quoted not in q.questions and quoted not in q.profile_by_id:
                known = [*q.questions, *q.profile_by_id]
                c.missing(src, (*base, "quotes", j), "question or profile question", quoted, known)
            elif quoted not in read:
                c.add(
                    src,
                    (*base, "quotes", j),
                    f'"{quoted}" is quoted but the condition does not read it',
                    f"one of {', '.join(sorted(read))}",
                    "quote the answers that make the contradiction",
                )


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
