"""The composed plan as plain text lines, for the command line (``diagnostic report [--why]``).

With ``why``, each action also shows the rule, the rules merged into it and the reason for its
place in the published order, and the actions set aside because only "don't know" answers
called for them are listed, so content authors can see why the plan came out this way.
"""

from __future__ import annotations

from diagnostic.i18n import message
from diagnostic.method.composition import Item
from diagnostic.method.report import Report
from diagnostic.outputs import plan_text
from diagnostic.outputs.wording import references_line


def _heading(title: str) -> list[str]:
    return ["", title, "=" * len(title)]


def _budget(report: Report) -> int:
    policy = report.questionnaire.plan_policy
    return policy.budgets.first_quarter if policy else 8


def priorities(report: Report, lang: str) -> list[str]:
    """ "Your priorities": at most five, each with owner, due date, trigger and first step."""
    comp = report.composition
    out = [*_heading(message("plan.priorities", lang)), message("plan.priorities_help", lang)]
    for n, item in enumerate(comp.priorities, start=1):
        out.append(f"{n}. [{item.priority}] {plan_text.priority_line(item, lang)}")
        if item.action is not None:
            out.append(
                "   " + message("plan.triggered_by", lang, because=plan_text.because(item, lang))
            )
        step = plan_text.steps(report.questionnaire, comp, item, lang)[0]
        out.append("   " + message("plan.first_step", lang, step=step))
    return out


def _item(report: Report, n: int, item: Item, lang: str, why: bool) -> list[str]:
    q, comp = report.questionnaire, report.composition
    rule = item.rule
    marker = (
        f" [{message('report.quick_win', lang)}]" if item.action and item.action.quick_win else ""
    )
    out = [f"{n}. [{item.priority}] {plan_text.title(item, lang)}{marker}"]
    effort = message(f"effort.{rule.effort if rule else 'S'}", lang)
    out.append(
        "   "
        + message(
            "plan.owner_due",
            lang,
            owner=plan_text.role(item.owner, lang),
            due=plan_text.day(item.due, lang),
            effort=effort,
        )
    )
    if item.action is not None:
        out.append("   " + message("report.because", lang, because=plan_text.because(item, lang)))
    out += [f"   - {s}" for s in plan_text.steps(q, comp, item, lang)]
    if item.action is not None:
        out.append("   " + references_line(q, item.action.references, lang))
    if rule is not None and rule.levers:
        levers = ", ".join(q.levers[lv].title.get(lang) for lv in rule.levers)
        out.append("   " + message("report.levers", lang, levers=levers))
    if why:
        out.append(
            "   "
            + message("plan.why", lang, reason=plan_text.reason(q, item, lang, _budget(report)))
        )
        out.append("   " + message("plan.why_rule", lang, rule=item.id))
        if item.action is not None and item.action.merged:
            out.append(
                "   " + message("plan.why_merged", lang, rules=", ".join(item.action.merged))
            )
    return out


def plan(report: Report, lang: str, why: bool = False) -> list[str]:
    """Confidence banner, context, the plan, to check, to consider next, roadmap."""
    q, comp = report.questionnaire, report.composition
    out = priorities(report, lang)
    out += _heading(message("report.plan", lang))
    out += plan_text.context_lines(
        q, comp, str(report.answers.profile.get("group_membership", "")), lang
    )
    for n, item in enumerate(comp.items, start=1):
        out += _item(report, n, item, lang, why)
    if comp.checklist:
        out += _heading(message("plan.checklist", lang))
        out.append(message("plan.checklist_help", lang))
        out += [f"- {line}" for line in plan_text.check_lines(q, comp, lang)]
    if comp.later:
        out += _heading(message("plan.later", lang))
        policy = q.plan_policy
        out.append(
            message("plan.later_help", lang, n=policy.budgets.plan if policy else len(comp.items))
        )
        for n, item in enumerate(comp.later, start=len(comp.items) + 1):
            if why:
                out += _item(report, n, item, lang, why)
            else:
                owner = plan_text.role(item.owner, lang)
                out.append(f"{n}. [{item.priority}] {plan_text.title(item, lang)} ({owner})")
    if why and comp.set_aside:
        out += _heading(message("plan.set_aside", lang))
        for action in comp.set_aside:
            out.append(f"- {action.id}: {action.rule.title.get(lang)}")
            out.append(
                "  " + message("report.because", lang, because="; ".join(action.because[lang]))
            )
    out += _heading(message("report.roadmap", lang))
    for bucket in ("30", "90", "365", "later"):
        titles = [plan_text.title(i, lang) for i in comp.bucket(bucket)]
        out.append(message(f"roadmap.{bucket}", lang) + f" ({len(titles)})")
        out += [f"  - {t}" for t in titles]
    return out
