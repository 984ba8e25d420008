"""Spreadsheet-safe CSV of a report: scores, plan and answers.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be run as a
formula by a spreadsheet, and so could one where spaces (or any other white space) come first:
spreadsheets skip them, so ``" =HYPERLINK(…)"`` is still a formula. Such cells get a leading
apostrophe, the usual neutraliser.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date
from typing import Literal

from diagnostic.i18n import as_lang, message
from diagnostic.method.report import Report
from diagnostic.outputs import plan_text

FileKind = Literal[
    "plan", "workshop_plan", "answers", "results", "workshop_answers", "workshop_consensus"
]
SLUG_LIMIT = 40

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
FORMULA_SIGNS = ("=", "+", "-", "@")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    # str.lstrip() drops every Unicode white space, no-break spaces included.
    risky = text.startswith(FORMULA_LEADS) or text.lstrip().startswith(FORMULA_SIGNS)
    return "'" + text if risky else text


def results_csv(report: Report, lang: str, include_comments: bool = True) -> bytes:
    """One CSV with a ``section`` column: dimension scores, actions, then every answer."""
    q = report.questionnaire
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "fr" else ",")
    writer.writerow(
        [message(f"csv.{c}", lang) for c in ("section", "id", "label", "value", "detail")]
    )
    rows: list[list[object]] = []
    for d, cmp in zip(report.scores.dimensions, report.benchmarks.dimensions, strict=True):
        score = "" if d.score is None else f"{d.score:.1f}"
        target = "" if cmp.target is None else f"{cmp.target:.0f}"
        rows.append(
            ["score", d.dimension_id, q.dimension(d.dimension_id).title.get(lang), score, target]
        )
    comp = report.composition
    for item in (*comp.items, *comp.later):  # the composed plan, in its published order
        effort = item.rule.effort if item.rule else "S"
        detail = f"{plan_text.role(item.owner, lang)} | {plan_text.day(item.due, lang)} | {effort}"
        rows.append(["action", item.id, plan_text.title(item, lang), item.priority, detail])
    for qid, value in report.answers.answers.items():
        comment = report.answers.comments.get(qid, "") if include_comments else ""
        rows.append(["answer", qid, q.questions[qid].text.get(lang), value, comment])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def slug(text: str | None, limit: int = SLUG_LIMIT) -> str:
    """ "CH Bêta — Île-de-France" → ``ch-beta-ile-de-france``: ASCII, safe in any file system."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    full = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(full) <= limit:
        return full
    cut = full[: limit + 1]  # a long name ends on a whole word when it has one to end on
    return (cut.rsplit("-", 1)[0] if "-" in cut else full[:limit]).rstrip("-")


def download_name(
    kind: FileKind, establishment: str | None, on: date, lang: str, extension: str
) -> str:
    """``plan-action-ia_ch-beta_2026-12-04_fr.pdf``: what, whose, when and in which language.

    Several downloads (two establishments, two languages, two dates) then never overwrite each
    other in a downloads folder. The establishment part is left out when there is no name.
    """
    code = as_lang(lang)
    parts = (message(f"file.{kind}", code), slug(establishment), on.isoformat(), code)
    return "_".join(p for p in parts if p) + "." + extension
