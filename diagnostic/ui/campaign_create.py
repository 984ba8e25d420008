"""Creating a campaign: title, period, invited establishments (a table or a CSV file), then the
owner key's own step (masked, shown once) and each establishment's link, to copy or download.

Nothing typed is lost on a refusal: the form keeps its values and every bad cell is listed with
its line, its column and how to fix it (:mod:`diagnostic.workshop.campaign_invitations`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method.bands import REGION_BANDS, SIZE_BANDS, region_label, size_label
from diagnostic.outputs.exports import safe_cell
from diagnostic.ui import resources
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import error_text
from diagnostic.workshop import creation_guard
from diagnostic.workshop.campaign_access import open_campaign
from diagnostic.workshop.campaign_invitations import (
    FIELDS,
    Invitation,
    InvitationProblems,
    check,
    read_csv,
    template_csv,
)
from diagnostic.workshop.campaigns import CreatedCampaign, EntryLink, create_campaign

ACCESS_KEY, CREATED_KEY, STATUS_KEY = "co-access", "cc-created", "cc-status"
REVEAL_KEY = "cc-reveal"
MASK = "••••-••••-••••-••••-••••"
BLANK_ROWS = 3


def entry_link(token: str) -> str:
    """The establishment's link: this server's address with ``?c=TOKEN``."""
    try:
        base = str(st.context.url or "").split("?")[0]
    except Exception:  # no request context (tests)
        base = ""
    return f"{base.rstrip('/')}/?c={token}"


def column_labels(lang: str) -> dict[str, str]:
    """The table's column labels, which error messages quote (literal keys: see the scan test)."""
    return {
        "name": message("campaign.col.name", lang),
        "establishment_type": message("campaign.col.establishment_type", lang),
        "size_band": message("campaign.col.size_band", lang),
        "region_band": message("campaign.col.region_band", lang),
        "ght": message("campaign.col.ght", lang),
    }


def _options(q: Questionnaire, lang: str) -> dict[str, list[str]]:
    types = q.profile_by_id["establishment_type"].options
    return {
        "establishment_type": [o.label.get(lang) for o in types],
        "size_band": [size_label(b, lang) for b in SIZE_BANDS],
        "region_band": [region_label(b, lang) for b in REGION_BANDS],
    }


def invitation_table(q: Questionnaire, lang: str, key: str) -> pd.DataFrame:
    """The editable table of establishments; type and bands chosen from lists (their labels)."""
    labels, options = column_labels(lang), _options(q, lang)
    config = {
        f: (
            st.column_config.SelectboxColumn(labels[f], options=options[f], width="medium")
            if f in options
            else st.column_config.TextColumn(labels[f], max_chars=200, width="medium")
        )
        for f in FIELDS
    }
    blank = pd.DataFrame({f: [""] * BLANK_ROWS for f in FIELDS}, dtype="object")
    return st.data_editor(
        blank, key=key, num_rows="dynamic", column_config=config, hide_index=True, width="stretch"
    )


def table_invitations(q: Questionnaire, frame: pd.DataFrame, lang: str) -> list[Invitation]:
    """The table's rows as invitations (line = row number), or InvitationProblems."""
    records = [
        (i + 1, {str(f): ("" if pd.isna(v) else v) for f, v in row.items()})
        for i, row in enumerate(frame.to_dict("records"))
    ]
    return check(q, records, column_labels(lang))


def chosen_invitations(
    q: Questionnaire, frame: pd.DataFrame, upload: object, pasted: str, lang: str
) -> list[Invitation]:
    """A file wins over pasted lines, which win over the table (said so next to each)."""
    getvalue = getattr(upload, "getvalue", None)
    if callable(getvalue):
        return read_csv(q, bytes(getvalue()))
    if pasted.strip():
        return read_csv(q, pasted.encode("utf-8"))
    return table_invitations(q, frame, lang)


def show_error(exc: InputError, lang: str) -> None:
    """An error, and each bad cell under it when there are several."""
    st.error(error_text(exc, lang))
    if isinstance(exc, InvitationProblems):
        st.markdown("\n".join(f"- {error_text(p, lang)}" for p in exc.problems))


