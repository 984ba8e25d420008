"""A staff pulse's perception gaps inside the establishment's own diagnostic.

Two ends of one link. On the pulse owner's panel, :func:`offer` proposes to integrate the
comparison just computed with this session's self-assessment (never with an uploaded file: the
gaps would describe another diagnostic than the one the results page shows). The integration is
a small frozen :class:`~diagnostic.method.perception_summary.PerceptionSummary` kept in the
session. On the results page, :func:`report` builds the report with it, so the rules' actions
enter the plan and the documents, and :func:`render` shows the section and a button to remove it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method import perception_summary as link
from diagnostic.method.perception_gap import ItemComparison
from diagnostic.method.pulse_stats import PulseResults
from diagnostic.method.report import Report, build_report
from diagnostic.outputs import perception_text
from diagnostic.outputs.wording import long_date
from diagnostic.ui import resources, state
from diagnostic.ui.safe import escape
from diagnostic.workshop.pulse import PulseInfo


def report(q: Questionnaire, s: state.Session) -> Report:
    """The session's report, with the integrated pulse when it still describes these answers."""
    found = s.perception
    use = found if found is not None and link.applies(q, found, s.answers) else None
    return build_report(q, s.answers, resources.editions(), perception=use)


def _integrate(s: state.Session, summary: link.PerceptionSummary) -> None:
    s.perception = summary
    s.notices.append(("success", "perception.integrated"))


def _remove(s: state.Session) -> None:
    s.perception = None
    s.notices.append(("success", "perception.removed"))


def offer(
    q: Questionnaire,
    s: state.Session,
    info: PulseInfo,
    found: PulseResults,
    comparisons: Sequence[ItemComparison],
    today: date,
    lang: str,
) -> None:
    """The "integrate" button, once results are disclosed and compared with this session."""
    if found.overall is None:  # nothing disclosed: nothing to carry
        return
    summary = link.summarise(
        q,
        comparisons,
        s.answers,
        (info.title, info.opens_on, info.closes_on, info.state(today) == "closed"),
        found.n,
        found.min_group,
        today,
    )
    if s.perception is not None and link.applies(q, s.perception, s.answers):
        st.caption(
            message("perception.is_integrated", lang, read_on=long_date(s.perception.read_on, lang))
        )
    st.button(
        message("perception.integrate", lang),
        key="po-integrate",
        help=message("perception.integrate_help", lang),
        on_click=_integrate,
        args=(s, summary),
    )


def upload_only(lang: str) -> None:
    """Said when the management's answers came from a file: no integration is offered."""
    st.caption(message("perception.upload_only", lang))


def render(q: Questionnaire, s: state.Session, built: Report, lang: str) -> None:
    """The results page's section; nothing when no pulse is integrated."""
    summary = s.perception
    if summary is None:
        return
    st.subheader(perception_text.heading(lang))
    if built.perception is None:
        st.warning(message("perception.stale", lang))
    else:
        texts = perception_text.findings(built, lang)
        for text in texts:
            st.warning(escape(text))
        if texts:
            st.caption(message("perception.in_plan", lang))
        else:
            st.success(message("pulse.no_finding", lang))
    st.caption(escape(perception_text.source_line(summary, lang)))
    st.button(
        message("perception.remove", lang), key="perception-remove", on_click=_remove, args=(s,)
    )
