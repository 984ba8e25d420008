"""Workshop figures, computed from the participants' answers: pure functions, no database.

The dashboard shows, for the whole room, progress, per-dimension mean, spread and level
distribution, and per-question distribution. Figures broken down by role (the divergence heatmap)
and free-text comments are shown only for role groups of at least ``min_group`` participants:
smaller roles are pooled into "other roles", which is itself hidden when still too small. Because
the whole-room mean is shown, hiding one small group alone would let anyone subtract it back out;
so in each dimension, while the hidden cells hold between 1 and ``min_group - 1`` people, the
smallest visible cell is hidden too (complementary suppression).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from diagnostic.content.facts import AnswerValue, Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.method.conditions import is_asked
from diagnostic.method.scoring import score_dimension
from diagnostic.workshop.access import ROLES
from diagnostic.workshop.queries import ParticipantAnswers, WorkshopInfo

OTHER_ROLES = "other_roles"
LEVELS = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class Distribution:
    """How many answers gave each level, "don't know" and "not applicable"."""

    levels: tuple[int, ...]  # counts for levels 0..4
    dont_know: int
    not_applicable: int

    @property
    def total(self) -> int:
        return sum(self.levels) + self.dont_know + self.not_applicable


def distribution(values: Iterable[AnswerValue]) -> Distribution:
    values = list(values)
    return Distribution(
        levels=tuple(sum(1 for v in values if v == level) for level in LEVELS),
        dont_know=sum(1 for v in values if v == "dont_know"),
        not_applicable=sum(1 for v in values if v == "not_applicable"),
    )


@dataclass(frozen=True)
class Progress:
    """One participant's progress, by dimension: answered / asked questions."""

    number: int
    role: str
    answered: Mapping[str, int]
    asked: Mapping[str, int]


@dataclass(frozen=True)
class DimensionStats:
    """Participants' dimension scores (0–100): how many, their mean and standard deviation."""

    dimension_id: str
    respondents: int
    mean: float | None
    stdev: float | None
    distribution: Distribution


@dataclass(frozen=True)
class QuestionStats:
    """One question's answers. Median, spread and range are over levels only (0–4)."""

    question_id: str
    dimension_id: str
    distribution: Distribution
    median: float | None
    stdev: float | None
    low: int | None
    high: int | None
    proposal: AnswerValue | None

    @property
    def span(self) -> int:
        return 0 if self.low is None or self.high is None else self.high - self.low


@dataclass(frozen=True)
class RoleGroup:
    key: str  # a role id, or OTHER_ROLES
    roles: tuple[str, ...]
    size: int
    shown: bool


@dataclass(frozen=True)
class RoleCell:
    """Mean dimension score of one role group; None when hidden (too few people)."""

    group: str
    dimension_id: str
    respondents: int
    mean: float | None


@dataclass(frozen=True)
class Comment:
    question_id: str
    group: str
    text: str


@dataclass(frozen=True)
class Dashboard:
    workshop: WorkshopInfo
    participants: tuple[Progress, ...]
    missing_roles: tuple[str, ...]
    dimensions: tuple[DimensionStats, ...]
    questions: tuple[QuestionStats, ...]
    groups: tuple[RoleGroup, ...]
    divergence: tuple[RoleCell, ...]
    comments: tuple[Comment, ...]


def proposal(values: Sequence[AnswerValue]) -> AnswerValue | None:
    """The default consensus: the median level, the lower one when two tie.

    The lower median because a maturity diagnostic must not overstate: when the room splits
    between two levels, the plan should start from the one everybody can stand behind. "Don't
    know" and "not applicable" are not levels: they win only when more than half the room gave
    them (then not knowing, or not applying, is the finding).
    """
    if not values:
        return None
    levels = sorted(v for v in values if isinstance(v, int))
    for special in ("not_applicable", "dont_know"):
        if sum(1 for v in values if v == special) * 2 > len(values):
            return special
    if levels:
        return statistics.median_low(levels)
    return "dont_know" if "dont_know" in values else "not_applicable"


def question_stats(q: Questionnaire, people: Sequence[ParticipantAnswers]) -> list[QuestionStats]:
    result = []
    for dimension in q.dimensions:
        for question in dimension.questions:
            values = [p.answers[question.id] for p in people if question.id in p.answers]
            levels = [v for v in values if isinstance(v, int)]
            result.append(
                QuestionStats(
                    question_id=question.id,
                    dimension_id=dimension.id,
                    distribution=distribution(values),
                    median=statistics.median(levels) if levels else None,
                    stdev=statistics.pstdev(levels) if levels else None,
                    low=min(levels) if levels else None,
                    high=max(levels) if levels else None,
                    proposal=proposal(values),
                )
            )
    return result


def dimension_scores(
    q: Questionnaire, profile: Mapping[str, str | tuple[str, ...]], person: ParticipantAnswers
) -> dict[str, float | None]:
    """One participant's dimension scores, by the published method (weights do not matter here)."""
    facts = Facts(profile=profile, answers=person.answers)
    return {d.id: score_dimension(q, d.id, facts, 1.0).score for d in q.dimensions}


