"""The report as plain text, for the command line (``diagnostic report``)."""

from __future__ import annotations

from diagnostic.i18n import message, number, percent
from diagnostic.method.report import Report
from diagnostic.outputs import perception_text, plan_lines, plan_text
from diagnostic.outputs.wording import (
    benchmark_sentence,
    comparison_note,
    freshness_lines,
    long_date,
    score_text,
    stage_name,
    target_line,
)


def table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _heading(title: str) -> list[str]:
    return ["", title, "=" * len(title)]


def findings_lines(report: Report, lang: str) -> list[str]:
    """Contradictory answers, each with the answers quoted side by side (nothing when none)."""
    if not report.findings:
        return []
    out = [*_heading(message("findings.heading", lang)), message("findings.help", lang)]
    for finding in report.findings:
        out.append(f"? {finding.check.title.get(lang)}")
        for x in finding.quotes:
            out.append(
                "  "
                + message("findings.quote", lang, question=x.question[lang], answer=x.answer[lang])
            )
        out.append(f"  {finding.check.explanation.get(lang)}")
    return out


def render(report: Report, lang: str, why: bool = False) -> str:
    """The whole report; ``why`` adds, for each action, its rule and the reason for its place."""
    q, s = report.questionnaire, report.scores
    out = [
        message("report.heading", lang)
        + (f" — {report.establishment_name}" if report.establishment_name else "")
    ]
    out.append(
        message(
            "report.generated",
            lang,
            date=long_date(report.generated_on, lang),
            questionnaire=q.meta.title.get(lang),
            version=q.version,
        )
    )
    out += freshness_lines(q, report.generated_on, lang)
    out += [
        "",
        message(
            "report.overall",
            lang,
            stage=stage_name(q, s.stage, lang),
            score=score_text(s.overall, lang).split("/")[0],
        ),
    ]
    if s.stage:
        out.append(q.stage(s.stage).description.get(lang))
    if s.stage != s.uncapped_stage:
        out.append(message("report.capped", lang, stage=stage_name(q, s.uncapped_stage, lang)))
    out.append(plan_text.confidence(report.composition.confidence.overall, lang))
    if banner := plan_text.indicative_banner(q, report.composition, lang):
        out.append("⚠ " + banner)
    if s.red_flags:
        out += _heading(message("report.red_flags", lang))
        for raised in s.red_flags:
            flag = next(f for f in q.red_flags if f.id == raised.flag_id)
            out += [f"! {flag.title.get(lang)}", f"  {flag.explanation.get(lang)}"]

    out += _heading(message("report.dimensions", lang))
    rows = [
        [
            *message("report.dimension_columns", lang).split("|"),
            message("plan.confidence_column", lang),
        ]
    ]
    confidence = report.composition.confidence.dimensions
    for d, cmp in zip(s.dimensions, report.benchmarks.dimensions, strict=True):
        conf = confidence.get(d.dimension_id)
        rows.append(
            [
                q.dimension(d.dimension_id).title.get(lang),
                score_text(d.score, lang),
                "–" if cmp.target is None else number(cmp.target, lang),
                "–" if cmp.gap is None else number(-cmp.gap, lang),
                stage_name(q, d.stage_id, lang),
                percent(d.coverage * 100, lang),
                "–" if d.visibility is None else percent(d.visibility * 100, lang),
                "–" if conf is None else message(f"plan.confidence.{conf.level}", lang),
            ]
        )
    out += table(rows)
    out.append(plan_text.coverage_explained(q, lang))

    bench = report.benchmarks
    out += _heading(message("report.benchmarks", lang, edition=bench.edition or "–"))
    if not bench.indicators:
        out.append(message("report.no_benchmarks", lang))
    for ic in bench.indicators:
        line = "- " + benchmark_sentence(q, ic, lang)
        if ic.position:
            line += " — " + message(
                "report.position", lang, position=message(f"position.{ic.position}", lang)
            )
        out.append(line)
        out.append("  (" + comparison_note(ic, lang) + ")")
    out += ["- " + target_line(ind, lang) for ind in bench.targets]

    out += findings_lines(report, lang)
    out += perception_text.lines(report, lang)
    out += plan_lines.plan(report, lang, why)

    out += _heading(message("report.strengths", lang))
    for strength in report.plan.strengths:
        title = q.dimension(strength.dimension_id).title.get(lang)
        out.append(f"- {title} ({score_text(strength.score, lang)})")
        for qid, level in strength.evidence:
            question = q.questions[qid]
            label = next(lv.label.get(lang) for lv in q.levels_of(question) if lv.level == level)
            out.append(f"  · {question.text.get(lang)} → {label}")

    out += _heading(message("report.calendar", lang))
    for deadline in report.deadlines:
        state = message(deadline.state_key, lang)
        out.append(
            f"- {long_date(deadline.entry.date, lang)} ({state}) — {deadline.entry.title.get(lang)}"
        )
        out.append(f"  {deadline.entry.meaning.get(lang)}")
        if deadline.entry.caveat:
            out.append(f"  ⚠ {deadline.entry.caveat.get(lang)}")

    out += _heading(message("report.use_cases", lang))
    for r in report.readiness:
        out.append(f"- {r.use_case.title.get(lang)} : {message(f'status.{r.status}', lang)}")
        if r.blockers:
            out += [f"  ⚠ {b.get(lang, b['fr'])}" for b in r.blockers]
        if r.missing and r.status == "ready_once":
            items = "; ".join(m.get(lang, m["fr"]) for m in r.missing)
            out.append("  " + message("report.missing", lang, items=items))
    return "\n".join(out) + "\n"
