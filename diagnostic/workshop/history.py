"""An establishment's diagnostics over time, and what moved between two of them.

Each diagnostic is kept as its answers file (the same JSON :func:`diagnostic.method.answers.dump`
writes)
under an establishment key and a date, whether it was a self-assessment or a workshop consensus.
Reading one back goes through the strict importer, so a diagnostic saved under an older
questionnaire version is migrated like an uploaded file, and comparing two is comparing two
:class:`Answers`: scores by dimension, and the answers that changed, with the comment that explains
the new one ("what moved and why").

Every read and write needs a :class:`~diagnostic.workshop.history_access.HistoryAccess`, granted
for the
establishment secret (:mod:`diagnostic.workshop.history_access`): the name alone opens nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, delete, select

from diagnostic.content.facts import AnswerValue
from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.method.answers import Answers, clean_text, dump, read
from diagnostic.method.scoring import score
from diagnostic.workshop import store
from diagnostic.workshop.access import guarded
from diagnostic.workshop.access_tables import history_entries
from diagnostic.workshop.history_access import (
    HistoryAccess,
    create_history,
    current,
    require,
)
from diagnostic.workshop.queries import diagnostics, stamp, utc_now

Source = Literal["self", "workshop"]
SOURCES: tuple[Source, ...] = ("self", "workshop")
MAX_KEY = 200


def establishment_key(name: str) -> str:
    """A stable key from what people type: "CH de Saint-Étienne " and "ch de saint etienne" match.

    Accents, case, punctuation and spacing vary between two people typing the same name a year
    apart; none of them should split an establishment's history in two.
    """
    folded = clean_text(name).casefold().replace("œ", "oe").replace("æ", "ae")
    # Accents go (combining marks after NFKD); letters of any script stay, so a name written
    # in another alphabet still has a key.
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if unicodedata.category(ch) != "Mn"
    )
    key = re.sub(r"[\W_]+", "-", text).strip("-")[:MAX_KEY]
    if not key:
        raise InputError("workshop.bad_establishment")
    return key


@dataclass(frozen=True)
class DiagnosticEntry:
    id: int
    establishment: str
    held_on: date
    source: Source
    questionnaire_id: str
    version: str
    saved_at: datetime


def _entry(row: Any) -> DiagnosticEntry:
    return DiagnosticEntry(
        id=row.id,
        establishment=row.establishment,
        held_on=date.fromisoformat(row.held_on),
        source=row.source,
        questionnaire_id=row.questionnaire_id,
        version=row.questionnaire_version,
        saved_at=datetime.fromisoformat(row.saved_at),
    )


def _insert(
    conn: Connection,
    history_id: int,
    key: str,
    held_on: date,
    source: Source,
    answers: Answers,
    moment: datetime,
) -> int:
    inserted = conn.execute(
        diagnostics.insert()
        .values(
            establishment=key,
            held_on=held_on.isoformat(),
            source=source,
            questionnaire_id=answers.questionnaire_id,
            questionnaire_version=answers.version,
            document=dump(answers).decode("utf-8"),
            saved_at=stamp(moment),
        )
        .returning(diagnostics.c.id)
    )
    new_id = int(inserted.scalar_one())
    conn.execute(history_entries.insert().values(diagnostic_id=new_id, history_id=history_id))
    return new_id


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise InputError("workshop.bad_source", {"source": str(source)[:20]})


def start_history(
    engine: Engine,
    establishment: str,
    held_on: date,
    source: Source,
    answers: Answers,
    *,
    now: datetime | None = None,
) -> tuple[HistoryAccess, str, DiagnosticEntry]:
    """A new history holding this first diagnostic; returns its access, its secret (to show
    once: only its hash is kept) and the stored entry.

    Another history may already exist under a name that folds to the same key: it stays out of
    reach, since only its own secret opens it.
    """
    _check_source(source)
    key = establishment_key(establishment)
    name = clean_text(establishment).strip()
    moment = now or utc_now()

    def work() -> tuple[HistoryAccess, str, int]:
        with store.writing(engine) as conn:
            access, secret = create_history(conn, key, name, moment)
            new_id = _insert(conn, access.history_id, key, held_on, source, answers, moment)
            return access, secret, new_id

    access, secret, new_id = guarded(work)
    entry = DiagnosticEntry(
        new_id, key, held_on, source, answers.questionnaire_id, answers.version, moment
    )
    return access, secret, entry


def save_diagnostic(
    engine: Engine,
    access: object,
    held_on: date,
    source: Source,
    answers: Answers,
    *,
    now: datetime | None = None,
) -> DiagnosticEntry:
    """Add one diagnostic to the history ``access`` opens; returns the stored entry."""
    granted = require(access)
    _check_source(source)
    moment = now or utc_now()

    def work() -> int:
        with store.writing(engine) as conn:
            current(conn, granted)  # not rotated meanwhile
            return _insert(
                conn, granted.history_id, granted.establishment, held_on, source, answers, moment
            )

    new_id = guarded(work)
    return DiagnosticEntry(
        new_id,
        granted.establishment,
        held_on,
        source,
        answers.questionnaire_id,
        answers.version,
        moment,
    )


def _in_history(history_id: int) -> Any:
    return diagnostics.join(
        history_entries,
        (history_entries.c.diagnostic_id == diagnostics.c.id)
        & (history_entries.c.history_id == history_id),
    )


def list_diagnostics(engine: Engine, access: object) -> tuple[DiagnosticEntry, ...]:
    """The history's diagnostics, oldest first (by date, then by when they were saved)."""
    with store.reading(engine) as conn:
        granted = current(conn, access)
        rows = conn.execute(
            select(diagnostics)
            .select_from(_in_history(granted.history_id))
            .order_by(diagnostics.c.held_on, diagnostics.c.id)
        ).all()
    return tuple(_entry(r) for r in rows)


