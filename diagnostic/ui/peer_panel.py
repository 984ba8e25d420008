"""The peer panel on a results screen: median and quartiles of the establishments of the same type
and size band that shared their results, and where this establishment stands.

Shown only when :func:`diagnostic.method.peer_stats.peer_panel` publishes the group (at least
``DIAGNOSTIC_MIN_GROUP`` contributions, and not hidden by complementary suppression); otherwise
one sentence says the group is too small, with the threshold and never the group's size.
Read from the database at each run, so a withdrawal disappears from the next display.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from diagnostic.i18n import message, number
from diagnostic.method import bands, disclosure
from diagnostic.method.peer_stats import Cell, TooSmall, peer_panel, standing
from diagnostic.method.report import Report
from diagnostic.outputs.wording import score_text, stage_name
from diagnostic.ui import resources
from diagnostic.ui.safe import escape
from diagnostic.workshop import peer_pool

log = logging.getLogger(__name__)


def render(report: Report, lang: str, key_prefix: str = "") -> None:
    """The panel for the report's type and size band, or why it is not shown.

    ``key_prefix`` is accepted for symmetry with :func:`diagnostic.ui.peer_optin.render`; the
    panel draws no widget that needs one.
    """
    del key_prefix
    etype = report.scores.establishment_type or ""
    size = bands.size_band(report.answers.profile)
    if not etype or size == bands.UNKNOWN:
        st.caption(message("peer.panel.needs_profile", lang))
        return
    try:
        min_group = disclosure.configured_min_group()
        pool = peer_pool.pool_for(resources.engine(), report.questionnaire)
    except Exception:  # a bad setting or the store being down must not break the results
        log.exception("peer panel unavailable")
        return
    result = peer_panel(pool, etype, size, min_group)
    st.subheader(
        message(
            "peer.panel.heading",
            lang,
            type=escape(_type_label(report, etype, lang)),
            size=escape(bands.size_label(size, lang)),
        )
    )
    if isinstance(result, TooSmall):
        key = "peer.panel.suppressed" if result.suppressed else "peer.panel.too_small"
        st.info(message(key, lang, min=result.min_group))
        return
    _table(report, result, lang)
    _stages(report, result, min_group, lang)


def _type_label(report: Report, etype: str, lang: str) -> str:
    field = next((p for p in report.questionnaire.profile if p.id == "establishment_type"), None)
    options = field.options if field else ()
    return next((o.label.get(lang) for o in options if o.id == etype), etype)


def _table(report: Report, panel: Cell, lang: str) -> None:
    q = report.questionnaire
    st.caption(message("peer.panel.intro", lang, n=panel.n))
    heads = message("peer.panel.columns", lang).split("|")
    own = {d.dimension_id: d.score for d in report.scores.dimensions}
    rows: list[dict[str, str]] = []
    for stat in panel.dimensions:
        dist, mine = stat.distribution, own.get(stat.dimension_id)
        rows.append(
            {
                heads[0]: q.dimension(stat.dimension_id).title.get(lang),
                heads[1]: score_text(mine, lang),
                heads[2]: _figure(dist.median, lang),
                heads[3]: f"{_figure(dist.q1, lang)} – {_figure(dist.q3, lang)}",
                heads[4]: "–"
                if mine is None
                else message(_STANDING[standing(round(mine), dist)], lang),
            }
        )
    # A static table wraps the dimension names, so every column fits on a laptop or a phone;
    # it renders Markdown, so every cell is escaped.
    table = pd.DataFrame([{k: escape(v) for k, v in row.items()} for row in rows])
    st.table(table, hide_index=True)


def _figure(value: float, lang: str) -> str:
    """Whole points as shown for the establishment's own scores; a half where quartiles fall."""
    return number(value, lang, 0 if float(value).is_integer() else 1)


# Literal keys, so that the catalogue test sees each of them.
_STANDING = {
    "below_q1": "peer.standing.below_q1",
    "q1_to_median": "peer.standing.q1_to_median",
    "median_to_q3": "peer.standing.median_to_q3",
    "above_q3": "peer.standing.above_q3",
}


def _stages(report: Report, panel: Cell, min_group: int, lang: str) -> None:
    st.markdown("**" + message("peer.panel.stages", lang) + "**")
    hidden = message("peer.panel.hidden_count", lang, min=min_group)
    lines = [
        "- "
        + escape(
            message(
                "peer.panel.stage_line",
                lang,
                stage=stage_name(report.questionnaire, stage, lang),
                count=hidden if count is None else count,
            )
        )
        for stage, count in panel.stages
    ]
    st.markdown("\n".join(lines))
