"""The composed plan as JSON: every item in both languages, with owner, due date and reason."""

from __future__ import annotations

from typing import Any

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import LANGS
from diagnostic.method.composition import Composition, Item
from diagnostic.outputs import plan_text


def _both(fn: Any, *args: Any) -> dict[str, Any]:
    return {lang: fn(*args, lang) for lang in LANGS}


def source(q: Questionnaire, reference_id: str) -> dict[str, Any]:
    """A cited reference as the JSON shows it: who issued it, what kind, where to read it."""
    ref = q.references[reference_id]
    return {
        "id": ref.id,
        "issuer": ref.issuer,
        "kind": ref.kind,
        "title": ref.title,
        "date": ref.date,
        "url": ref.url,
        "note": ref.note.model_dump() if ref.note else None,
    }


def item(
    q: Questionnaire, comp: Composition, it: Item, section: str, budget: int
) -> dict[str, Any]:
    """One plan item; rule fields are empty for the "complete the diagnostic" workshop."""
    rule = it.rule
    banner = {lang: plan_text.indicative_banner(q, comp, lang) or "" for lang in LANGS}
    steps = [plan_text.steps(q, comp, it, lang) for lang in LANGS]
    return {
        "id": it.id,
        "section": section,
        "category": it.category,
        "dimension": rule.dimension if rule else None,
        "title": _both(plan_text.title, it),
        "description": _both(plan_text.description, it),
        "steps": [dict(zip(LANGS, parts, strict=True)) for parts in zip(*steps, strict=True)],
        "first_step": {lang: steps[i][0] for i, lang in enumerate(LANGS)},
        "priority": it.priority,
        "rule_priority": rule.priority if rule else it.priority,
        "horizon": it.horizon,
        "roadmap": it.roadmap,
        "due": it.due.isoformat(),
        "owner": rule.owner if rule else "dg",
        "owner_role": it.owner,
        "owner_label": _both(plan_text.role, it.owner),
        "effort": rule.effort if rule else "S",
        "references": list(it.action.references) if it.action else [],
        "sources": [source(q, r) for r in (it.action.references if it.action else ())],
        "levers": list(rule.levers) if rule else [],
        "because": (
            {k: list(v) for k, v in it.action.because.items()}
            if it.action
            else {k: [v] for k, v in banner.items()}
        ),
        "reason": {lang: plan_text.reason(q, it, lang, budget) for lang in LANGS},
        "red_flags": list(it.flags),
        "obligation": it.obligation,
        "tools": list(it.tools),
        "merged": list(it.action.merged) if it.action else [],
        "quick_win": bool(it.action and it.action.quick_win),
        "moved": it.moved,
    }


def composition(q: Questionnaire, comp: Composition) -> dict[str, Any]:
    """Confidence, priorities, the to-check list and what frames the plan."""
    conf = comp.confidence

    def one(c: Any) -> dict[str, Any]:
        return {
            "level": c.level,
            "dont_know_share": round(c.dont_know_share, 3),
            "evidence_share": round(c.evidence_share, 3),
            "answered": c.answered,
        }

    return {
        "confidence": {
            "overall": one(conf.overall),
            "dimensions": {k: one(v) for k, v in conf.dimensions.items()},
            "indicative": conf.indicative,
            "low_dimensions": list(conf.low_dimensions),
            "banner": {lang: plan_text.indicative_banner(q, comp, lang) for lang in LANGS},
        },
        "priorities": [i.id for i in comp.priorities],
        "socle": comp.socle,
        "shared_it": comp.shared_it,
        "workshop_roles": list(comp.workshop_roles),
        "set_aside": [a.id for a in comp.set_aside],
        "checklist": [
            {
                "question": c.question_id,
                "role": c.role,
                "text": {lang: q.questions[c.question_id].text.get(lang) for lang in LANGS},
                "ask": _both(plan_text.role, c.role),
            }
            for c in comp.checklist
        ],
    }
