"""Sentences shared by every view of a report (screen, PDF, Word, command line).

Keeping them here means the PDF and the screen say the same thing in the same words.
"""

from __future__ import annotations

from datetime import date

from diagnostic.content.benchmark_data import Indicator
from diagnostic.content.loader import Questionnaire
from diagnostic.content.provenance import is_stale
from diagnostic.i18n import message, number, percent
from diagnostic.method.benchmarks import IndicatorComparison


def long_date(value: date | str | None, lang: str) -> str:
    """ "3 décembre 2026" / "3 December 2026"; "décembre 2026" or "2026" for a partial date.

    Accepts a date or the content's ``YYYY[-MM[-DD]]`` strings; anything else is returned as is,
    so a malformed value is still shown rather than lost.
    """
    if value is None:
        return "–"
    text = value.isoformat() if isinstance(value, date) else str(value)
    parts = text.split("-")
    if not all(p.isdigit() for p in parts) or len(parts) > 3 or len(parts[0]) != 4:
        return text
    if len(parts) == 1:
        return parts[0]
    month_number = int(parts[1])
    if not 1 <= month_number <= 12:
        return text
    month = message("date.months", lang).split("|")[month_number - 1]
    if len(parts) == 2:
        return message("date.month_year", lang, month=month, year=parts[0])
    day = int(parts[2])
    shown = message("date.first_day", lang) if day == 1 else str(day)
    return message("date.day_month_year", lang, day=shown, month=month, year=parts[0])


def score_text(value: float | None, lang: str) -> str:
    return message("report.not_scored", lang) if value is None else f"{number(value, lang)}/100"


def stage_name(q: Questionnaire, stage_id: str | None, lang: str) -> str:
    return q.stage(stage_id).name.get(lang) if stage_id else message("report.not_scored", lang)


def figure(ic: IndicatorComparison, lang: str) -> str:
    value = ic.indicator.value
    decimals = 0 if float(value).is_integer() else 1
    if ic.indicator.unit == "percent":
        return percent(value, lang, decimals)
    return number(value, lang, decimals)


def source_title(q: Questionnaire, reference_id: str) -> str:
    """The issuer; the figure's own period is printed beside it (the reference's may differ)."""
    ref = q.references.get(reference_id)
    return ref.issuer if ref else reference_id


def reference_label(q: Questionnaire, reference_id: str, lang: str) -> str:
    """ "CNIL — title [guidance]": who issued it, what it is, and what kind of source it is.

    Reports print this rather than the raw id, so a reader can tell an official text from a
    commentary at a glance.
    """
    ref = q.references.get(reference_id)
    if ref is None:
        return reference_id
    return f"{ref.issuer} — {ref.title} [{message(f'kind.{ref.kind}', lang)}]"


def references_line(q: Questionnaire, reference_ids: tuple[str, ...], lang: str) -> str:
    """The "References: …" line of a plan action, every source labelled by issuer and kind."""
    refs = "; ".join(reference_label(q, r, lang) for r in reference_ids)
    return message("report.references", lang, refs=refs)


def freshness_lines(q: Questionnaire, on: date, lang: str) -> list[str]:
    """ "Regulatory content up to date as of …", plus a warning when it is over six months old."""
    if q.meta.reviewed_on is None:
        return []
    reviewed = long_date(q.meta.reviewed_on, lang)
    lines = [message("report.content_reviewed", lang, date=reviewed)]
    if is_stale(q, on):
        lines.append(message("report.content_stale", lang, date=reviewed))
    return lines


def benchmark_sentence(q: Questionnaire, ic: IndicatorComparison, lang: str) -> str:
    """ "your declared share of trained staff: 30–60 %; staff declaring … : 6 %, n = 1,051 (…)"."""
    ind = ic.indicator
    n = f", n = {number(ind.sample_size, lang)}" if ind.sample_size else ""
    return message(
        "report.benchmark_line",
        lang,
        label=ic.establishment_label.get(lang) or ic.establishment_label["fr"],
        value=ic.establishment_value.get(lang) or ic.establishment_value["fr"],
        indicator=ind.label.get(lang),
        population=ind.population.get(lang),
        figure=figure(ic, lang),
        n=n,
        period=long_date(ind.period, lang),
        source=source_title(q, ind.reference),
    )


def comparison_note(ic: IndicatorComparison, lang: str) -> str:
    """Provenance, then what the comparison does not say, then the source's own caveat."""
    parts = [message(f"provenance.{ic.indicator.provenance}", lang)]
    if ic.note:
        parts.append(ic.note.get(lang) or ic.note["fr"])
    if ic.indicator.caveat:
        parts.append("⚠ " + ic.indicator.caveat.get(lang))
    return " — ".join(parts)


def target_line(ind: Indicator, lang: str) -> str:
    """A stated target with its author and date, and its caveat when the source has one."""
    head = message("report.stated_targets", lang)
    line = f"{head} — {ind.label.get(lang)} ({ind.author}, {long_date(ind.period, lang)})"
    if ind.caveat:
        line += " ⚠ " + ind.caveat.get(lang)
    return line
