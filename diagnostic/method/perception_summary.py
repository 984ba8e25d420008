"""A pulse's perception gaps carried into the establishment's own diagnostic.

The pulse owner's panel computes the comparison between the staff's answers and the management's
(:mod:`diagnostic.method.perception_gap`). When the management's answers are this session's
self-assessment, the owner may *integrate* the result: a :class:`PerceptionSummary` is kept with
the diagnostic, and :func:`diagnostic.method.report.build_report` then feeds its gaps to the rules
(``perception_gap``) and carries it to the results page, the PDF, the Word copy and the JSON.

The summary holds only what the owner's panel already showed: the pulse's title, period, answer
count and group threshold, and for each finding the whole-pulse share (a group of at least the
threshold) with the management level it was set against. No answer, no role family, no group
below the threshold. It also records the management answers the gaps were computed from
(``basis``): once those change, the gaps no longer describe the diagnostic and are not applied.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from diagnostic.content.benchmark_data import ShareRange
from diagnostic.content.facts import AnswerValue
from diagnostic.content.loader import Questionnaire
from diagnostic.method import perception_gap as gap
from diagnostic.method.answers import Answers

NAME_FIELD = "establishment_name"


@dataclass(frozen=True)
class GapFinding:
    """One finding: the item, the management level, its expected share and the staff's share."""

    item_id: str
    question_id: str
    answer: int
    expected_low: float
    expected_high: float
    staff_share: float
    gap: float


@dataclass(frozen=True)
class PerceptionSummary:
    """What one pulse adds to a diagnostic: its identity, its size and its findings."""

    title: str
    opens_on: date
    closes_on: date
    read_on: date  # the day the owner read and integrated the results
    closed: bool
    answers: int
    min_group: int
    findings: tuple[GapFinding, ...]
    # (question id or the establishment's name field, value) the comparison was computed from
    basis: tuple[tuple[str, str | AnswerValue | None], ...]

    @property
    def gaps(self) -> dict[str, float]:
        """Item id → gap in points: what :class:`~diagnostic.content.facts.Facts` passes on."""
        return {f.item_id: f.gap for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly view (dates as ISO strings)."""
        return {
            "title": self.title,
            "opens_on": self.opens_on.isoformat(),
            "closes_on": self.closes_on.isoformat(),
            "read_on": self.read_on.isoformat(),
            "closed": self.closed,
            "answers": self.answers,
            "min_group": self.min_group,
            "findings": [
                {
                    "item": f.item_id,
                    "question": f.question_id,
                    "declared_level": f.answer,
                    "expected_range": [f.expected_low, f.expected_high],
                    "staff_share": f.staff_share,
                    "gap": f.gap,
                }
                for f in self.findings
            ],
        }


def _basis(q: Questionnaire, answers: Answers) -> tuple[tuple[str, str | AnswerValue | None], ...]:
    # Only the questions a gap is computed from: a side-by-side ("context") one changes nothing.
    linked = sorted(
        {
            i.management.question
            for i in (q.pulse.questions if q.pulse else ())
            if i.management and i.management.method == "expected"
        }
    )
    name = answers.profile.get(NAME_FIELD)
    return (
        (NAME_FIELD, name if isinstance(name, str) else None),
        *((qid, answers.answers.get(qid)) for qid in linked),
    )


def summarise(
    q: Questionnaire,
    comparisons: Sequence[gap.ItemComparison],
    management: Answers,
    pulse: tuple[str, date, date, bool],
    answers: int,
    min_group: int,
    read_on: date,
) -> PerceptionSummary:
    """The frozen value the owner integrates (``pulse``: title, opens, closes, closed)."""
    findings = []
    for c in comparisons:
        side = c.management
        if side is None or not side.finding or side.expected is None:
            continue
        assert side.staff_share is not None and side.gap is not None
        assert isinstance(side.answer, int)
        findings.append(
            GapFinding(
                c.item.id,
                side.question_id,
                side.answer,
                side.expected.low,
                side.expected.high,
                side.staff_share,
                side.gap,
            )
        )
    title, opens_on, closes_on, closed = pulse
    return PerceptionSummary(
        title,
        opens_on,
        closes_on,
        read_on,
        closed,
        answers,
        min_group,
        tuple(findings),
        _basis(q, management),
    )


def applies(q: Questionnaire, summary: PerceptionSummary, answers: Answers) -> bool:
    """Whether the gaps still describe these answers (same establishment, same linked levels)."""
    return _basis(q, answers) == summary.basis


def finding_texts(q: Questionnaire, summary: PerceptionSummary, lang: str) -> list[str]:
    """The findings in the sentences ``pulse.yaml`` publishes, as on the pulse panel."""
    out = []
    for f in summary.findings:
        item = next((i for i in (q.pulse.questions if q.pulse else ()) if i.id == f.item_id), None)
        if item is None:  # content changed since the integration: nothing to word it with
            continue
        side = gap.ManagementSide(
            f.question_id,
            "expected",
            f.answer,
            ShareRange(level=f.answer, low=f.expected_low, high=f.expected_high),
            f.staff_share,
            f.gap,
            True,
            None,
        )
        text = gap.finding_text(q, gap.ItemComparison(item, None, side), lang)
        if text:
            out.append(text)
    return out


def gaps_of(
    summary: PerceptionSummary | None, extra: Mapping[str, float] | None
) -> dict[str, float]:
    """The gaps the rules see: an integrated pulse's, plus any given directly."""
    return {**(extra or {}), **(summary.gaps if summary else {})}
