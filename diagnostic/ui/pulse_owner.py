"""The pulse owner's panel: link and QR code to project, the answer count, then the results.

Results stay hidden until the pulse is closed or has the minimum group size. Then each question's
shares for the disclosed groups, the three-way comparison (establishment declared / staff /
national barometer, with source and n), the findings and the recommendations they add to the
plan, and the PDF report. The management's answers come from this browser session's
self-assessment when there is one, else from an answers file the owner uploads.
"""

from __future__ import annotations

import contextlib
import io
from datetime import date

import pandas as pd
import segno
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.content.operators import PerceptionGap
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method import answers as answers_mod
from diagnostic.method import perception_gap as gap
from diagnostic.method.answers import Answers
from diagnostic.method.disclosure import configured_min_group
from diagnostic.method.pulse_stats import PulseResults, results
from diagnostic.method.report import build_report
from diagnostic.outputs import pulse_pdf, pulse_text
from diagnostic.outputs.exports import slug
from diagnostic.outputs.wording import long_date
from diagnostic.ui import perception_section, resources, state
from diagnostic.ui.pulse_create import ACCESS_KEY, STATUS_KEY, entry
from diagnostic.ui.safe import error_text, escape
from diagnostic.workshop import pulse as pulses

MANAGEMENT_KEY, UPLOAD_KEY = "po-management", "po-upload"
STATE_LABELS = {
    "not_open": "pulse.state_not_open",
    "open": "pulse.state_open",
    "closed": "pulse.state_closed",
}


def pulse_link(code: str) -> str:
    try:
        base = str(st.context.url or "").split("?")[0]
    except Exception:  # no request context (AppTest)
        base = ""
    return f"{base.rstrip('/')}/?pulse={code}"


def projection(info: pulses.PulseInfo, lang: str) -> None:
    """What may be projected: the link and its QR code (never the key)."""
    link = pulse_link(info.join_code)
    with st.expander(message("pulse.project_title", lang), expanded=True):
        left, right = st.columns([2, 1])
        left.caption(message("pulse.link_is", lang))
        left.code(link, language=None)
        buffer = io.BytesIO()
        segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
        right.image(
            buffer.getvalue(),
            caption=message("pulse.qr_caption", lang),
            alt=message("pulse.qr_alt", lang, title=info.title),
        )


def _close() -> None:
    try:
        pulses.close(resources.engine(), st.session_state.get(ACCESS_KEY))
    except InputError:
        st.session_state.pop(ACCESS_KEY, None)


def _delete(lang: str) -> None:
    with contextlib.suppress(InputError):  # already gone: the outcome is the same
        pulses.delete(resources.engine(), st.session_state.get(ACCESS_KEY))
    st.session_state.pop(ACCESS_KEY, None)
    st.session_state[STATUS_KEY] = ("success", message("pulse.deleted", lang))


def erase_box(lang: str) -> None:
    """Erase the pulse and every answer, after an explicit confirmation."""
    with st.expander(message("pulse.erase_title", lang)):
        sure = st.checkbox(message("pulse.erase_confirm", lang), key="po-erase-sure")
        st.button(
            message("pulse.erase", lang),
            key="po-erase",
            disabled=not sure,
            on_click=_delete,
            args=(lang,),
        )


def _management(s: state.Session, q: Questionnaire, lang: str) -> Answers | None:
    """This session's self-assessment, else an uploaded answers file (French errors kept)."""
    if s.answers.answers:
        st.caption(message("pulse.management_session", lang))
        return s.answers
    uploaded = st.file_uploader(
        message("pulse.management_upload", lang), type=["json", "yaml", "yml"], key=UPLOAD_KEY
    )
    if uploaded is not None:
        try:
            st.session_state[MANAGEMENT_KEY] = answers_mod.read(uploaded.getvalue(), q)
        except InputError as exc:
            st.error(error_text(exc, lang))
    found = st.session_state.get(MANAGEMENT_KEY)
    if not isinstance(found, Answers):
        st.info(message("pulse.management_missing", lang))
        return None
    return found


