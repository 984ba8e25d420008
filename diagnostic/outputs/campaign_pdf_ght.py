"""The GHT sections of the campaign PDF: members side by side and consolidated priorities.

How the priorities are chosen is :mod:`diagnostic.method.campaign_ght`'s docstring; this module
only words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, number
from diagnostic.method.campaign_rows import CampaignRow
from diagnostic.method.campaign_stats import GhtView, ght_view, ghts
from diagnostic.outputs import plan_text
from diagnostic.outputs.blocks import Builder
from diagnostic.outputs.campaign_columns import header, status_label, type_label
from diagnostic.outputs.wording import stage_name

PER_TABLE = 5  # members per table: a name and eight scores stay legible on A4
# Priorities printed per GHT: the most shared first; a committee acts on a short list, and the
# owner's screen (GhtView) still has them all.
SHOWN = 12


def _score(value: float | None, lang: str) -> str:
    return "–" if value is None else number(value, lang)


def members_tables(doc: Builder, q: Questionnaire, view: GhtView) -> None:
    """Scores side by side (one column per member, a few members per table), then statuses."""
    lang = doc.lang
    for start in range(0, len(view.members), PER_TABLE):
        chunk = view.members[start : start + PER_TABLE]
        rows = [
            [d.title.get(lang), *(_score(m.scores[d.id], lang) for m in chunk)]
            for d in q.dimensions
        ]
        rows.append([header("overall", lang), *(_score(m.overall, lang) for m in chunk)])
        rows.append(
            [
                header("stage", lang),
                *(stage_name(q, m.stage, lang) if m.stage else "–" for m in chunk),
            ]
        )
        width = (174 - 54) / PER_TABLE
        doc.table(
            [message("campaign_report.dimension", lang), *(m.name for m in chunk)],
            rows,
            (54, *(width,) * len(chunk)),
            size=7.5,
        )
    flags = {f.id: f.title.get(lang) for f in q.red_flags}
    heads = [header(c, lang) for c in ("name", "establishment_type", "status")]
    heads.append(header("red_flags", lang))
    rows = [
        [
            m.name,
            type_label(q, m.establishment_type, lang),
            status_label(m.status, lang),
            "; ".join(flags.get(f, f) for f in m.red_flags) or "–",
        ]
        for m in view.members
    ]
    doc.table(heads, rows, (40, 34, 26, 74), size=7.5)


def priorities(doc: Builder, view: GhtView) -> None:
    lang = doc.lang
    doc.para(message("campaign_report.ght_priorities", lang), size=10, style="B")
    if view.finished == 0:
        doc.para(message("campaign_report.ght_none_finished", lang), size=9)
        return
    if view.finished == 1:
        doc.para(message("campaign_report.ght_one_finished", lang), size=9, style="I")
    elif not view.priorities:
        doc.para(message("campaign_report.ght_nothing_shared", lang), size=9)
        return
    for rank, shared in enumerate(view.priorities[:SHOWN], 1):
        doc.para(
            message(
                "campaign_report.ght_priority_line",
                lang,
                rank=rank,
                title=plan_text.title(shared.item, lang),
                priority=shared.priority,
                count=shared.count,
                finished=view.finished,
                members=", ".join(shared.members),
            ),
            size=9,
        )
    if len(view.priorities) > SHOWN:
        more = len(view.priorities) - SHOWN
        doc.para(message("campaign_report.ght_more", lang, n=more), size=9, style="I")


def ght_sections(doc: Builder, q: Questionnaire, rows: Sequence[CampaignRow], today: date) -> None:
    """One sub-section per GHT of the campaign (none when no establishment names a GHT)."""
    names = ghts(rows)
    if not names:
        return
    lang = doc.lang
    doc.h1(message("campaign_report.ghts", lang))
    doc.para(message("campaign_report.ghts_help", lang), size=9)
    for name in names:
        view = ght_view(q, rows, name, today)
        doc.h2(message("campaign_report.ght_heading", lang, name=name, n=len(view.members)))
        members_tables(doc, q, view)
        priorities(doc, view)
