"""Cross-checks of ``pulse.yaml``: ids unique, options counted exist, questions and ranges known.

Indicators live in the benchmark editions, outside the questionnaire: they are checked with the
editions (:func:`diagnostic.method.perception_gap.check_pulse_editions`), as the benchmark map is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diagnostic.content.crosscheck import Checker

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire, Source
    from diagnostic.content.pulse_models import PulseFile


def check_pulse(c: Checker, q: Questionnaire, src: Source) -> None:
    """Check the pulse file against itself, the questions and the benchmark map."""
    pulse: PulseFile = src.model  # type: ignore[assignment]
    c.unique(((item.id, src, ("items", i, "id")) for i, item in enumerate(pulse.items)), "item")
    shared = {comp.question for comp in q.comparisons if comp.method == "share_range"}
    for i, item in enumerate(pulse.items):
        base = ("items", i)
        options = [o.id for o in item.options]
        c.unique(
            ((o.id, src, (*base, "options", j, "id")) for j, o in enumerate(item.options)),
            f"option of {item.id}",
        )
        if item.max_choices is not None and item.kind != "multi":
            c.add(src, (*base, "max_choices"), "max_choices on a single-choice item", "kind: multi")
        for part in ("barometer", "management"):
            link = getattr(item, part)
            if link is None:
                continue
            for j, option in enumerate(link.counts):
                if option not in options:
                    c.missing(
                        src, (*base, part, "counts", j), f"option of {item.id}", option, options
                    )
        link = item.management
        if link is None:
            continue
        if link.question not in q.questions:
            c.missing(
                src, (*base, "management", "question"), "question", link.question, q.questions
            )
        elif link.method == "expected" and not link.ranges and link.question not in shared:
            c.add(
                src,
                (*base, "management", "ranges"),
                f'no ranges, and benchmark_map.yaml has no share_range for "{link.question}"',
                "ranges: one {level, low, high} per level that implies a share",
                "write the ranges here, or map the question with share_range",
            )
        levels = [r.level for r in link.ranges]
        if len(set(levels)) != len(levels):
            c.add(src, (*base, "management", "ranges"), "a level has two ranges", "one per level")
