"""The perception gap: each pulse item beside the national barometer and the management's answer.

Three views of one topic. What the management declares in the self-assessment (a level), what the
staff say in the pulse (a share of respondents), what the national barometer measured (a share of
1,051 hospital staff). A management level becomes an *expected share* through the ranges published
in ``pulse.yaml`` (or the ``share_range`` of ``benchmark_map.yaml``); a staff share further outside
that range than the published ``gap_threshold``, on the side named by ``concern``, is a finding
and feeds the rules through :attr:`diagnostic.content.facts.Facts.perception_gaps`. Items that do
not measure the same thing as the other side are shown side by side with a note, never compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from diagnostic.content.benchmark_data import EditionFile, Indicator, ShareRange
from diagnostic.content.facts import AnswerValue
from diagnostic.content.loader import Questionnaire
from diagnostic.content.pulse_models import PulseItem
from diagnostic.errors import ContentProblem, did_you_mean
from diagnostic.i18n import message, percent
from diagnostic.method.pulse_stats import PulseResults

# A management answer that is not a level, in words.
DECLARED = {
    "dont_know": "pulse.declared_dont_know",
    "not_applicable": "pulse.declared_not_applicable",
}


@dataclass(frozen=True)
class BarometerSide:
    indicator: Indicator
    edition: str
    method: str
    staff_share: float | None  # the pulse's share counted as the indicator counts
    difference: float | None  # staff − barometer, in points, for ``same`` items only
    note: Mapping[str, str] | None


@dataclass(frozen=True)
class ManagementSide:
    question_id: str
    method: str
    answer: AnswerValue | None
    expected: ShareRange | None
    staff_share: float | None
    gap: float | None  # points outside the expected range on the concern side (≥ 0)
    finding: bool
    note: Mapping[str, str] | None


@dataclass(frozen=True)
class ItemComparison:
    item: PulseItem
    barometer: BarometerSide | None
    management: ManagementSide | None


def latest_indicator(
    editions: Mapping[str, EditionFile], indicator_id: str
) -> tuple[Indicator, str] | None:
    """The newest edition's figure for an indicator, with its edition."""
    for name in sorted(editions, reverse=True):
        found = next((i for i in editions[name].indicators if i.id == indicator_id), None)
        if found is not None:
            return found, name
    return None


def check_pulse_editions(
    q: Questionnaire, editions: Mapping[str, EditionFile]
) -> list[ContentProblem]:
    """Every indicator ``pulse.yaml`` names exists in an edition (with a "did you mean")."""
    known = {i.id for e in editions.values() for i in e.indicators}
    problems = []
    for n, item in enumerate(q.pulse.items if q.pulse else ()):
        if item.barometer and item.barometer.indicator not in known:
            guess = did_you_mean(item.barometer.indicator, known)
            hint = f'did you mean "{guess}"?' if guess else "declare the indicator first"
            problems.append(
                ContentProblem(
                    "pulse.yaml",
                    f"items[{n}].barometer.indicator ({item.id})",
                    f'indicator "{item.barometer.indicator}" does not exist',
                    "",
                    hint,
                )
            )
    return problems


def expected_range(
    q: Questionnaire, item: PulseItem, answer: AnswerValue | None
) -> ShareRange | None:
    """The share of staff a management level implies for this item, or None."""
    link = item.management
    if link is None or link.method != "expected" or not isinstance(answer, int):
        return None
    ranges = link.ranges or next(
        (
            c.ranges
            for c in q.comparisons
            if c.question == link.question and c.method == "share_range"
        ),
        (),
    )
    return next((r for r in ranges if r.level == answer), None)


def compare(
    q: Questionnaire,
    results: PulseResults | None,
    editions: Mapping[str, EditionFile],
    management: Mapping[str, AnswerValue] | None,
) -> tuple[ItemComparison, ...]:
    """Each item beside the barometer and the management's answer (results None: hidden)."""
    out = []
    for item in q.pulse.questions if q.pulse else ():
        out.append(
            ItemComparison(
                item, _barometer(item, results, editions), _management(q, item, results, management)
            )
        )
    return tuple(out)


def _barometer(
    item: PulseItem, results: PulseResults | None, editions: Mapping[str, EditionFile]
) -> BarometerSide | None:
    link = item.barometer
    found = latest_indicator(editions, link.indicator) if link else None
    if link is None or found is None:
        return None
    indicator, edition = found
    staff = results.share_of(item.id, link.counts) if results else None
    same = link.method == "same" and staff is not None
    return BarometerSide(
        indicator,
        edition,
        link.method,
        staff,
        staff - indicator.value if same and staff is not None else None,
        link.note.model_dump() if link.note else None,
    )


def _management(
    q: Questionnaire,
    item: PulseItem,
    results: PulseResults | None,
    management: Mapping[str, AnswerValue] | None,
) -> ManagementSide | None:
    link = item.management
    if link is None:
        return None
    answer = management.get(link.question) if management else None
    expected = expected_range(q, item, answer)
    staff = results.share_of(item.id, link.counts) if results else None
    gap = None
    if expected is not None and staff is not None:
        gap = (
            max(0.0, expected.low - staff)
            if link.concern == "below"
            else max(0.0, staff - expected.high)
        )
    threshold = link.gap_threshold
    return ManagementSide(
        link.question,
        link.method,
        answer,
        expected,
        staff,
        gap,
        gap is not None and threshold is not None and gap > threshold,
        link.note.model_dump() if link.note else None,
    )


def perception_gaps(comparisons: tuple[ItemComparison, ...]) -> dict[str, float]:
    """Item id → gap in points, for the findings only: what :class:`Facts` carries to the rules."""
    return {
        c.item.id: c.management.gap
        for c in comparisons
        if c.management and c.management.finding and c.management.gap is not None
    }


def range_text(expected: ShareRange, lang: str) -> str:
    """ "30 à 60 %", "au plus 50 %", "au moins 60 %"."""
    if expected.low <= 0:
        return message("pulse.range_at_most", lang, high=percent(expected.high, lang))
    if expected.high >= 100:
        return message("pulse.range_at_least", lang, low=percent(expected.low, lang))
    return message(
        "pulse.range", lang, low=f"{expected.low:.0f}", high=percent(expected.high, lang)
    )


def declared_text(q: Questionnaire, question_id: str, answer: AnswerValue | None, lang: str) -> str:
    """The management's answer in words (the level's label), or "not answered"."""
    question = q.questions.get(question_id)
    if question is None or not isinstance(answer, int):
        return message(DECLARED.get(str(answer), "pulse.declared_none"), lang)
    return next(lvl.label.get(lang) for lvl in q.levels_of(question) if lvl.level == answer)


def finding_text(q: Questionnaire, comparison: ItemComparison, lang: str) -> str | None:
    """The finding sentence published in ``pulse.yaml``, filled in; None when there is none."""
    side, link = comparison.management, comparison.item.management
    if side is None or link is None or not side.finding or link.finding is None:
        return None
    assert side.expected is not None and side.staff_share is not None and side.gap is not None
    return link.finding.get(lang).format(
        declared=declared_text(q, side.question_id, side.answer, lang),
        staff=percent(side.staff_share, lang),
        expected=range_text(side.expected, lang),
        gap=f"{side.gap:.0f}",
    )
