"""The condition vocabulary: one class per operator, each written as a single YAML key.

A condition reads as plain YAML, for example
``when: {profile_in: {field: establishment_type, values: [ehpad]}}``. Each operator class (see
:mod:`diagnostic.content.operators.base`) owns its parsing, predicate, explanation, parts,
mentioned ids
and vectorised form; :data:`REGISTRY` lists them and :data:`Condition` is the tagged union pydantic
parses, built from the registry, so a new class is a new operator everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import BaseModel, Discriminator, Tag

from diagnostic.content.operators.base import REGISTRY, BatchContext, Mention, Operator, Truth
from diagnostic.content.operators.combinators import AllOf, AnyOf, NotOf
from diagnostic.content.operators.leaves import (
    AnswerAtLeast,
    AnswerAtMost,
    AnswerIn,
    AnswerToken,
    DimensionScoreBelow,
    GapToTargetAbove,
    ProfileIn,
    RedFlagRaised,
    ToolInUse,
)
from diagnostic.content.operators.perception import PerceptionGap

__all__ = [
    "OPERATORS",
    "PROFILE_OPERATORS",
    "REGISTRY",
    "AllOf",
    "AnswerAtLeast",
    "AnswerAtMost",
    "AnswerIn",
    "AnswerToken",
    "AnyOf",
    "BatchContext",
    "Condition",
    "DimensionScoreBelow",
    "GapToTargetAbove",
    "Mention",
    "NotOf",
    "Operator",
    "PerceptionGap",
    "ProfileIn",
    "RedFlagRaised",
    "ToolInUse",
    "Truth",
]


def _operator(value: object) -> str | None:
    """The tag of a condition: its single key (``not`` for the ``not_`` field)."""
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    if isinstance(value, BaseModel):
        fields = [name for name in type(value).model_fields if getattr(value, name) is not None]
        return "not" if fields == ["not_"] else (fields[0] if fields else None)
    return None


# Leaves first, then combinators, each in definition order: the order messages list them in.
_ORDERED = sorted(REGISTRY.items(), key=lambda item: item[1].combine is not Operator.combine)

if TYPE_CHECKING:
    # For the type checker a condition is an Operator: every call goes through its methods, so an
    # operator class missing one is an error where it is defined, not a KeyError at run time.
    Condition = Operator
else:
    _members: Any = tuple(Annotated[cls, Tag(key)] for key, cls in _ORDERED)
    Condition = Annotated[Union[_members], Discriminator(_operator)]  # noqa: UP007

OPERATORS: tuple[str, ...] = tuple(key for key, _ in _ORDERED)
PROFILE_OPERATORS = frozenset(key for key, cls in REGISTRY.items() if cls.on_profile)

for _cls in (AllOf, AnyOf, NotOf):
    _cls.model_rebuild(_types_namespace={"Condition": Condition})
