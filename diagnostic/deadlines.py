"""The regulatory calendar, personalised: the dates that apply to this establishment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from diagnostic.advice import CalendarEntry
from diagnostic.conditions import Facts, holds
from diagnostic.content import Questionnaire


@dataclass(frozen=True)
class Deadline:
    entry: CalendarEntry
    past: bool


def _as_date(text: str) -> date:
    """``YYYY-MM`` dates count from the first of the month (the facts give no day)."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)


def personalise(q: Questionnaire, facts: Facts, today: date) -> tuple[Deadline, ...]:
    """Entries whose condition holds for this profile, in date order, marked past or upcoming."""
    return tuple(
        Deadline(entry, _as_date(entry.date) <= today)
        for entry in sorted(q.calendar, key=lambda e: (e.date, e.id))
        if holds(entry.applies_when, facts)
    )