def role_groups(people: Sequence[ParticipantAnswers], min_group: int) -> tuple[RoleGroup, ...]:
    """Roles with enough people stand alone; the others are pooled, and hidden if still too few."""
    order = {role: i for i, role in enumerate(ROLES)}
    sizes = Counter(p.role for p in people)
    roles = sorted(sizes, key=lambda r: (order.get(r, len(ROLES)), r))
    big = [RoleGroup(r, (r,), sizes[r], True) for r in roles if sizes[r] >= min_group]
    small = tuple(r for r in roles if sizes[r] < min_group)
    pooled = sum(sizes[r] for r in small)
    if pooled:
        big.append(RoleGroup(OTHER_ROLES, small, pooled, pooled >= min_group))
    return tuple(big)


def exported_groups(groups: Sequence[RoleGroup], min_group: int) -> set[str]:
    """Role groups whose individual answers may be exported.

    The export lists people's answers by group, and the dashboard shows the whole room's
    distribution: leaving out only a small hidden group would let the difference rebuild its
    answers exactly. So, as in the heatmap, the smallest shown groups are left out with it until
    the left-out people are at least ``min_group``.
    """
    hidden = suppressed(
        {g.key: g.size for g in groups}, {g.key for g in groups if not g.shown}, min_group
    )
    return {g.key for g in groups if g.key not in hidden}


def exported_people(
    people: Sequence[ParticipantAnswers], min_group: int
) -> tuple[tuple[ParticipantAnswers, str], ...]:
    """The people whose answers the CSV export may list, each with their role group's key."""
    groups = role_groups(people, min_group)
    allowed = exported_groups(groups, min_group)
    group_of = {role: g.key for g in groups if g.key in allowed for role in g.roles}
    return tuple((p, group_of[p.role]) for p in people if p.role in group_of)


def suppressed(cells: Mapping[str, int], hidden: set[str], min_group: int) -> set[str]:
    """Cells to hide in one column, given those hidden already (complementary suppression)."""
    hidden = set(hidden)
    visible = sorted((n, key) for key, n in cells.items() if key not in hidden)
    while visible and 0 < sum(cells[k] for k in hidden) < min_group:
        hidden.add(visible.pop(0)[1])
    return hidden


def build_dashboard(
    q: Questionnaire, info: WorkshopInfo, people: Sequence[ParticipantAnswers]
) -> Dashboard:
    """Every figure of the facilitator's dashboard, from one snapshot of the answers."""
    facts = Facts(profile=info.profile)
    asked = {d.id: [x.id for x in d.questions if is_asked(x, facts)] for d in q.dimensions}
    progress = tuple(
        Progress(
            number=p.number,
            role=p.role,
            answered={d: sum(1 for x in ids if x in p.answers) for d, ids in asked.items()},
            asked={d: len(ids) for d, ids in asked.items()},
        )
        for p in people
    )
    scores = [dimension_scores(q, info.profile, p) for p in people]
    dimensions = []
    for d in q.dimensions:
        values = [s for s in (row[d.id] for row in scores) if s is not None]
        dimensions.append(
            DimensionStats(
                dimension_id=d.id,
                respondents=len(values),
                mean=statistics.fmean(values) if values else None,
                stdev=statistics.pstdev(values) if values else None,
                distribution=distribution(
                    p.answers[x.id] for p in people for x in d.questions if x.id in p.answers
                ),
            )
        )
    groups = role_groups(people, info.min_group)
    group_of = {role: g.key for g in groups for role in g.roles}
    cells: list[RoleCell] = []
    for d in q.dimensions:
        by_group: dict[str, list[float]] = {g.key: [] for g in groups}
        for person, row in zip(people, scores, strict=True):
            value = row[d.id]
            if value is not None:
                by_group[group_of[person.role]].append(value)
        counts = {key: len(v) for key, v in by_group.items()}
        hidden = {g.key for g in groups if not g.shown or counts[g.key] < info.min_group}
        hidden = suppressed(counts, hidden, info.min_group)
        cells.extend(
            RoleCell(
                key,
                d.id,
                counts[key],
                None if key in hidden or not v else statistics.fmean(v),
            )
            for key, v in by_group.items()
        )
    shown = {g.key for g in groups if g.shown}
    comments = tuple(
        Comment(qid, group_of[p.role], text)
        for p in people
        if group_of[p.role] in shown
        for qid, text in sorted(p.comments.items())
    )
    joined = {p.role for p in people}
    return Dashboard(
        workshop=info,
        participants=progress,
        missing_roles=tuple(r for r in info.expected_roles if r not in joined),
        dimensions=tuple(dimensions),
        questions=tuple(question_stats(q, people)),
        groups=groups,
        divergence=tuple(cells),
        comments=tuple(sorted(comments, key=lambda c: (c.question_id, c.group, c.text))),
    )


@dataclass(frozen=True)
class Disagreement:
    """A question where the room diverged: its spread, its range and who said what (counts)."""

    question_id: str
    dimension_id: str
    stdev: float
    low: int
    high: int
    distribution: Distribution


def find_disagreements(
    stats: Iterable[QuestionStats], min_span: int = 2, min_stdev: float = 1.5
) -> tuple[Disagreement, ...]:
    """Questions whose levels span ``min_span`` or more, or spread ``min_stdev`` or more.

    Levels only: two people who "don't know" do not disagree with anyone. The largest spread
    first, so the discussion starts where it is most needed.
    """
    found = [
        Disagreement(s.question_id, s.dimension_id, s.stdev, s.low, s.high, s.distribution)
        for s in stats
        if s.stdev is not None
        and s.low is not None
        and s.high is not None
        and (s.span >= min_span or s.stdev >= min_stdev)
    ]
    return tuple(sorted(found, key=lambda d: (-d.stdev, -(d.high - d.low))))