def links_csv(links: Sequence[EntryLink], lang: str) -> bytes:
    """The links to send, one row per establishment (UTF-8 with BOM, ``;`` in French)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "fr" else ",")
    writer.writerow([message("campaign.col.name", lang), message("campaign.link", lang)])
    for link in links:
        writer.writerow([safe_cell(link.name), entry_link(link.token)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def show_links(links: Sequence[EntryLink], lang: str, key: str) -> None:
    """Each establishment's link once, with a file of them all."""
    st.warning(message("campaign.links_once", lang))
    st.dataframe(
        pd.DataFrame(
            {
                message("campaign.col.name", lang): [link.name for link in links],
                message("campaign.link", lang): [entry_link(link.token) for link in links],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        message("campaign.links_download", lang),
        data=links_csv(links, lang),
        file_name=message("campaign.links_file", lang),
        mime="text/csv",
        key=f"{key}-download",
        on_click="ignore",
    )


def _noted(created: CreatedCampaign, lang: str) -> None:
    ss = st.session_state
    ss.pop(CREATED_KEY, None)
    ss.pop(REVEAL_KEY, None)
    try:
        ss[ACCESS_KEY] = open_campaign(
            resources.engine(), created.campaign_id, created.owner_key, current_client()
        )
    except InputError as exc:
        ss[STATUS_KEY] = exc


def key_step(created: CreatedCampaign, lang: str) -> None:
    """The campaign number, the owner key (masked until asked for) and the links, once."""
    st.success(message("campaign.created", lang))
    st.warning(message("campaign.key_once", lang))
    st.markdown(message("campaign.number", lang))
    st.code(str(created.campaign_id), language=None)
    st.markdown(message("campaign.key", lang))
    if st.toggle(message("campaign.reveal", lang), key=REVEAL_KEY):
        st.code(created.owner_key, language=None)
    else:
        st.text(MASK)
    show_links(created.links, lang, "cc-links")
    st.button(
        message("campaign.key_noted", lang),
        key="cc-noted",
        type="primary",
        on_click=_noted,
        args=(created, lang),
    )


def create_form(q: Questionnaire, lang: str) -> None:
    ss = st.session_state
    status = ss.pop(STATUS_KEY, None)
    with st.form("cc-form", enter_to_submit=False):
        st.text_input(message("campaign.title", lang), key="cc:title", max_chars=200)
        start, end = st.columns(2)
        start.date_input(message("campaign.starts_on", lang), key="cc:start", value=date.today())
        end.date_input(
            message("campaign.ends_on", lang),
            key="cc:end",
            value=date.today() + timedelta(days=60),
        )
        st.markdown(message("campaign.invite_table", lang))
        frame = invitation_table(q, lang, "cc:table")
        upload = st.file_uploader(message("campaign.invite_csv", lang), type=["csv", "txt"])
        st.text_area(message("campaign.invite_paste", lang), key="cc:paste", max_chars=200_000)
        if creation_guard.required_token() is not None:
            st.text_input(
                message("wc.token_label", lang), key="cc:token", type="password", max_chars=200
            )
        submitted = st.form_submit_button(message("campaign.create", lang), type="primary")
    st.download_button(
        message("campaign.template", lang),
        data=template_csv(),
        file_name=message("campaign.template_file", lang),
        mime="text/csv",
        on_click="ignore",
    )
    if submitted:
        try:
            invited = chosen_invitations(q, frame, upload, str(ss.get("cc:paste") or ""), lang)
            ss[CREATED_KEY] = create_campaign(
                resources.engine(),
                title=str(ss.get("cc:title") or ""),
                starts_on=ss.get("cc:start") or date.today(),
                ends_on=ss.get("cc:end") or date.today(),
                invitations=invited,
                client=current_client(),
                creation_token=str(ss.get("cc:token") or ""),
            )
        except InputError as exc:
            show_error(exc, lang)
            return
        ss[REVEAL_KEY] = False
        st.rerun()
    elif isinstance(status, InputError):
        show_error(status, lang)


def render(q: Questionnaire, lang: str) -> None:
    created = st.session_state.get(CREATED_KEY)
    if isinstance(created, CreatedCampaign):
        key_step(created, lang)
    else:
        st.caption(message("campaign.create_help", lang))
        create_form(q, lang)
