"""Compare an establishment with sourced reference figures and with its typology targets.

What is compared is spelt out because the two sides differ in kind: national barometers survey
staff perceptions and practices, the diagnostic records what the establishment declares. Each
comparison carries both labels, the figure with its population, sample size, period, source and
provenance, and, where meaningful, a position: above, level or below.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from diagnostic.content.benchmark_data import Comparison, EditionFile, Indicator
from diagnostic.content.loader import Questionnaire, validate_file
from diagnostic.errors import ContentError, ContentProblem, did_you_mean
from diagnostic.method.answers import Answers
from diagnostic.method.scoring import ScoreResult
from diagnostic.method.targets import LEVEL_MARGIN, targets_for

Position = Literal["above", "level", "below"]
EDITION_FILE = "indicators.yaml"


def default_root() -> Path:
    """Where editions live (overridable with ``DIAGNOSTIC_BENCHMARKS``)."""
    env = os.environ.get("DIAGNOSTIC_BENCHMARKS")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "benchmarks"


def load_editions(root: Path | None = None) -> dict[str, EditionFile]:
    """Every edition under ``root`` (one folder per edition with an indicators.yaml), oldest first.

    Adding an edition is dropping a folder in: no code change.
    """
    problems: list[ContentProblem] = []
    editions: dict[str, EditionFile] = {}
    for path in sorted((root or default_root()).glob(f"*/{EDITION_FILE}")):
        try:
            edition, _ = validate_file(path, EditionFile, str(path))
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        editions[edition.edition] = edition
    if problems:
        raise ContentError(problems)
    return dict(sorted(editions.items()))


def check_editions(q: Questionnaire, editions: Mapping[str, EditionFile]) -> list[ContentProblem]:
    """Editions against the questionnaire: unique ids, known references, mapped indicators exist."""
    problems: list[ContentProblem] = []

    def missing(file: str, where: str, kind: str, value: str, known: set[str]) -> None:
        guess = did_you_mean(value, known)
        hint = f'did you mean "{guess}"?' if guess else f"declare the {kind} first, or fix the id"
        problems.append(ContentProblem(file, where, f'{kind} "{value}" does not exist', "", hint))

    known: set[str] = set()
    for name, edition in editions.items():
        file = f"benchmarks/{name}/{EDITION_FILE}"
        seen: set[str] = set()
        for i, ind in enumerate(edition.indicators):
            if ind.id in seen:
                problems.append(
                    ContentProblem(
                        file, f"indicators[{i}].id", f'duplicate indicator id "{ind.id}"'
                    )
                )
            seen.add(ind.id)
            if ind.reference not in q.references:
                missing(
                    file,
                    f"indicators[{i}].reference ({ind.id})",
                    "reference",
                    ind.reference,
                    set(q.references),
                )
        known |= seen
    for i, comp in enumerate(q.comparisons):
        if comp.indicator not in known:
            missing(
                "benchmark_map.yaml",
                f"comparisons[{i}].indicator",
                "indicator",
                comp.indicator,
                known,
            )
    for qid, question in q.questions.items():
        for ind_id in question.indicators:
            if ind_id not in known:
                missing(q.dimension_of[qid], f"{qid}.indicators", "indicator", ind_id, known)
    return problems


@dataclass(frozen=True)
class IndicatorComparison:
    """One question's answer next to one sourced figure."""

    question_id: str
    indicator: Indicator
    edition: str
    method: str
    establishment_label: Mapping[str, str]
    establishment_value: Mapping[str, str]
    position: Position | None
    note: Mapping[str, str] | None


@dataclass(frozen=True)
class DimensionComparison:
    dimension_id: str
    score: float | None
    target: float | None
    gap: float | None
    position: Position | None


@dataclass(frozen=True)
class BenchmarkComparison:
    """Everything ``compare`` returns: per indicator, per dimension, and stated targets."""

    edition: str | None
    indicators: tuple[IndicatorComparison, ...]
    dimensions: tuple[DimensionComparison, ...]
    targets: tuple[Indicator, ...]


def _share_range(comp: Comparison, level: int, ind: Indicator) -> Position:
    band = next(r for r in comp.ranges if r.level == level)
    if band.low > ind.value:
        return "above"
    if band.high < ind.value:
        return "below"
    return "level"


def _practice_share(comp: Comparison, level: int, ind: Indicator) -> Position:
    has_it = level >= (comp.practice_level or 4)
    most_have_it = ind.value >= 50
    if has_it:
        return "level" if most_have_it else "above"
    return "below" if most_have_it else "level"


# method → how the position is found from the answered level. "context" has none on purpose.
POSITIONS: dict[str, Callable[[Comparison, int, Indicator], Position]] = {
    "share_range": _share_range,
    "practice_share": _practice_share,
}


def _answer_value(q: Questionnaire, qid: str, value: int | str | None) -> dict[str, str]:
    if isinstance(value, int):
        level = next(lv for lv in q.levels_of(q.questions[qid]) if lv.level == value)
        return {"fr": level.label.fr, "en": level.label.get("en")}
    from diagnostic.i18n import message

    token = value if isinstance(value, str) else "unanswered"
    return {lang: message(f"answer.{token}", lang).strip('«» "') for lang in ("fr", "en")}


def position_vs_target(score: float | None, target: float | None) -> Position | None:
    if score is None or target is None:
        return None
    if score > target + LEVEL_MARGIN:
        return "above"
    if score < target - LEVEL_MARGIN:
        return "below"
    return "level"


def compare(
    q: Questionnaire,
    answers: Answers,
    result: ScoreResult,
    editions: Mapping[str, EditionFile],
    edition: str | None = None,
) -> BenchmarkComparison:
    """Compare answers and scores with one edition (the latest by default) and the targets."""
    chosen = edition if edition in editions else (max(editions) if editions else None)
    by_id = {i.id: i for i in editions[chosen].indicators} if chosen else {}
    indicators = []
    for comp in q.comparisons:
        ind = by_id.get(comp.indicator)
        if ind is None or chosen is None:
            continue
        value = answers.answers.get(comp.question)
        finder = POSITIONS.get(comp.method)
        position = finder(comp, value, ind) if finder and isinstance(value, int) else None
        indicators.append(
            IndicatorComparison(
                question_id=comp.question,
                indicator=ind,
                edition=chosen,
                method=comp.method,
                establishment_label=comp.establishment_label.model_dump(),
                establishment_value=_answer_value(q, comp.question, value),
                position=position,
                note=comp.note.model_dump() if comp.note else None,
            )
        )
    targets = targets_for(q, answers.profile)
    dimensions = tuple(
        DimensionComparison(
            dimension_id=d.dimension_id,
            score=d.score,
            target=targets.get(d.dimension_id),
            gap=(targets[d.dimension_id] - d.score)
            if d.score is not None and d.dimension_id in targets
            else None,
            position=position_vs_target(d.score, targets.get(d.dimension_id)),
        )
        for d in result.dimensions
    )
    stated = tuple(i for i in by_id.values() if i.kind == "target")
    return BenchmarkComparison(chosen, tuple(indicators), dimensions, stated)
