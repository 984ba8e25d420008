"""The regulatory calendar, personalised: the dates that apply to this establishment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from diagnostic.content.advice import CalendarEntry
from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.method.conditions import holds


@dataclass(frozen=True)
class Deadline:
    """A calendar entry for this establishment, and whether its date is behind the report date."""

    entry: CalendarEntry
    past: bool

    @property
    def state(self) -> str:
        """How to label the date: only a date set by a text in force or adopted can "apply".

        ``applies`` / ``upcoming`` for in-force or adopted texts; ``unconfirmed_past`` for an
        expected or proposed date already behind us (never "already applicable"); ``expected`` and
        ``proposal`` for such dates still ahead.
        """
        if self.entry.status in ("in_force", "adopted"):
            return "applies" if self.past else "upcoming"
        return "unconfirmed_past" if self.past else self.entry.status

    @property
    def state_key(self) -> str:
        """The locale key of :attr:`state`."""
        return "report.past" if self.state == "applies" else f"report.{self.state}"


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
