"""The table :func:`diagnostic.method.scoring_batch.score_many` reads: layout, checks and converter.

One row per answer set, the layout a campaign export has. Your own identifiers (FINESS number,
respondent) go in the index, which the result keeps. Columns, all optional (a missing column means
nobody answered it):

* a question id (``governance.strategy``): a level 0–4 (int, integral float, or text from a CSV),
  ``dont_know``, ``not_applicable``, or empty (None, NaN, "") when unanswered;
* a profile field id: the option id for a single choice; for a checklist the ticked option ids
  joined by ``|`` (``consumer_genai|imaging_ai``) or a list; text fields are accepted and ignored.

Anything else is refused with an :class:`~diagnostic.errors.InputError` naming the column, the row
and the value, before any scoring. Each distinct cell value is checked once (``pd.factorize``), not
each cell: a campaign has 100,000 rows but a handful of distinct values per column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from diagnostic.errors import InputError, did_you_mean

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire
    from diagnostic.method.answers import Answers

Bools = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.int8]

# Answer codes after the levels 0–4; "unanswered" is the condition vocabulary's word for no answer.
DONT_KNOW, NOT_APPLICABLE, UNANSWERED = 5, 6, 7
TOKENS = {"dont_know": DONT_KNOW, "not_applicable": NOT_APPLICABLE, "unanswered": UNANSWERED}
SEPARATOR = "|"
MAX_LISTED = 10


@dataclass(frozen=True)
class Profiles:
    """Each single-choice or checklist field as booleans, rows × options (a choice is one-hot)."""

    rows: int
    options: dict[str, tuple[str, ...]]
    ticked: dict[str, Bools]
    checklists: frozenset[str]

    def has(self, field: str, value: str) -> Bools | None:
        ids = self.options.get(field, ())
        return self.ticked[field][:, ids.index(value)] if value in ids else None


def frame_from_answers(q: Questionnaire, sets: Iterable[Answers]) -> pd.DataFrame:
    """The input layout of ``score_many`` from answer sets (checklists joined by ``|``).

    Building the rows is plain Python, about as slow as scoring them one by one: use it for the
    answers the app already holds, and read campaign exports straight into a frame.
    """
    fields = [pq.id for pq in q.profile if pq.kind != "text"]
    qids = list(q.questions)
    rows: list[list[object]] = []
    for a in sets:
        if a.questionnaire_id != q.id:
            raise InputError(
                "import.other_questionnaire", {"found": a.questionnaire_id[:80], "expected": q.id}
            )
        if unknown := a.answers.keys() - q.questions.keys():
            raise _unknown_columns(q, list(unknown))
        profile, answers = a.profile, a.answers
        cells = [profile.get(f) for f in fields]
        rows.append([c if c is None or isinstance(c, str) else SEPARATOR.join(c) for c in cells])
        rows[-1].extend([answers.get(qid) for qid in qids])
    return pd.DataFrame(rows, columns=[*fields, *qids], dtype=object)


# --- reading the table (called by score_many) ------------------------------------------------


def _listed(ids: Iterable[object]) -> str:
    shown = sorted(str(i)[:80] for i in ids)
    more = len(shown) - MAX_LISTED
    return ", ".join(shown[:MAX_LISTED]) + (f" (+{more})" if more > 0 else "")


def _unknown_columns(q: Questionnaire, unknown: Sequence[object]) -> InputError:
    known = [*q.questions, *q.profile_by_id]
    named = [f"{c} → {hint}" if (hint := did_you_mean(str(c), known)) else c for c in unknown]
    return InputError("batch.unknown_columns", {"ids": _listed(named), "count": len(unknown)})


def check_columns(q: Questionnaire, frame: pd.DataFrame) -> None:
    twice = [c for c, n in Counter(frame.columns).items() if n > 1]
    if twice:
        raise InputError("batch.duplicate_columns", {"ids": _listed(twice)})
    unknown = [c for c in frame.columns if c not in q.questions and c not in q.profile_by_id]
    if unknown:
        raise _unknown_columns(q, unknown)


def _factorize(column: pd.Series) -> tuple[npt.NDArray[np.intp], list[Any]]:
    """Codes per row (-1 when missing) and the distinct values: each checked once, not per row."""
    values = column.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(values)
    except TypeError:  # lists in checklist cells are not hashable
        codes, uniques = pd.factorize(np.array([_hashable(v) for v in values], dtype=object))
    return codes, list(uniques)


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list | set) else value


def _row_of(frame: pd.DataFrame, bad: Bools) -> str:
    return str(frame.index[int(np.argmax(bad))])[:40]


def _choices(value: object, ids: tuple[str, ...], checklist: bool) -> tuple[str, ...] | None:
    """The option ids a profile cell names, or None when the cell is not valid for the field."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(SEPARATOR)] if checklist else [value.strip()]
        chosen = tuple(p for p in parts if p)
    elif checklist and isinstance(value, tuple | frozenset):
        chosen = tuple(value)
    else:
        return None
    valid = all(isinstance(v, str) and v in ids for v in chosen)
    return chosen if valid and len(set(chosen)) == len(chosen) else None


