"""Checks that need more than one file: ids unique, every cited id exists, translations present.

Each check adds :class:`ContentProblem` objects pointing at the file and key path of the offending
value, with a "did you mean" guess drawn from the ids that do exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel

from diagnostic.content.models import (
    PROFILE_TOOLS_FIELD,
    PROFILE_TYPE_FIELD,
    Text,
)
from diagnostic.content.operators import OPERATORS, PROFILE_OPERATORS, Condition, Mention
from diagnostic.content.pulse_models import gap_items
from diagnostic.content.validation import locate
from diagnostic.content.yamlsafe import Path_
from diagnostic.errors import ContentProblem, did_you_mean

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire, Source

PROFILE_KEYS = [key for key in OPERATORS if key in PROFILE_OPERATORS]  # in the guide's order


class Checker:
    """Collects problems; ``missing`` and ``duplicate`` word them the same way everywhere."""

    def __init__(self) -> None:
        self.problems: list[ContentProblem] = []

    def add(
        self, source: Source, path: Path_, problem: str, expected: str = "", hint: str = ""
    ) -> None:
        self.problems.append(
            ContentProblem(source.display, locate(source.doc, path), problem, expected, hint)
        )

    def missing(
        self, source: Source, path: Path_, kind: str, value: str, known: Iterable[str]
    ) -> None:
        known = sorted(known)
        guess = did_you_mean(value, known)
        self.add(
            source,
            path,
            f'{kind} "{value}" does not exist',
            f"one of {', '.join(known)}" if len(known) <= 12 else f"an existing {kind}",
            f'did you mean "{guess}"?' if guess else f"declare the {kind} first, or fix the id",
        )

    def unique(self, items: Iterable[tuple[str, Source, Path_]], kind: str) -> None:
        seen: dict[str, Source] = {}
        for ident, source, path in items:
            if ident in seen:
                self.add(
                    source,
                    path,
                    f'duplicate {kind} id "{ident}"',
                    "each id once",
                    f"already used in {seen[ident].display}; rename one of them",
                )
            else:
                seen[ident] = source


def walk_texts(value: object, path: Path_) -> Iterator[tuple[Text, Path_]]:
    """Every :class:`Text` inside a model, with its key path."""
    if isinstance(value, Text):
        yield value, path
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from walk_texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from walk_texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_texts(item, (*path, key))


def check_structure(
    c: Checker, q: Questionnaire, sources: dict[str, Source], dim_sources: Sequence[Source]
) -> None:
    """The questionnaire's own cross-file checks: profile, dimensions, scales, scoring, red flags,
    references, migrations. :func:`diagnostic.content.crosscheck_advice.cross_check` runs them
    first."""
    prof, scoring, refs = (
        sources["profile.yaml"],
        sources["scoring.yaml"],
        sources["references.yaml"],
    )
    flags = sources.get("red_flags.yaml")
    scales = sources.get("scales.yaml")

    c.unique(
        ((p.id, prof, ("questions", i, "id")) for i, p in enumerate(q.profile)), "profile question"
    )
    for i, pq in enumerate(q.profile):
        c.unique(
            ((o.id, prof, ("questions", i, "options", j, "id")) for j, o in enumerate(pq.options)),
            "option",
        )
    for ident, kind in ((PROFILE_TYPE_FIELD, "single"), (PROFILE_TOOLS_FIELD, "multi")):
        required = q.profile_by_id.get(ident)
        if required is None or required.kind != kind:
            c.add(
                prof,
                ("questions",),
                f'the profile needs a {kind} question "{ident}"',
                "",
                "the scoring and conditions rely on it",
            )
    c.unique(
        ((d.id, s, ("id",)) for d, s in zip(q.dimensions, dim_sources, strict=True)), "dimension"
    )
    c.unique(
        (
            (qq.id, s, ("questions", i, "id"))
            for d, s in zip(q.dimensions, dim_sources, strict=True)
            for i, qq in enumerate(d.questions)
        ),
        "question",
    )
    if scales is not None:
        c.unique(
            ((sc.id, scales, ("scales", i, "id")) for i, sc in enumerate(q.scales.values())),
            "scale",
        )
    c.unique(
        ((r.id, refs, ("references", i, "id")) for i, r in enumerate(q.references.values())),
        "reference",
    )
    c.unique(((s.id, scoring, ("stages", i, "id")) for i, s in enumerate(q.stages)), "stage")
    if flags is not None:
        c.unique(
            ((f.id, flags, ("red_flags", i, "id")) for i, f in enumerate(q.red_flags)), "red flag"
        )

    for d, src in zip(q.dimensions, dim_sources, strict=True):
        for i, qq in enumerate(d.questions):
            base: Path_ = ("questions", i)
            if not qq.id.startswith(d.id + "."):
                c.add(
                    src,
                    (*base, "id"),
                    f'question id "{qq.id}" is not in its dimension\'s namespace',
                    f'"{d.id}.<name>"',
                    f'rename it "{d.id}.{qq.id.rsplit(".", 1)[-1]}"',
                )
            if qq.scale is not None and qq.scale not in q.scales:
                c.missing(src, (*base, "scale"), "scale", qq.scale, q.scales)
            for j, ref in enumerate(qq.references):
                if ref not in q.references:
                    c.missing(src, (*base, "references", j), "reference", ref, q.references)
            for key in ("when", "not_applicable_when"):
                cond = getattr(qq, key)
                if cond is not None:
                    check_condition(c, q, src, cond, (*base, key), profile_only=True)

    stage_ids = [s.id for s in q.stages]
    dim_ids = [d.id for d in q.dimensions]
    types = (
        [o.id for o in q.profile_by_id[PROFILE_TYPE_FIELD].options]
        if PROFILE_TYPE_FIELD in q.profile_by_id
        else []
    )
    for key, weights in q.dimension_weights.items():
        if key != "default" and key not in types:
            c.missing(scoring, ("dimension_weights", key), "establishment type", key, types)
        for dim in weights:
            if dim not in dim_ids:
                c.missing(scoring, ("dimension_weights", key, dim), "dimension", dim, dim_ids)
    for dim in dim_ids:
        if dim not in q.dimension_weights["default"]:
            c.add(
                scoring,
                ("dimension_weights", "default"),
                f'no default weight for dimension "{dim}"',
                "a weight for every dimension",
                f"add {dim}: 1",
            )

    if flags is not None:
        for i, flag in enumerate(q.red_flags):
            if flag.caps_stage not in stage_ids:
                c.missing(
                    flags, ("red_flags", i, "caps_stage"), "stage", flag.caps_stage, stage_ids
                )
            for j, ref in enumerate(flag.references):
                if ref not in q.references:
                    c.missing(
                        flags, ("red_flags", i, "references", j), "reference", ref, q.references
                    )
            check_condition(
                c,
                q,
                flags,
                flag.when,
                ("red_flags", i, "when"),
                profile_only=False,
                allow_flags=False,
            )

    meta = sources["questionnaire.yaml"]
    for i, mig in enumerate(q.meta.migrations):
        for old, new in mig.renamed.items():
            if new not in q.questions:
                c.missing(meta, ("migrations", i, "renamed", old), "question", new, q.questions)


def check_condition(
    c: Checker,
    q: Questionnaire,
    src: Source,
    condition: Condition,
    path: Path_,
    *,
    profile_only: bool,
    allow_flags: bool = True,
) -> None:
    """Check that a condition only names fields, values, questions and flags that exist."""
    for op, where in condition.walk(path):
        if profile_only and not op.on_profile:
            c.add(
                src,
                where,
                f'"{op.key}" cannot be used here',
                f"a condition on the profile ({', '.join(PROFILE_KEYS)})",
                "display and not-applicable conditions depend on the profile only",
            )
            continue
        missing_fields: set[str] = set()
        for m in op.mentions():
            _check_mention(c, q, src, (*where, *m.path), m, missing_fields, allow_flags)


def _check_mention(
    c: Checker,
    q: Questionnaire,
    src: Source,
    where: Path_,
    m: Mention,
    missing_fields: set[str],
    allow_flags: bool,
) -> None:
    if m.kind == "profile":
        pq = q.profile_by_id.get(m.id)
        if m.option is None:
            if pq is None:
                missing_fields.add(m.id)
                c.missing(src, where, "profile question", m.id, q.profile_by_id)
        elif m.id not in missing_fields:
            options = [o.id for o in pq.options] if pq else []
            if m.option not in options:
                c.missing(src, where, m.what or f"option of {m.id}", m.option, options)
    elif m.kind == "question":
        if m.id not in q.questions:
            c.missing(src, where, "question", m.id, q.questions)
    elif m.kind == "dimension":
        dims = [d.id for d in q.dimensions]
        if m.id not in dims:
            c.missing(src, where, "dimension", m.id, dims)
    elif m.kind == "perception_gap":
        known = gap_items(q.pulse)
        if m.id not in known:
            c.missing(src, where, "pulse item with a management comparison", m.id, known)
    elif not allow_flags:
        c.add(
            src,
            where[:-1],
            "a red flag cannot depend on another red flag",
            "a condition on answers or the profile",
        )
    elif m.id not in {f.id for f in q.red_flags}:
        c.missing(src, where, "red flag", m.id, [f.id for f in q.red_flags])


def check_translations(
    c: Checker, q: Questionnaire, sources: dict[str, Source], dim_sources: Sequence[Source]
) -> None:
    """Every user-facing text needs its English version when the questionnaire declares ``en``."""
    for src in sources.values():  # dimension files included
        for text, path in walk_texts(src.model, ()):
            if text.en is None:
                c.add(
                    src,
                    (*path, "en"),
                    "missing English text",
                    "an en: translation",
                    "the questionnaire declares languages fr and en",
                )
