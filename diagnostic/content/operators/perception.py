"""The operator that reads the staff pulse survey: a perception gap found on one item.

A gap exists in :attr:`diagnostic.content.facts.Facts.perception_gaps` only when the pulse's
results were disclosed and the staff's share lies further from what the management's answer
implies than the threshold published in ``pulse.yaml``; a plan built without pulse results has no
gap, so rules using this operator never fire there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from diagnostic.content.models_base import Id
from diagnostic.content.operators.base import BatchContext, Bools, Mention, Operator
from diagnostic.i18n import message

if TYPE_CHECKING:
    from diagnostic.content.facts import Facts
    from diagnostic.content.loader import Questionnaire


class PerceptionGap(Operator):
    """True when the pulse survey found a gap on the named item (above its published threshold)."""

    key: ClassVar[str] = "perception_gap"
    perception_gap: Id

    def holds(self, facts: Facts) -> bool:
        return self.perception_gap in facts.perception_gaps

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        item = (
            next((i for i in q.pulse.items if i.id == self.perception_gap), None)
            if q.pulse
            else None
        )
        return [
            message(
                "because.perception_gap",
                lang,
                item=item.short.get(lang) if item else self.perception_gap,
                gap=f"{facts.perception_gaps.get(self.perception_gap, 0):.0f}",
            )
        ]

    def mentions(self) -> tuple[Mention, ...]:
        return (Mention("perception_gap", self.perception_gap, (self.key,)),)

    def vectorised(self, ctx: BatchContext) -> Bools:
        return ctx.none()  # batch scoring has no pulse results, so no gap holds there