def read_profile(q: Questionnaire, frame: pd.DataFrame) -> Profiles:
    options, ticked, checklists = {}, {}, set()
    for pq in q.profile:
        if pq.kind == "text":
            continue
        ids = options[pq.id] = tuple(o.id for o in pq.options)
        if pq.kind == "multi":
            checklists.add(pq.id)
        table = np.zeros((1, len(ids)), dtype=bool)  # the last row is for missing cells
        codes = np.full(len(frame), -1, dtype=np.intp)
        if pq.id in frame.columns:
            codes, uniques = _factorize(frame[pq.id])
            table = np.zeros((len(uniques) + 1, len(ids)), dtype=bool)
            for i, value in enumerate(uniques):
                chosen = _choices(value, ids, pq.kind == "multi")
                if chosen is None:
                    row = _row_of(frame, codes == i)
                    params = {"field": pq.id, "row": row, "value": str(value)[:40]}
                    raise InputError("batch.bad_profile", {**params, "options": _listed(ids)})
                table[i] = [o in chosen for o in ids]
        ticked[pq.id] = table[codes]
    return Profiles(len(frame), options, ticked, frozenset(checklists))


def _answer_code(value: object) -> int:
    """The code of one distinct cell value, -1 when it is not a valid answer."""
    if isinstance(value, bool | np.bool_):
        return -1  # True == 1 in Python, but a yes/no column is not a level
    if isinstance(value, int | np.integer | float | np.floating):
        return int(value) if value in (0, 1, 2, 3, 4) else -1
    if isinstance(value, str):
        text = value.strip()
        if text in ("", "0", "1", "2", "3", "4"):
            return int(text) if text else UNANSWERED
        return TOKENS[text] if text in ("dont_know", "not_applicable") else -1
    return -1


def read_answers(q: Questionnaire, frame: pd.DataFrame) -> Codes:
    codes = np.full((len(frame), len(q.questions)), UNANSWERED, dtype=np.int8)
    for j, qid in enumerate(q.questions):
        if qid not in frame.columns:
            continue
        values = frame[qid].to_numpy()
        if values.dtype.kind in "iuf":  # a numeric column: levels with NaN for unanswered
            levels = values.astype(np.float64)
            missing = np.isnan(levels)
            bad = ~missing & ~np.isin(levels, (0, 1, 2, 3, 4))
            column = np.where(missing, UNANSWERED, np.nan_to_num(levels)).astype(np.int8)
        else:
            found, uniques = _factorize(frame[qid])
            table = np.array([*(_answer_code(u) for u in uniques), UNANSWERED], dtype=np.int8)
            column = table[found]
            bad = column < 0
        if bad.any():
            first = values[int(np.argmax(bad))]
            first = first.item() if isinstance(first, np.generic) else first  # 5, not np.int64(5)
            params = {"question": qid, "row": _row_of(frame, bad), "value": repr(first)[:40]}
            raise InputError("batch.invalid_answer", {**params, "count": int(bad.sum())})
        codes[:, j] = column
    return codes
