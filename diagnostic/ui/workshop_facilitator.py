"""Workshop facilitator: open a workshop, watch live results, agree (creation: workshop_create).

The facilitator key is shown once, at creation, on a step of its own. Every result screen needs a
:class:`~diagnostic.workshop_access.FacilitatorAccess` obtained from the key in this session;
nothing in the URL or in hand-set session state opens a workshop's data.
"""

from __future__ import annotations

import functools

import streamlit as st

from diagnostic import workshop, workshop_results
from diagnostic.content import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.report import Report, build_report
from diagnostic.ui import (
    deliverables,
    resources,
    workshop_create,
    workshop_dashboard,
    workshop_history,
)
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text, escape
from diagnostic.ui.wizard import option_label
from diagnostic.ui.workshop_create import ACCESS_KEY, CREATED_KEY, STATUS_KEY
from diagnostic.workshop_access import FacilitatorAccess, verify_key


def _access() -> FacilitatorAccess | None:
    value = st.session_state.get(ACCESS_KEY)
    return value if isinstance(value, FacilitatorAccess) else None


def _login(lang: str) -> None:
    ss = st.session_state
    try:
        ss[ACCESS_KEY] = verify_key(
            resources.engine(),
            str(ss.get("wf:id") or "").strip(),
            str(ss.get("wf:key") or "").strip(),
            client=current_client(),
        )
    except InputError as exc:
        ss.pop(ACCESS_KEY, None)
        ss[STATUS_KEY] = ("error", error_text(exc, lang))


def render(q: Questionnaire, lang: str) -> None:
    status = st.session_state.pop(STATUS_KEY, None)
    if status:
        getattr(st, status[0])(status[1])
    access = _access()
    if access is not None:
        try:
            _workshop_screen(q, access, lang)
            return
        except InputError as exc:  # expired access, deleted workshop
            st.session_state.pop(ACCESS_KEY, None)
            st.error(error_text(exc, lang))
    created = st.session_state.get(CREATED_KEY)
    if isinstance(created, workshop.CreatedWorkshop):
        workshop_create.key_step(created, lang)  # alone on screen: nothing here is projected
        return
    tab_open, tab_new = st.tabs([message("ws.open_title", lang), message("ws.create_title", lang)])
    with tab_open:
        _login_form(lang)
    with tab_new:
        workshop_create.create_form(q, lang)


def _login_form(lang: str) -> None:
    with st.form("ws-login"):
        st.text_input(message("ws.workshop_id", lang), key="wf:id", max_chars=40)
        st.text_input(message("ws.key", lang), key="wf:key", type="password", max_chars=200)
        st.form_submit_button(
            message("ws.open", lang), type="primary", on_click=_login, args=(lang,)
        )


