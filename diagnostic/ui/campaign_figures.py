"""The owner panel's figures and downloads: distributions per dimension, stages and red flags
(filterable by type and size band), the GHT view, and the campaign's files.

Everything is computed by :mod:`diagnostic.method.campaign_stats` and written by
:mod:`diagnostic.outputs.campaign_export` / :mod:`diagnostic.outputs.campaign_pdf`, from the same
rows, so the screen, the files and the command line agree. Files are built when their button is
clicked, not on every rerun.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message, number
from diagnostic.method.bands import size_label
from diagnostic.method.campaign_rows import CampaignInfo, CampaignRow
from diagnostic.method.campaign_stats import CampaignFilter, ght_view, ghts, summary
from diagnostic.outputs import campaign_export, plan_text
from diagnostic.outputs.campaign_chart import distribution_chart
from diagnostic.outputs.campaign_columns import header, status_label, type_label
from diagnostic.outputs.campaign_pdf import campaign_pdf
from diagnostic.outputs.wording import stage_name
from diagnostic.ui.safe import inline


def _score(value: float | None, lang: str) -> str:
    return "–" if value is None else number(value, lang, 1)


def filters(q: Questionnaire, rows: Sequence[CampaignRow], lang: str) -> CampaignFilter:
    """Type and size band pickers, offering the values the campaign's invitations use."""
    left, right = st.columns(2)
    types = sorted({r.establishment_type for r in rows})
    sizes = sorted({r.size_band for r in rows})
    everything = message("campaign.filter_all", lang)
    kind = left.selectbox(
        message("campaign.col.establishment_type", lang),
        [None, *types],
        format_func=lambda v: everything if v is None else type_label(q, v, lang),
        key="co-filter-type",
    )
    size = right.selectbox(
        message("campaign.col.size_band", lang),
        [None, *sizes],
        format_func=lambda v: everything if v is None else size_label(v, lang),
        key="co-filter-size",
    )
    return CampaignFilter(kind, size)


def distributions(q: Questionnaire, rows: Sequence[CampaignRow], lang: str) -> None:
    st.header(message("campaign.figures", lang))
    stats = summary(q, rows, filters(q, rows, lang))
    st.caption(message("campaign.figures_help", lang, n=stats.scored, invited=stats.invited))
    if stats.scored == 0:
        st.info(message("campaign_report.nothing_finished", lang))
        return
    st.altair_chart(distribution_chart(q, stats.dimensions, lang), width="stretch")
    heads = message("campaign_report.distribution_columns", lang).split("|")
    table = [
        [
            d.title.get(lang),
            *(
                ("–",) * 4
                if (x := stats.dimensions[d.id]) is None
                else (str(x.n), _score(x.q1, lang), _score(x.median, lang), _score(x.q3, lang))
            ),
        ]
        for d in q.dimensions
    ]
    st.dataframe(pd.DataFrame(table, columns=heads), hide_index=True, width="stretch")
    st.subheader(message("campaign_report.stages", lang))
    st.dataframe(
        pd.DataFrame(
            [[stage_name(q, s, lang), n] for s, n in stats.stages.items()],
            columns=[
                message("campaign_report.stages", lang),
                message("campaign_report.count", lang),
            ],
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(message("campaign_report.red_flags", lang))
    if not stats.red_flags:
        st.markdown(message("campaign_report.no_red_flags", lang))
    titles = {f.id: f.title.get(lang) for f in q.red_flags}
    for flag, count in stats.red_flags.items():
        st.markdown(
            f"- **{inline(titles.get(flag, flag))}** — "
            + message("campaign_report.flag_count", lang, n=count, of=stats.scored)
        )


def ght_panel(q: Questionnaire, rows: Sequence[CampaignRow], lang: str, today: date) -> None:
    names = ghts(rows)
    if not names:
        return
    st.header(message("campaign_report.ghts", lang))
    st.caption(message("campaign_report.ghts_help", lang))
    chosen = st.selectbox(message("campaign.col.ght", lang), names, key="co-ght")
    if chosen is None:
        return
    view = ght_view(q, rows, chosen, today)
    members = {
        header("name", lang): [m.name for m in view.members],
        header("establishment_type", lang): [
            type_label(q, m.establishment_type, lang) for m in view.members
        ],
        header("status", lang): [status_label(m.status, lang) for m in view.members],
        header("overall", lang): [_score(m.overall, lang) for m in view.members],
        header("stage", lang): [
            stage_name(q, m.stage, lang) if m.stage else "–" for m in view.members
        ],
    }
    for d in q.dimensions:
        members[d.short_title.get(lang)] = [_score(m.scores.get(d.id), lang) for m in view.members]
    st.dataframe(pd.DataFrame(members), hide_index=True, width="stretch")
    st.subheader(message("campaign_report.ght_priorities", lang))
    if view.finished == 0:
        st.markdown(message("campaign_report.ght_none_finished", lang))
        return
    if view.finished == 1:
        st.caption(message("campaign_report.ght_one_finished", lang))
    elif not view.priorities:
        st.markdown(message("campaign_report.ght_nothing_shared", lang))
    for rank, shared in enumerate(view.priorities, 1):
        line = message(
            "campaign_report.ght_priority_line",
            lang,
            rank=rank,
            title=plan_text.title(shared.item, lang),
            priority=shared.priority,
            count=shared.count,
            finished=view.finished,
            members=", ".join(shared.members),
        )
        st.markdown(inline(line))


def downloads(
    q: Questionnaire, info: CampaignInfo, rows: Sequence[CampaignRow], lang: str, today: date
) -> None:
    st.header(message("campaign.downloads", lang))
    files = (
        ("table", "csv", "text/csv", campaign_export.campaign_csv, "campaign.download_csv"),
        (
            "table",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            campaign_export.campaign_xlsx,
            "campaign.download_xlsx",
        ),
        ("report", "pdf", "application/pdf", None, "campaign.download_pdf"),
        ("pdfs", "zip", "application/zip", None, "campaign.download_zip"),
    )
    columns = st.columns(2)
    for index, (kind, extension, mime, build, label) in enumerate(files):
        if build is not None:
            data = functools.partial(build, q, info, rows, lang)
        elif kind == "report":
            data = functools.partial(campaign_pdf, q, info, rows, lang, today)
        else:
            data = functools.partial(campaign_export.establishments_zip, q, info, rows, lang, today)
        columns[index % 2].download_button(
            message(label, lang),
            data=data,
            file_name=campaign_export.file_name(kind, info, today, lang, extension),
            mime=mime,
            on_click="ignore",
            key=f"co-dl-{kind}-{extension}",
            width="stretch",
        )
    st.download_button(
        message("campaign.download_dictionary", lang),
        data=functools.partial(campaign_export.data_dictionary_csv, q, lang),
        file_name=campaign_export.file_name("dictionary", info, today, lang, "csv"),
        mime="text/csv",
        on_click="ignore",
        key="co-dl-dictionary",
    )
