"""Load a questionnaire directory into one validated, immutable :class:`Questionnaire`.

A questionnaire directory holds one YAML file per kind of content (the ``FILES`` table below) and
one file per dimension under ``dimensions/``. Loading reads every file with the strict YAML reader,
validates it into its model, then runs the cross-file checks. Problems are collected, not raised
one at a time, so an author sees everything wrong in one run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from diagnostic.content.advice import (
    CalendarEntry,
    CalendarFile,
    ConsistencyCheck,
    ConsistencyFile,
    Lever,
    LeversFile,
    Rule,
    RulesFile,
    TargetsFile,
    UseCase,
    UseCasesFile,
)
from diagnostic.content.benchmark_data import BenchmarkMapFile, Comparison
from diagnostic.content.models import (
    DimensionFile,
    Level,
    ProfileFile,
    ProfileQuestion,
    Question,
    QuestionnaireFile,
    RedFlag,
    RedFlagsFile,
    Reference,
    ReferencesFile,
    Scale,
    ScalesFile,
    ScoringFile,
    Stage,
)
from diagnostic.content.plan_models import PlanFile
from diagnostic.content.pulse_models import PulseFile
from diagnostic.content.validation import problems_from_validation
from diagnostic.content.yamlsafe import YamlDocument, YamlProblem, decode, parse
from diagnostic.errors import ContentError, ContentProblem

MAX_CONTENT_BYTES = 256 * 1024
DIMENSIONS_DIR = "dimensions"
RULES_DIR = "rules"  # rules may also be split into rules/*.yaml, one file per theme

# file name → (model, required). New kinds of content are added here, not in code below.
FILES: dict[str, tuple[type[BaseModel], bool]] = {
    "questionnaire.yaml": (QuestionnaireFile, True),
    "profile.yaml": (ProfileFile, True),
    "scoring.yaml": (ScoringFile, True),
    "references.yaml": (ReferencesFile, True),
    "scales.yaml": (ScalesFile, False),
    "red_flags.yaml": (RedFlagsFile, False),
    "levers.yaml": (LeversFile, False),
    "rules.yaml": (RulesFile, False),
    "calendar.yaml": (CalendarFile, False),
    "use_cases.yaml": (UseCasesFile, False),
    "targets.yaml": (TargetsFile, False),
    "benchmark_map.yaml": (BenchmarkMapFile, False),
    "consistency.yaml": (ConsistencyFile, False),
    "plan.yaml": (PlanFile, False),
    "pulse.yaml": (PulseFile, False),
}

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Questionnaire:
    """Everything one questionnaire version says, validated and cross-checked."""

    path: Path
    meta: QuestionnaireFile
    profile: tuple[ProfileQuestion, ...]
    scales: Mapping[str, Scale]
    dimensions: tuple[DimensionFile, ...]
    stages: tuple[Stage, ...]
    dimension_weights: Mapping[str, Mapping[str, float]]
    red_flags: tuple[RedFlag, ...]
    references: Mapping[str, Reference]
    rules: tuple[Rule, ...] = ()
    levers: Mapping[str, Lever] = field(default_factory=dict)
    calendar: tuple[CalendarEntry, ...] = ()
    use_cases: tuple[UseCase, ...] = ()
    targets: TargetsFile | None = None
    comparisons: tuple[Comparison, ...] = ()
    consistency: tuple[ConsistencyCheck, ...] = ()
    plan_policy: PlanFile | None = None
    pulse: PulseFile | None = None
    questions: Mapping[str, Question] = field(init=False)
    dimension_of: Mapping[str, str] = field(init=False)
    profile_by_id: Mapping[str, ProfileQuestion] = field(init=False)

    def __post_init__(self) -> None:
        questions = {q.id: q for d in self.dimensions for q in d.questions}
        object.__setattr__(self, "questions", questions)
        object.__setattr__(
            self, "dimension_of", {q.id: d.id for d in self.dimensions for q in d.questions}
        )
        object.__setattr__(self, "profile_by_id", {q.id: q for q in self.profile})

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    def levels_of(self, question: Question) -> tuple[Level, ...]:
        """The five level descriptors of a question, from its own list or its scale."""
        if question.levels is not None:
            return question.levels
        return self.scales[question.scale or ""].levels

    def dimension(self, dimension_id: str) -> DimensionFile:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def weights_for(self, establishment_type: str | None) -> dict[str, float]:
        """Dimension weights for an establishment type: defaults, overridden where declared."""
        weights = dict(self.dimension_weights["default"])
        weights.update(self.dimension_weights.get(establishment_type or "", {}))
        return weights

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)


def default_root() -> Path:
    """Where the shipped questionnaires live (overridable with ``DIAGNOSTIC_QUESTIONNAIRES``)."""
    env = os.environ.get("DIAGNOSTIC_QUESTIONNAIRES")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "questionnaires"


def questionnaire_dirs(path: Path) -> list[Path]:
    """``path`` itself if it is a questionnaire directory, else the ones directly inside it."""
    if (path / "questionnaire.yaml").is_file():
        return [path]
    return sorted(p for p in path.iterdir() if (p / "questionnaire.yaml").is_file())


def read_document(path: Path, display: str, max_bytes: int = MAX_CONTENT_BYTES) -> YamlDocument:
    """Read one content file strictly; any refusal becomes a :class:`ContentError`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlProblem(
                "too_large",
                f"the file is {size // 1024} KB, above the {max_bytes // 1024} KB limit",
            )
        return parse(decode(path.read_bytes()))
    except YamlProblem as exc:
        hint = _YAML_HINTS.get(exc.kind, "")
        where = f"line {exc.line}" if exc.line else ""
        raise ContentError([ContentProblem(display, where, exc.detail, "", hint)]) from None
    except OSError as exc:
        problem = ContentProblem(display, "", f"cannot read the file ({exc.strerror})")
        raise ContentError([problem]) from None


