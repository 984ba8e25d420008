"""Building blocks shared by every content model: ids, levels, bilingual text, frozen base."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$",
        max_length=80,
        description="lower-case identifier, words joined by _ and namespaces by a dot",
    ),
]
LevelValue = Annotated[int, Field(ge=0, le=4)]

# Profile questions the code relies on (the cross-checks make sure they exist).
PROFILE_TYPE_FIELD = "establishment_type"
PROFILE_TOOLS_FIELD = "ai_tools"


class Frozen(BaseModel):
    """Base for content: immutable, strict about unknown keys, no NaN or infinity."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Text(Frozen):
    """A user-facing sentence in French (always) and English (required for shipped content)."""

    fr: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)

    def get(self, lang: str) -> str:
        """The text in ``lang``, French when the translation is missing."""
        return self.en if lang == "en" and self.en else self.fr
