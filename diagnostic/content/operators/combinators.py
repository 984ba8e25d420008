"""The operators that combine conditions: ``all``, ``any`` and ``not``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from pydantic import ConfigDict, Field

from diagnostic.content.operators.base import BatchContext, Bools, Operator, Truth
from diagnostic.content.yamlsafe import Path_
from diagnostic.i18n import message

if TYPE_CHECKING:
    from diagnostic.content.facts import Facts
    from diagnostic.content.loader import Questionnaire
    from diagnostic.content.operators import Condition


class AllOf(Operator):
    """True when every part holds."""

    key: ClassVar[str] = "all"
    on_profile: ClassVar[bool] = True
    all: tuple[Condition, ...] = Field(min_length=1)

    def holds(self, facts: Facts) -> bool:
        return all(c.holds(facts) for c in self.all)

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        return [s for c in self.all for s in c.explain(facts, q, lang)]

    def parts(self) -> tuple[tuple[Path_, Operator], ...]:
        return tuple((("all", i), c) for i, c in enumerate(self.all))

    def combine(self, values: Sequence[Truth]) -> Truth:
        if False in values:
            return False
        return None if None in values else True

    def vectorised(self, ctx: BatchContext) -> Bools:
        return np.asarray(np.logical_and.reduce([ctx.mask(c) for c in self.all]), dtype=bool)


class AnyOf(Operator):
    """True when at least one part holds."""

    key: ClassVar[str] = "any"
    on_profile: ClassVar[bool] = True
    any: tuple[Condition, ...] = Field(min_length=1)

    def holds(self, facts: Facts) -> bool:
        return any(c.holds(facts) for c in self.any)

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        return [s for c in self.any if c.holds(facts) for s in c.explain(facts, q, lang)]

    def parts(self) -> tuple[tuple[Path_, Operator], ...]:
        return tuple((("any", i), c) for i, c in enumerate(self.any))

    def combine(self, values: Sequence[Truth]) -> Truth:
        if True in values:
            return True
        return None if None in values else False

    def vectorised(self, ctx: BatchContext) -> Bools:
        return np.asarray(np.logical_or.reduce([ctx.mask(c) for c in self.any]), dtype=bool)


class NotOf(Operator):
    """True when its one part does not hold."""

    model_config = ConfigDict(populate_by_name=True)
    key: ClassVar[str] = "not"
    on_profile: ClassVar[bool] = True
    not_: Condition = Field(alias="not")

    def holds(self, facts: Facts) -> bool:
        return not self.not_.holds(facts)

    def explain(self, facts: Facts, q: Questionnaire, lang: str) -> list[str]:
        return [self.not_.explain_negated(q, lang) or message("because.not", lang)]

    def parts(self) -> tuple[tuple[Path_, Operator], ...]:
        return ((("not",), self.not_),)

    def combine(self, values: Sequence[Truth]) -> Truth:
        return None if values[0] is None else not values[0]

    def vectorised(self, ctx: BatchContext) -> Bools:
        return ~ctx.mask(self.not_)
