"""When a result rests on only part of the questionnaire: which dimensions are missing, and the
words that say the stage is only indicative.

A dimension with nothing answered is "not scored" and left out of the overall score (see
:mod:`diagnostic.method.scoring`). The overall stage then describes the answered dimensions only: a
workshop that covered governance and data alone would otherwise show a stage for the whole
establishment. Every view (screen, PDF, Word) asks this module, so they say the same thing.
"""

from __future__ import annotations

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method.scoring import ScoreResult
from diagnostic.outputs.wording import stage_name


def unanswered_dimensions(scores: ScoreResult) -> tuple[str, ...]:
    """Ids of the dimensions left unscored, in questionnaire order; empty when none is missing
    or when nothing at all is scored (then there is no stage to qualify)."""
    missing = tuple(d.dimension_id for d in scores.dimensions if not d.scored)
    return missing if len(missing) < len(scores.dimensions) else ()


def is_provisional(scores: ScoreResult) -> bool:
    return bool(unanswered_dimensions(scores))


def stage_label(q: Questionnaire, scores: ScoreResult, lang: str) -> str:
    """The overall stage's name, marked "indicatif" when some dimensions are unanswered."""
    name = stage_name(q, scores.stage, lang)
    return message("provisional.stage", lang, stage=name) if is_provisional(scores) else name


def caveat(q: Questionnaire, scores: ScoreResult, lang: str) -> str | None:
    """One sentence naming the unanswered dimensions, or None when the result is complete."""
    missing = unanswered_dimensions(scores)
    if not missing:
        return None
    return message(
        "provisional.caveat",
        lang,
        answered=len(scores.dimensions) - len(missing),
        total=len(scores.dimensions),
        missing=", ".join(q.dimension(d).title.get(lang) for d in missing),
    )