def load_diagnostic(
    engine: Engine, access: object, q: Questionnaire, diagnostic_id: int
) -> Answers:
    """One diagnostic of this history as answers for ``q`` (migrated if need be)."""
    with store.reading(engine) as conn:
        granted = current(conn, access)
        document = conn.scalar(
            select(diagnostics.c.document)
            .select_from(_in_history(granted.history_id))
            .where(diagnostics.c.id == diagnostic_id)
        )
    if document is None:
        raise InputError("workshop.unknown_diagnostic")
    return read(str(document).encode("utf-8"), q)


def import_needs_confirmation(
    access: object, answers: Answers, name: str | None = None
) -> tuple[str, str] | None:
    """(history's name, the other name) when the answers name another establishment (or none).

    An answers file for "EHPAD Les Tilleuls" landed in "CH Beta"'s history with no check; the
    person importing now confirms, seeing both names, before it is kept. ``name`` stands for the
    answers' own establishment name (a workshop consensus is named by its workshop).
    """
    granted = require(access)
    named = answers.profile.get("establishment_name") if name is None else name
    name = named.strip() if isinstance(named, str) else ""
    try:
        if name and establishment_key(name) == granted.establishment:
            return None
    except InputError:  # a name with no letter or digit: nothing to match
        pass
    return granted.name, name


def delete_diagnostic(engine: Engine, diagnostic_id: int) -> bool:
    """Operator's deletion on request; False when there was none with this id."""

    def work() -> bool:
        with store.writing(engine) as conn:
            gone = conn.execute(delete(diagnostics).where(diagnostics.c.id == diagnostic_id))
            return gone.rowcount > 0

    removed = guarded(work)
    store.scrub(engine)
    return removed


@dataclass(frozen=True)
class DimensionChange:
    dimension_id: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass(frozen=True)
class AnswerChange:
    """One answer that moved; ``why`` is the comment given with the new answer, if any."""

    question_id: str
    dimension_id: str
    old: AnswerValue | None
    new: AnswerValue | None
    why: str


@dataclass(frozen=True)
class Comparison:
    dimensions: tuple[DimensionChange, ...]
    overall_old: float | None
    overall_new: float | None
    stage_old: str | None
    stage_new: str | None
    changes: tuple[AnswerChange, ...]
    profile_changes: tuple[str, ...]  # profile fields that differ (they can change the weights)

    def changes_in(self, dimension_id: str) -> tuple[AnswerChange, ...]:
        return tuple(c for c in self.changes if c.dimension_id == dimension_id)


def compare(old: Answers, new: Answers, q: Questionnaire) -> Comparison:
    """What moved between two diagnostics of the same questionnaire, dimension by dimension.

    Both are scored with the same questionnaire (the one in use now), so a change in score comes
    from a change in answers or profile, never from a change of method between the two dates.
    """
    for answers in (old, new):
        if answers.questionnaire_id != q.id:
            raise InputError(
                "import.other_questionnaire",
                {"found": answers.questionnaire_id[:80], "expected": q.id},
            )
    before, after = score(q, old), score(q, new)
    dimensions = tuple(
        DimensionChange(d.dimension_id, d.score, after.dimension(d.dimension_id).score)
        for d in before.dimensions
    )
    changes = tuple(
        AnswerChange(
            question_id=x.id,
            dimension_id=dimension.id,
            old=old.answers.get(x.id),
            new=new.answers.get(x.id),
            why=new.comments.get(x.id, ""),
        )
        for dimension in q.dimensions
        for x in dimension.questions
        if old.answers.get(x.id) != new.answers.get(x.id)
    )
    fields = sorted(set(old.profile) | set(new.profile))
    return Comparison(
        dimensions=dimensions,
        overall_old=before.overall,
        overall_new=after.overall,
        stage_old=before.stage,
        stage_new=after.stage,
        changes=changes,
        profile_changes=tuple(f for f in fields if old.profile.get(f) != new.profile.get(f)),
    )
