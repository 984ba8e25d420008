"""Foundation types: an answer's value and the facts conditions look at.

They sit below everything that reads answers (answers, workshops, history, rule evaluation), so a
module that only stores or compares answers does not depend on how conditions are evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# A level 0–4, "don't know" or "not applicable". Levels are checked (0–4) where answers come in.
AnswerValue = int | Literal["dont_know", "not_applicable"]
TOKENS: tuple[Literal["dont_know", "not_applicable"], ...] = ("dont_know", "not_applicable")


def as_answer_value(value: object) -> AnswerValue | None:
    """``value`` as an answer value when it is one (an int or a token), else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return next((token for token in TOKENS if token == value), None)


@dataclass(frozen=True)
class Facts:
    """What conditions can look at; later stages fill in more (scores, flags, gaps)."""

    profile: Mapping[str, str | tuple[str, ...]]
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    dimension_scores: Mapping[str, float | None] = field(default_factory=dict)
    red_flags: frozenset[str] = frozenset()
    gaps: Mapping[str, float] = field(default_factory=dict)
    # Pulse item id → points beyond the expected share, only for gaps above the published
    # threshold (empty without pulse results: a plan without a pulse is unchanged).
    perception_gaps: Mapping[str, float] = field(default_factory=dict)

    def profile_values(self, field_id: str) -> tuple[str, ...]:
        value = self.profile.get(field_id)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(value)

    def level(self, question_id: str) -> int | None:
        """The answered level, with "don't know" as 0; None when unanswered or not applicable."""
        value = self.answers.get(question_id)
        if isinstance(value, int):
            return value
        return 0 if value == "dont_know" else None
