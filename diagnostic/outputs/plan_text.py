"""Words for the composed plan, shared by the screen, the command line, the PDF and the JSON.

Every output says the same thing about an item (title, owner, due date, first step, why it is
there), so the sentences are built here once, from the locale files.
"""

from __future__ import annotations

from datetime import date

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, number, percent
from diagnostic.method.composition import WORKSHOP_ID, Composition, Item
from diagnostic.method.confidence import Confidence
from diagnostic.outputs.wording import long_date

ROADMAP_BUCKETS = ("30", "90", "365")


def day(value: date, lang: str) -> str:
    return long_date(value, lang)


def role(role_id: str, lang: str) -> str:
    return message(f"plan.role.{role_id}", lang)


def worded(item: Item, text: str, lang: str) -> str:
    """The rule's wording with the bodies this type lacks replaced (``terms`` in plan.yaml)."""
    for term in item.terms:
        if term.lang == lang:
            text = text.replace(term.find, term.replace)
    return text


def title(item: Item, lang: str) -> str:
    if item.rule is None:
        return message("plan.workshop.title", lang)
    return worded(item, item.rule.title.get(lang), lang)


def description(item: Item, lang: str) -> str:
    if item.rule is None:
        return message("plan.workshop.description", lang)
    return worded(item, item.rule.description.get(lang), lang)


def steps(q: Questionnaire, comp: Composition, item: Item, lang: str) -> list[str]:
    """The rule's steps, then one sub-step per declared tool concerned."""
    if item.rule is None:
        roles = ", ".join(role(r, lang) for r in comp.workshop_roles)
        return [
            message("plan.workshop.step1", lang, roles=roles),
            message("plan.workshop.step2", lang),
            message("plan.workshop.step3", lang),
        ]
    out = [worded(item, s.get(lang), lang) for s in item.rule.steps]
    labels = {o.id: o.label.get(lang) for o in q.profile_by_id["ai_tools"].options}
    key = f"plan.tool_step.{item.rule.topic}"
    out += [message(key, lang, tool=labels.get(t, t)) for t in item.tools]
    return out


def because(item: Item, lang: str) -> str:
    if item.action is None:
        return ""
    return "; ".join(item.action.because[lang])


def reason(q: Questionnaire, item: Item, lang: str, first_quarter: int) -> str:
    """Why the item sits where it does, in the published order."""
    if item.category == "red_flag":
        titles = {f.id: f.title.get(lang) for f in q.red_flags}
        text = message(
            "plan.reason.red_flag", lang, flags=" ; ".join(titles.get(f, f) for f in item.flags)
        )
    elif item.category == "upcoming":
        entry = next(e for e in q.calendar if e.id == item.obligation)
        text = message("plan.reason.upcoming", lang, date=long_date(entry.date, lang))
    elif item.category == "gap" and item.rule is not None:
        text = message(
            "plan.reason.gap",
            lang,
            priority=item.priority,
            gap=number(round(item.weighted_gap, 1), lang),
            dimension=q.dimension(item.rule.dimension).title.get(lang),
        )
    else:
        text = message(f"plan.reason.{item.category}", lang)
    if item.moved:
        text += " — " + message("plan.reason.moved", lang, n=first_quarter)
    return text


def confidence(conf: Confidence, lang: str) -> str:
    """ "Confiance : élevée (2 % de « je ne sais pas »)", for running text."""
    return message("plan.confidence_line", lang, value=confidence_value(conf, lang))


def confidence_value(conf: Confidence, lang: str) -> str:
    """ "élevée (2 % de « je ne sais pas »)", beside a "Confiance" label."""
    return message(
        "plan.confidence_value",
        lang,
        level=message(f"plan.confidence.{conf.level}", lang),
        share=percent(conf.dont_know_share * 100, lang),
    )


def indicative_banner(q: Questionnaire, comp: Composition, lang: str) -> str | None:
    """Why the stage is only indicative, or None when it is not."""
    report = comp.confidence
    if not report.indicative or q.plan_policy is None:
        return None
    dims = ""
    if report.low_dimensions:
        names = ", ".join(q.dimension(d).title.get(lang) for d in report.low_dimensions)
        dims = message("plan.indicative_dims", lang, dims=names)
    return message(
        "plan.indicative_banner",
        lang,
        share=percent(report.overall.dont_know_share * 100, lang),
        dims=dims,
        threshold=percent(q.plan_policy.confidence.low_dont_know_share * 100, lang),
    )


def coverage_explained(q: Questionnaire, lang: str) -> str:
    policy = q.plan_policy
    low = policy.confidence.low_dont_know_share if policy else 0.4
    medium = policy.confidence.medium_dont_know_share if policy else 0.2
    return message(
        "plan.coverage_explained",
        lang,
        low=percent(low * 100, lang),
        medium=percent(medium * 100, lang),
    )


def context_lines(q: Questionnaire, comp: Composition, group: str, lang: str) -> list[str]:
    """The socle and shared-IT notes that frame the plan (none for a large hospital)."""
    out = []
    if comp.socle and q.plan_policy is not None:
        support = group if group in ("ght_member", "ght_support", "private_group") else "none"
        out.append(
            message(
                "plan.socle_banner",
                lang,
                n=q.plan_policy.budgets.socle,
                support=message(f"plan.support.{support}", lang),
            )
        )
    if comp.shared_it:
        out.append(message(f"plan.shared_it.{comp.shared_it}", lang))
    return out


def priority_line(item: Item, lang: str) -> str:
    return message(
        "plan.priority_line",
        lang,
        title=title(item, lang),
        owner=role(item.owner, lang),
        due=day(item.due, lang),
    )


def milestones(comp: Composition, today: date, lang: str) -> list[str]:
    """What happens at 30, 90 and 365 days: how many actions fall due by each."""
    days = {"30": 30, "90": 90, "365": 365}
    out = []
    for bucket in ROADMAP_BUCKETS:
        items = comp.bucket(bucket)
        if not items:  # "0 action(s)" reads as an instruction to wait; say nothing instead
            continue
        out.append(
            message(
                "plan.milestone",
                lang,
                label=message(f"roadmap.{bucket}", lang),
                due=day(date.fromordinal(today.toordinal() + days[bucket]), lang),
                count=len(items),
            )
            + ("" if not items else " — " + "; ".join(title(i, lang) for i in items))
        )
    return out


def check_lines(q: Questionnaire, comp: Composition, lang: str) -> list[str]:
    return [
        message(
            "plan.check_line",
            lang,
            question=q.questions[c.question_id].text.get(lang),
            role=role(c.role, lang),
        )
        for c in comp.checklist
    ]


def is_workshop(item: Item) -> bool:
    return item.id == WORKSHOP_ID
