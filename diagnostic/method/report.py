"""One report object: everything the screen, the PDF and the command line show.

``build_report`` runs the whole pipeline once — score, compare, apply rules, plan, calendar,
readiness — and returns an immutable :class:`Report`. Every output is a view of this object, so
the screen and the PDF can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from diagnostic.content import provenance
from diagnostic.content.benchmark_data import EditionFile
from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.method import composition, consistency, deadlines, plan, readiness, rules
from diagnostic.method.answers import Answers
from diagnostic.method.benchmarks import BenchmarkComparison, compare
from diagnostic.method.perception_summary import PerceptionSummary, gaps_of
from diagnostic.method.scoring import ScoreResult, score
from diagnostic.method.targets import gaps as target_gaps
from diagnostic.method.targets import targets_for
from diagnostic.outputs import plan_json


@dataclass(frozen=True)
class Report:
    """The whole diagnostic for one set of answers, on one date."""

    questionnaire: Questionnaire
    answers: Answers
    scores: ScoreResult
    targets: Mapping[str, float]
    benchmarks: BenchmarkComparison
    plan: plan.Plan
    deadlines: tuple[deadlines.Deadline, ...]
    readiness: tuple[readiness.Readiness, ...]
    generated_on: date
    composition: composition.Composition
    findings: tuple[consistency.Finding, ...] = ()
    perception: PerceptionSummary | None = None  # an integrated staff pulse, see build_report

    @property
    def establishment_name(self) -> str:
        name = self.answers.profile.get("establishment_name")
        return name if isinstance(name, str) else ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly view (ids, numbers and texts; no Python objects).

        ``plan`` lists the composed plan in its published order, "to consider next" last.
        """
        q, comp = self.questionnaire, self.composition
        budget = q.plan_policy.budgets.first_quarter if q.plan_policy else 8
        pulse = {"perception": self.perception.to_dict()} if self.perception else {}
        return {
            "questionnaire": {"id": self.questionnaire.id, "version": self.questionnaire.version},
            "generated_on": self.generated_on.isoformat(),
            "content_reviewed_on": self.questionnaire.meta.reviewed_on,
            "content_stale": provenance.is_stale(self.questionnaire, self.generated_on),
            "establishment_name": self.establishment_name,
            "profile": {
                k: list(v) if isinstance(v, tuple) else v for k, v in self.answers.profile.items()
            },
            "scores": self.scores.to_dict(),
            "findings": [
                {
                    "id": f.id,
                    "title": f.check.title.model_dump(),
                    "explanation": f.check.explanation.model_dump(),
                    "quotes": [
                        {"subject": x.subject, "question": x.question, "answer": x.answer}
                        for x in f.quotes
                    ],
                }
                for f in self.findings
            ],
            **pulse,
            "targets": dict(self.targets),
            "benchmarks": _plain(asdict(self.benchmarks)),
            "plan": [
                *(plan_json.item(q, comp, i, "plan", budget) for i in comp.items),
                *(plan_json.item(q, comp, i, "later", budget) for i in comp.later),
            ],
            "composition": plan_json.composition(q, comp),
            "strengths": [
                {
                    "dimension": s.dimension_id,
                    "score": s.score,
                    "evidence": [list(e) for e in s.evidence],
                }
                for s in self.plan.strengths
            ],
            "calendar": [
                {
                    "id": d.entry.id,
                    "date": d.entry.date,
                    "title": d.entry.title.model_dump(),
                    "past": d.past,
                    "status": d.entry.status,
                    "state": d.state,
                    "meaning": d.entry.meaning.model_dump(),
                    "caveat": d.entry.caveat.model_dump() if d.entry.caveat else None,
                    "references": [plan_json.source(q, r) for r in d.entry.references],
                }
                for d in self.deadlines
            ],
            "use_cases": [
                {
                    "id": r.use_case.id,
                    "title": r.use_case.title.model_dump(),
                    "status": r.status,
                    "missing": list(r.missing),
                    "blockers": list(r.blockers),
                }
                for r in self.readiness
            ],
        }


def _plain(value: Any) -> Any:
    """Turn pydantic models left inside dataclass dumps into plain data."""
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def gather_facts(answers: Answers, scores: ScoreResult, gaps: Mapping[str, float]) -> Facts:
    """Everything rules and use cases may look at, once scoring is done."""
    return Facts(
        profile=answers.profile,
        answers=answers.answers,
        dimension_scores=scores.dimension_scores,
        red_flags=frozenset(f.flag_id for f in scores.red_flags),
        gaps=gaps,
    )


def build_report(
    q: Questionnaire,
    answers: Answers,
    editions: Mapping[str, EditionFile],
    *,
    edition: str | None = None,
    today: date | None = None,
    perception_gaps: Mapping[str, float] | None = None,
    perception: PerceptionSummary | None = None,
) -> Report:
    """Run the pipeline once for these answers (``perception_gaps``: the staff pulse's findings,
    see :mod:`diagnostic.method.perception_gap`; without them the plan is the self-assessment's).

    ``perception``: a pulse integrated into this diagnostic; its gaps feed the rules and the
    report carries it to every output (see :mod:`diagnostic.method.perception_summary`).
    """
    scores = score(q, answers)
    targets = targets_for(q, answers.profile)
    gaps = target_gaps(targets, scores)
    facts = replace(
        gather_facts(answers, scores, gaps), perception_gaps=gaps_of(perception, perception_gaps)
    )
    applied = rules.evaluate(q, facts)
    day = today or date.today()
    the_plan = plan.build(q, answers, scores, applied, gaps)
    return Report(
        questionnaire=q,
        answers=answers,
        scores=scores,
        targets=targets,
        benchmarks=compare(q, answers, scores, editions, edition),
        plan=the_plan,
        deadlines=deadlines.personalise(q, facts, day),
        readiness=readiness.assess(q, facts),
        generated_on=day,
        findings=consistency.find(q, facts),
        composition=composition.compose(q, answers, scores, the_plan, facts, day),
        perception=perception,
    )