def _table(table: pulse_text.TextTable) -> None:
    st.table(pd.DataFrame([list(r) for r in table.rows], columns=list(table.headings)))


def _results(q: Questionnaire, found: PulseResults, lang: str) -> None:
    assert q.pulse is not None
    st.subheader(message("pulse.pdf_results", lang))
    if found.overall is None:
        st.info(message("pulse.too_few_overall", lang, k=found.min_group))
        return
    for item in q.pulse.questions:
        st.markdown(f"**{escape(item.text.get(lang))}**")
        _table(pulse_text.item_table(q, found, item, lang))
    if note := pulse_text.hidden_note(q, found, lang):
        st.caption(note)


def _plan_actions(q: Questionnaire, answers: Answers, gaps: dict[str, float], lang: str) -> None:
    """The recommendations the findings add to the plan (rules reading ``perception_gap``)."""
    report = build_report(q, answers, resources.editions(), perception_gaps=gaps)
    added = [
        a
        for a in report.plan.actions
        if any(isinstance(op, PerceptionGap) for op, _ in a.rule.when.walk())
    ]
    if added:
        st.markdown(message("pulse.plan_added", lang))
        for action in added:
            st.markdown(f"- {escape(action.rule.title.get(lang))}")


def render(q: Questionnaire, s: state.Session, lang: str) -> None:
    st.header(message("pulse.owner_title", lang))
    if q.pulse is None:
        st.error(message("pulse.no_content", lang))
        return
    access = st.session_state.get(ACCESS_KEY)
    engine = resources.engine()
    try:
        info = pulses.owned(engine, access) if access is not None else None
        count = pulses.answer_count(engine, access) if info else 0
    except InputError as exc:
        st.session_state.pop(ACCESS_KEY, None)
        st.error(error_text(exc, lang))
        info = None
    if info is None:
        entry(q, lang)
        return
    today = date.today()
    st.subheader(escape(info.title))
    st.caption(
        message(
            STATE_LABELS[info.state(today)],
            lang,
            opens=long_date(info.opens_on, lang),
            closes=long_date(info.closes_on, lang),
        )
    )
    projection(info, lang)
    st.metric(message("pulse.count", lang), count)
    st.button(message("pulse.refresh", lang), key="po-refresh")  # a rerun reads the new count
    if info.state(today) != "closed":
        st.button(message("pulse.close", lang), on_click=_close, key="po-close")
    k = configured_min_group()
    erase_box(lang)
    rows = pulses.answers(engine, access, k, today)
    if rows is None:
        st.info(message("pulse.hidden", lang, k=k, n=count))
        return
    found = results(q.pulse, rows, k)
    _results(q, found, lang)
    management = _management(s, q, lang)
    comparisons = gap.compare(
        q, found, resources.editions(), management.answers if management else None
    )
    st.subheader(message("pulse.pdf_comparison", lang))
    _table(pulse_text.comparison_table(q, comparisons, lang))
    st.subheader(message("pulse.pdf_findings", lang))
    texts = pulse_text.findings(q, comparisons, lang)
    for text in texts:
        st.warning(escape(text))
    if not texts:
        st.success(message("pulse.no_finding", lang))
    gaps = gap.perception_gaps(comparisons)
    if management is not None and gaps:
        _plan_actions(q, management, gaps, lang)
    if management is not None and management is s.answers:  # this session's own diagnostic only
        perception_section.offer(q, s, info, found, comparisons, today, lang)
    elif management is not None:
        perception_section.upload_only(lang)
    summary = pulse_pdf.PulseSummary(info.title, info.opens_on, info.closes_on, count)
    data = pulse_pdf.render(q, summary, found, comparisons, lang, today)
    name = "_".join(p for p in (message("pulse.file", lang), slug(info.title)) if p)
    st.download_button(
        message("pulse.download_pdf", lang),
        data=data,
        file_name=f"{name}_{today.isoformat()}_{lang}.pdf",
        mime="application/pdf",
        on_click="ignore",
        type="primary",
    )
