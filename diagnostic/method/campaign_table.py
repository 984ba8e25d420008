"""A campaign's scores as one table: one row per invited establishment that has answers.

Why a table: the owner's panel, the GHT view and the exports all read the same scores, and the
vectorised engine (:func:`diagnostic.method.scoring_batch.score_many`) scores a thousand answer
sets in one pass, with exactly the arithmetic of :func:`diagnostic.method.scoring.score` (a
property test holds the two to the same floats).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from diagnostic.method.scoring_batch import frame_from_answers, score_many

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire
    from diagnostic.method.campaign_rows import CampaignRow

# The columns describing the invited establishment, as the owner entered them.
ROW_COLUMNS = (
    "entry_id",
    "name",
    "establishment_type",
    "size_band",
    "region_band",
    "ght",
    "status",
    "mode",
)
FLAG_SEPARATOR = ";"


def table_columns(q: Questionnaire) -> list[str]:
    """Every column of :func:`scored_table`, in order."""
    return [*ROW_COLUMNS, *(d.id for d in q.dimensions), "overall", "stage", "red_flags"]


def scored_table(q: Questionnaire, rows: Sequence[CampaignRow]) -> pd.DataFrame:
    """Score every row that has answers; rows without answers (not started) are left out.

    Args:
        q: the questionnaire the answers were given for.
        rows: the campaign's invited establishments.

    Returns:
        One row per entry with answers, in the order given: the invitation's fields
        (:data:`ROW_COLUMNS`; ``establishment_type`` and ``size_band`` are the owner's, which the
        filters use), one column per dimension id (score 0–100, NaN when the dimension is not
        scored), ``overall`` (NaN when nothing is scored), ``stage`` (stage id after the red-flag
        caps, None when not scored) and ``red_flags`` (raised flag ids joined by ``;``, "" for
        none). Scores are the unrounded floats of ``scoring.score``: round only to display.
    """
    with_answers = [r for r in rows if r.answers is not None]
    columns = table_columns(q)
    if not with_answers:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    scored = score_many(q, frame_from_answers(q, [r.answers for r in with_answers if r.answers]))
    out = pd.DataFrame(
        {c: [getattr(r, c) for r in with_answers] for c in ROW_COLUMNS},
        index=pd.RangeIndex(len(with_answers)),
    )
    scored.index = out.index
    for d in q.dimensions:
        out[d.id] = scored[f"{d.id}.score"].astype(float)
    out["overall"] = scored["overall"].astype(float)
    stage = scored["stage"].astype(object)
    out["stage"] = stage.where(stage.notna(), None)
    flag_ids = [f.id for f in q.red_flags]
    if flag_ids:
        raised = scored[[f"red_flag.{f}" for f in flag_ids]].to_numpy(dtype=bool)
    else:
        raised = np.zeros((len(out), 0), dtype=bool)
    out["red_flags"] = [
        FLAG_SEPARATOR.join(f for f, on in zip(flag_ids, row, strict=True) if on) for row in raised
    ]
    return out[columns]


def raised_flags(cell: object) -> tuple[str, ...]:
    """The flag ids of a ``red_flags`` cell ("" or NaN: none)."""
    return tuple(f for f in cell.split(FLAG_SEPARATOR) if f) if isinstance(cell, str) else ()
