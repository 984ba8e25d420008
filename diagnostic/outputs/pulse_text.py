"""The pulse survey's results as text tables: one source for the screen and the PDF.

Only disclosed groups reach these tables (see :mod:`diagnostic.method.pulse_stats`): a hidden
role family is named in a note, never given a figure. The comparison table puts the three views
side by side — the establishment's declared answer, the staff's share, the national barometer
with its source and sample size — and the findings are the sentences ``pulse.yaml`` publishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diagnostic.content.loader import Questionnaire
from diagnostic.content.pulse_models import ROLE_ITEM, PulseItem
from diagnostic.i18n import message, number, percent
from diagnostic.method.perception_gap import (
    ItemComparison,
    declared_text,
    finding_text,
    range_text,
)
from diagnostic.method.pulse_stats import TOTAL, PulseResults


@dataclass(frozen=True)
class TextTable:
    """Headings and rows of plain text, with the groups (key, n) whose figures it shows."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    groups: tuple[tuple[str, int], ...] = ()


def role_label(q: Questionnaire, role: str, lang: str) -> str:
    if role == TOTAL:
        return message("pulse.group_all", lang)
    assert q.pulse is not None
    option = next((o for o in q.pulse.item(ROLE_ITEM).options if o.id == role), None)
    return option.label.get(lang) if option else role


def item_table(q: Questionnaire, results: PulseResults, item: PulseItem, lang: str) -> TextTable:
    """One item: a row per option, a column per disclosed group (total first)."""
    groups = list(results.groups.values())
    headings = [message("pulse.answer_column", lang)]
    headings += [
        message("pulse.group_heading", lang, group=role_label(q, g.key, lang), n=g.n)
        for g in groups
    ]
    rows = [
        (o.label.get(lang), *(percent(g.shares[item.id][o.id], lang) for g in groups))
        for o in item.options
    ]
    return TextTable(tuple(headings), tuple(rows), tuple((g.key, g.n) for g in groups))


def hidden_note(q: Questionnaire, results: PulseResults, lang: str) -> str | None:
    """Which groups are too small to be shown (names only), or None."""
    if not results.hidden:
        return None
    names = ", ".join(role_label(q, k, lang) for k in results.hidden)
    return message("pulse.hidden_groups", lang, groups=names, k=results.min_group)


def _source(q: Questionnaire, c: ItemComparison, lang: str) -> str:
    side = c.barometer
    if side is None:
        return "—"
    ref = q.references.get(side.indicator.reference)
    issuer = ref.issuer if ref else side.indicator.reference
    n = side.indicator.sample_size
    size = message("pulse.sample", lang, n=number(n, lang)) if n else ""
    return ", ".join(p for p in (issuer, side.indicator.period, size) if p)


def _declared(q: Questionnaire, c: ItemComparison, lang: str) -> str:
    side = c.management
    if side is None:
        return "—"
    text = declared_text(q, side.question_id, side.answer, lang)
    if side.expected is not None:
        expected = range_text(side.expected, lang)
        return message("pulse.declared_expected", lang, declared=text, expected=expected)
    return text


def _staff(c: ItemComparison, lang: str) -> str:
    share = c.management.staff_share if c.management else None
    if share is None and c.barometer:
        share = c.barometer.staff_share
    return "—" if share is None else percent(share, lang)


def _national(c: ItemComparison, lang: str) -> str:
    side = c.barometer
    if side is None:
        return "—"
    value = percent(side.indicator.value, lang)
    if side.difference is None:
        return message("pulse.national_context", lang, value=value)
    assert side.staff_share is not None
    return message(
        "pulse.national_same",
        lang,
        value=value,
        here=percent(side.staff_share, lang),
        diff=f"{side.difference:+.0f}",
    )


def _notes(c: ItemComparison, lang: str) -> str:
    notes = []
    if c.management and c.management.note:
        notes.append(c.management.note.get(lang) or c.management.note["fr"])
    if c.barometer and c.barometer.note:
        notes.append(c.barometer.note.get(lang) or c.barometer.note["fr"])
    if c.barometer and c.barometer.indicator.caveat:
        notes.append(c.barometer.indicator.caveat.get(lang))
    return " ".join(notes)


def comparison_table(
    q: Questionnaire, comparisons: Sequence[ItemComparison], lang: str
) -> TextTable:
    """Établissement déclaré / agents (pulse) / baromètre national, with source and n."""
    headings = tuple(
        message(f"pulse.col_{k}", lang)
        for k in ("item", "declared", "staff", "national", "source", "note")
    )
    rows = tuple(
        (
            c.item.short.get(lang),
            _declared(q, c, lang),
            _staff(c, lang),
            _national(c, lang),
            _source(q, c, lang),
            _notes(c, lang),
        )
        for c in comparisons
    )
    return TextTable(headings, rows)


def findings(q: Questionnaire, comparisons: Sequence[ItemComparison], lang: str) -> list[str]:
    return [t for c in comparisons if (t := finding_text(q, c, lang))]