_YAML_HINTS = {
    "too_large": "split the content into several files",
    "alias": "copy the value where it is needed; content files do not share values",
    "anchor": "remove the anchor and copy the value where it is needed",
    "tag": "remove the tag: content files hold plain text, numbers, lists and mappings only",
    "duplicate_key": "keep one of the two, or rename the second",
    "encoding": "save the file as UTF-8 text",
    "syntax": "check the indentation and the quotes around this line",
    "too_deep": "content is never nested this deep; check the indentation",
}


@dataclass(frozen=True)
class Source:
    """Where a piece of content came from, to point at it in later (cross-file) errors."""

    display: str
    doc: YamlDocument
    model: BaseModel


def validate_file(path: Path, model: type[M], display: str) -> tuple[M, Source]:
    """Read and validate one file into ``model``; problems become a :class:`ContentError`."""
    doc = read_document(path, display)
    if doc.data is None:
        raise ContentError([ContentProblem(display, "", "the file is empty", model.__name__)])
    try:
        validated = model.model_validate(doc.data)
        return validated, Source(display, doc, validated)
    except ValidationError as exc:
        raise ContentError(list(problems_from_validation(exc, model, doc, display))) from None


def load(path: Path | str) -> Questionnaire:
    """Load and cross-check one questionnaire directory, or raise :class:`ContentError`."""
    from diagnostic.content.crosscheck_advice import cross_check

    root = Path(path)
    problems: list[ContentProblem] = []
    parts: dict[str, Any] = {}
    sources: dict[str, Source] = {}

    def display(p: Path) -> str:
        try:
            return str(p.relative_to(Path.cwd()))
        except ValueError:
            return str(p)

    if not (root / "questionnaire.yaml").is_file():
        raise ContentError(
            [
                ContentProblem(
                    display(root), "", "no questionnaire.yaml here", "a questionnaire directory"
                )
            ]
        )
    for name, (model, required) in FILES.items():
        file = root / name
        if not file.is_file():
            if required:
                problems.append(ContentProblem(display(file), "", "required file is missing"))
            continue
        try:
            parts[name], sources[name] = validate_file(file, model, display(file))
        except ContentError as exc:
            problems.extend(exc.problems)
    dimensions: list[DimensionFile] = []
    dim_files = sorted((root / DIMENSIONS_DIR).glob("*.yaml"))
    if not dim_files:
        problems.append(
            ContentProblem(display(root / DIMENSIONS_DIR), "", "no dimension files (*.yaml)")
        )
    for file in dim_files:
        try:
            dimension, source = validate_file(file, DimensionFile, display(file))
            dimensions.append(dimension)
            sources[f"{DIMENSIONS_DIR}/{file.name}"] = source
        except ContentError as exc:
            problems.extend(exc.problems)
    for file in sorted((root / RULES_DIR).glob("*.yaml")):
        try:
            parts[f"{RULES_DIR}/{file.name}"], sources[f"{RULES_DIR}/{file.name}"] = validate_file(
                file, RulesFile, display(file)
            )
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)

    scoring: ScoringFile = parts["scoring.yaml"]
    questionnaire = Questionnaire(
        path=root,
        meta=parts["questionnaire.yaml"],
        profile=parts["profile.yaml"].questions,
        scales={s.id: s for s in parts.get("scales.yaml", ScalesFile()).scales},
        dimensions=tuple(dimensions),
        stages=scoring.stages,
        dimension_weights=scoring.dimension_weights,
        red_flags=parts.get("red_flags.yaml", RedFlagsFile()).red_flags,
        references={r.id: r for r in parts["references.yaml"].references},
        rules=tuple(
            r for key in sorted(parts) if key.startswith("rules") for r in parts[key].rules
        ),
        levers={lv.id: lv for lv in parts["levers.yaml"].levers} if "levers.yaml" in parts else {},
        calendar=parts["calendar.yaml"].entries if "calendar.yaml" in parts else (),
        use_cases=parts["use_cases.yaml"].use_cases if "use_cases.yaml" in parts else (),
        targets=parts.get("targets.yaml"),
        comparisons=(
            parts["benchmark_map.yaml"].comparisons if "benchmark_map.yaml" in parts else ()
        ),
        consistency=parts["consistency.yaml"].checks if "consistency.yaml" in parts else (),
        plan_policy=parts.get("plan.yaml"),
        pulse=parts.get("pulse.yaml"),
    )
    dim_sources = [sources[f"{DIMENSIONS_DIR}/{f.name}"] for f in dim_files]
    problems = cross_check(questionnaire, sources, dim_sources)
    if problems:
        raise ContentError(problems)
    return questionnaire


def load_default() -> Questionnaire:
    """The first shipped questionnaire (the app and CLI default)."""
    dirs = questionnaire_dirs(default_root())
    if not dirs:
        raise ContentError([ContentProblem(str(default_root()), "", "no questionnaire found")])
    return load(dirs[0])