def _workshop_screen(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    engine = resources.engine()
    info = workshop_results.workshop(engine, access, access.workshop_id)
    st.header(escape(info.title))
    workshop_create.projection(info.join_code, lang)
    live, agree, close = st.tabs(
        [
            message("ws.tab_live", lang),
            message("ws.tab_consensus", lang),
            message("ws.tab_manage", lang),
        ]
    )
    with live:
        if "ws-viewed" not in st.session_state:
            workshop_results.dashboard(engine, q, access, access.workshop_id)  # audited once
            st.session_state["ws-viewed"] = True
        workshop_dashboard.live_panel(q, access, lang)
    with agree:
        _consensus(q, access, lang)
    with close:
        _manage(q, access, lang)


def _set(q: Questionnaire, access: FacilitatorAccess, question_id: str, lang: str) -> None:
    value = st.session_state.get(f"wa:{question_id}")
    why = st.session_state.get(f"wr:{question_id}") or ""
    try:
        workshop_results.set_consensus(
            resources.engine(), q, access, access.workshop_id, question_id, value, why
        )
    except InputError as exc:
        st.session_state[STATUS_KEY] = ("error", error_text(exc, lang))


def _consensus(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    st.caption(message("ws.consensus_help", lang))
    # Only the live panel refreshes by itself; this reloads the answers given meanwhile.
    st.button(message("ws.refresh", lang), key="ws-refresh-consensus")
    for item in workshop_results.consensus_items(resources.engine(), q, access, access.workshop_id):
        question = q.questions[item.question_id]
        d = item.distribution
        spread = " · ".join(f"{lvl}: {n}" for lvl, n in enumerate(d.levels)) + f" · ? {d.dont_know}"
        with st.expander(
            escape(question.text.get(lang)) + ("  ✓" if item.agreed is not None else "")
        ):
            st.caption(message("ws.distribution", lang, spread=spread))
            options = [0, 1, 2, 3, 4, "dont_know", "not_applicable"]
            chosen = item.agreed if item.agreed is not None else item.proposal
            st.selectbox(
                message("ws.agreed", lang),
                options,
                index=options.index(chosen) if chosen in options else None,
                format_func=lambda v, question=question: option_label(q, question, v, lang),
                key=f"wa:{item.question_id}",
            )
            st.text_input(
                message("ws.rationale", lang),
                value=item.rationale,
                key=f"wr:{item.question_id}",
                max_chars=2000,
            )
            st.button(
                message("ws.record", lang),
                key=f"wb:{item.question_id}",
                on_click=_set,
                args=(q, access, item.question_id, lang),
            )


def _consolidated(
    q: Questionnaire, access: FacilitatorAccess, lang: str
) -> tuple[Report, tuple[str, ...]]:
    """The consolidated report and the disagreements, read from the database now."""
    engine = resources.engine()
    answers = workshop_results.consensus_answers(
        engine, q, access, access.workshop_id, fill_with_proposals=True
    )
    report = build_report(q, answers, resources.editions())
    disagreed = workshop_results.disagreements(engine, q, access, access.workshop_id)
    notes = tuple(
        message(
            "ws.disagreed_line",
            lang,
            question=q.questions[d.question_id].text.get(lang),
            low=d.low,
            high=d.high,
        )
        for d in disagreed
    )
    return report, notes


def _manage(q: Questionnaire, access: FacilitatorAccess, lang: str) -> None:
    engine = resources.engine()
    report, _ = _consolidated(q, access, lang)
    answers = report.answers
    st.subheader(message("ws.consolidated", lang))
    st.caption(message("ws.consolidated_help", lang))
    st.button(message("ws.refresh", lang), key="ws-refresh-plan")
    col1, col2 = st.columns(2)
    # Built at click time from the database, so answers given since the page was drawn count.
    fresh = functools.partial(_consolidated, q, access, lang)
    name = report.establishment_name
    deliverables.plan_buttons(col1, col2, fresh, lang, "workshop_plan", establishment=name)
    with_text = st.checkbox(message("ws.csv_with_comments", lang), key="ws-csv-text")
    col1.download_button(
        message("ws.export_csv", lang),
        data=functools.partial(
            workshop_results.export_answers_csv,
            engine,
            q,
            access,
            access.workshop_id,
            lang,
            include_comments=with_text,
        ),
        file_name=deliverables.file_name("workshop_answers", name, lang, "csv"),
        mime="text/csv",
        on_click="ignore",
    )
    col2.download_button(
        message("ws.export_consensus", lang),
        data=functools.partial(
            workshop_results.export_consensus, engine, q, access, access.workshop_id
        ),
        file_name=deliverables.file_name("workshop_consensus", name, lang, "json"),
        mime="application/json",
        on_click="ignore",
    )
    st.divider()
    workshop_history.render(
        q, workshop_results.workshop(engine, access, access.workshop_id), answers, lang
    )
    st.divider()
    if st.button(message("ws.close", lang), key="ws-close"):
        workshop_results.close_workshop(engine, access, access.workshop_id)
        st.success(message("ws.closed_done", lang))
    if st.checkbox(message("ws.delete_confirm", lang), key="ws-del-ok") and st.button(
        message("ws.delete", lang), key="ws-del", type="primary"
    ):
        workshop_results.delete_workshop(engine, access, access.workshop_id)
        st.session_state.pop(ACCESS_KEY, None)
        st.session_state[STATUS_KEY] = ("success", message("ws.deleted", lang))
        st.rerun()
