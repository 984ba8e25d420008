"""Creating a workshop: the form, the facilitator key's own step, then the projection frame.

The creation screen used to show the join code, the QR code *and* the facilitator key together,
on the screen the facilitator was told to project. Now the key has its own step, shown before
anything is projected: the workshop id and the key each in their own block (each with its own copy
button), the key masked until the facilitator reveals it. "I have written down the id and the key"
then opens the live panel with the key already checked (no retyping). The projection frame, on the
live panel, holds only what participants need: the join code, the link and its QR code.
"""

from __future__ import annotations

import io
from datetime import date
from typing import cast

import segno
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.ui import resources
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text, escape
from diagnostic.workshop import creation_guard
from diagnostic.workshop import participant as workshop
from diagnostic.workshop.access import verify_key

ACCESS_KEY, CREATED_KEY, STATUS_KEY = "ws-access", "ws-created", "ws-fstatus"
REVEAL_KEY = "wc-reveal"
PROFILE_FIELDS = (
    "establishment_name",
    "establishment_type",
    "legal_status",
    "beds",
    "staff",
    "activities",
    "ai_tools",
)
MASK = "••••-••••-••••-••••-••••"


def _create(q: Questionnaire, lang: str) -> None:
    ss = st.session_state
    profile = {
        f: ss.get(f"wf:{f}") for f in PROFILE_FIELDS if ss.get(f"wf:{f}") not in (None, "", [])
    }
    try:
        created = workshop.create_workshop(
            resources.engine(),
            q,
            title=str(ss.get("wf:title") or ""),
            held_on=ss.get("wf:date") or date.today(),
            profile=cast("dict[str, str | list[str]]", profile),
            expected_roles=list(ss.get("wf:roles") or []),
            retention_days=int(ss.get("wf:retention") or 30),
            creation_token=str(ss.get("wf:creation_token") or ""),
            client=current_client(),
        )
    except InputError as exc:
        ss[STATUS_KEY] = ("error", error_text(exc, lang))
        return
    ss.pop("wf:creation_token", None)
    ss[REVEAL_KEY] = False
    ss[CREATED_KEY] = created


def _noted(created: workshop.CreatedWorkshop, lang: str) -> None:
    """Open the live panel with the key just shown: the facilitator types nothing again."""
    ss = st.session_state
    ss.pop(CREATED_KEY, None)
    ss.pop(REVEAL_KEY, None)
    try:
        ss[ACCESS_KEY] = verify_key(
            resources.engine(),
            created.workshop_id,
            created.facilitator_key,
            client=current_client(),
        )
    except InputError as exc:  # the workshop vanished meanwhile (deleted, purged)
        ss[STATUS_KEY] = ("error", error_text(exc, lang))


def key_step(created: workshop.CreatedWorkshop, lang: str) -> None:
    """The workshop id and facilitator key, on a step of their own (never to be projected)."""
    st.success(message("wc.created", lang))
    st.warning(message("ws.key_once", lang))
    st.markdown(message("ws.workshop_id", lang))
    st.code(created.workshop_id, language=None)
    st.markdown(message("ws.key", lang))
    # Masked until asked for: the key is not even sent to the browser before that.
    if st.toggle(message("wc.reveal", lang), key=REVEAL_KEY):
        st.code(created.facilitator_key, language=None)
    else:
        st.text(MASK)
    st.caption(message("wc.copy_help", lang))
    st.button(
        message("ws.key_noted", lang),
        key="ws-noted",
        type="primary",
        on_click=_noted,
        args=(created, lang),
    )


def join_link(code: str) -> str:
    try:
        base = str(st.context.url or "").split("?")[0]
    except Exception:  # older Streamlit or no request context (tests)
        base = ""
    return f"{base.rstrip('/')}/?view=join&w={code}"


def projection(join_code: str, lang: str) -> None:
    """What the facilitator projects: the join code, the link and its QR code, nothing else."""
    link = join_link(join_code)
    with st.expander(message("wc.project_title", lang), expanded=True):
        st.caption(message("wc.project_help", lang))
        left, right = st.columns([2, 1])
        left.markdown(message("ws.code_is", lang))
        left.code(join_code, language=None)
        left.caption(message("ws.link_is", lang))
        left.code(link, language=None)
        buffer = io.BytesIO()
        segno.make(link, error="m").save(buffer, kind="png", scale=6, border=2)
        right.image(
            buffer.getvalue(),
            caption=message("ws.qr_caption", lang),
            alt=message("ws.qr_caption", lang),
        )


def create_form(q: Questionnaire, lang: str) -> None:
    roles = q.profile_by_id["respondent_role"]
    role_labels = {o.id: o.label.get(lang) for o in roles.options}
    with st.form("ws-create"):
        st.text_input(message("ws.title", lang), key="wf:title", max_chars=200)
        st.date_input(message("ws.date", lang), key="wf:date", value=date.today())
        for field in PROFILE_FIELDS:
            pq = q.profile_by_id[field]
            labels = {o.id: o.label.get(lang) for o in pq.options}
            if pq.kind == "text":
                st.text_input(escape(pq.text.get(lang)), key=f"wf:{field}", max_chars=pq.max_length)
            elif pq.kind == "single":
                st.selectbox(
                    escape(pq.text.get(lang)),
                    list(labels),
                    index=None,
                    format_func=labels.__getitem__,
                    key=f"wf:{field}",
                    placeholder=message("wizard.choose", lang),
                )
            else:
                st.multiselect(
                    escape(pq.text.get(lang)),
                    list(labels),
                    format_func=labels.__getitem__,
                    key=f"wf:{field}",
                    placeholder=message("wizard.choose_many", lang),
                )
        st.multiselect(
            message("ws.expected_roles", lang),
            list(role_labels),
            format_func=lambda v: role_labels[v],
            key="wf:roles",
        )
        st.number_input(
            message("ws.retention", lang), min_value=1, max_value=365, value=30, key="wf:retention"
        )
        if creation_guard.required_token() is not None:
            st.text_input(
                message("wc.token_label", lang),
                key="wf:creation_token",
                type="password",
                max_chars=200,
            )
        st.form_submit_button(
            message("ws.create", lang), type="primary", on_click=_create, args=(q, lang)
        )
