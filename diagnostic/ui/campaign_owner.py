"""The campaign owner's space: create a campaign, or open one with its number and owner key; then
the panel: who has not started, started, finished; reminders to copy; the figures, the GHT view
and the downloads (:mod:`diagnostic.ui.campaign_figures`); and managing the invitations, the key
and the campaign itself.

The panel needs a :class:`CampaignAccess` in this session (the key checked, or the creation's
"I have written it down"); a rotated key or a deleted campaign sends the owner back to the key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from diagnostic.content.loader import Questionnaire
from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method.bands import size_label
from diagnostic.method.campaign_rows import STATUSES, CampaignInfo, CampaignRow
from diagnostic.outputs.campaign_columns import header, status_label, type_label
from diagnostic.outputs.wording import long_date
from diagnostic.ui import campaign_create, campaign_figures, resources
from diagnostic.ui.campaign_create import ACCESS_KEY, CREATED_KEY, show_error, show_links
from diagnostic.ui.client import current as current_client
from diagnostic.ui.safe import inline
from diagnostic.workshop import campaigns
from diagnostic.workshop.campaign_access import CampaignAccess, CampaignDenied, open_campaign

NOTE_KEY = "co-note"  # a new key or new links, shown once after an action
TODAY_KEY = "co-today"  # tests fix the date here


def today() -> date:
    fixed = st.session_state.get(TODAY_KEY)
    return fixed if isinstance(fixed, date) else date.today()


def open_form(lang: str) -> None:
    with st.form("co-open", enter_to_submit=False):
        number = st.text_input(message("campaign.number_label", lang), key="co:id", max_chars=20)
        key = st.text_input(
            message("campaign.key_label", lang), key="co:key", type="password", max_chars=200
        )
        submitted = st.form_submit_button(message("campaign.open", lang), type="primary")
    if not submitted:
        return
    text = str(number or "").strip()
    try:
        st.session_state[ACCESS_KEY] = open_campaign(
            resources.engine(),
            int(text) if text.isdigit() else -1,
            str(key or ""),
            current_client(),
        )
    except InputError as exc:
        show_error(exc, lang)
        return
    st.rerun()


def reminders(info: CampaignInfo, rows: Sequence[CampaignRow], lang: str) -> None:
    st.header(message("campaign.reminders", lang))
    end = long_date(info.ends_on, lang)
    for status in ("not_started", "started"):
        names = [r.name for r in rows if r.status == status]
        if not names:
            continue
        st.markdown(message(f"campaign.reminder_to.{status}", lang, n=len(names)))
        st.caption(inline(", ".join(names)))
        st.code(
            message(f"campaign.reminder.{status}", lang, title=info.title, end=end),
            language=None,
            wrap_lines=True,
        )


def status_lists(q: Questionnaire, rows: Sequence[CampaignRow], lang: str) -> None:
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUSES}
    for column, status in zip(st.columns(3), STATUSES, strict=True):
        column.metric(status_label(status, lang), counts[status])
    for status in STATUSES:
        chosen = [r for r in rows if r.status == status]
        with st.expander(f"{status_label(status, lang)} ({len(chosen)})", expanded=False):
            if not chosen:
                st.caption(message("campaign.none", lang))
                continue
            st.dataframe(
                pd.DataFrame(
                    {
                        header("entry_id", lang): [r.entry_id for r in chosen],
                        header("name", lang): [r.name for r in chosen],
                        header("establishment_type", lang): [
                            type_label(q, r.establishment_type, lang) for r in chosen
                        ],
                        header("size_band", lang): [size_label(r.size_band, lang) for r in chosen],
                        header("ght", lang): [r.ght for r in chosen],
                    }
                ),
                hide_index=True,
                width="stretch",
            )


def manage(
    q: Questionnaire, access: CampaignAccess, rows: Sequence[CampaignRow], lang: str
) -> None:
    """New links, more invitations, withdrawing one, a new key, deleting the campaign."""
    engine, ss = resources.engine(), st.session_state
    st.header(message("campaign.manage", lang))
    names = {r.entry_id: r.name for r in rows}
    with st.expander(message("campaign.links_title", lang)):
        st.caption(message("campaign.links_help", lang))
        chosen = st.selectbox(
            message("campaign.col.name", lang),
            list(names),
            format_func=names.__getitem__,
            index=None,
            key="co-link-entry",
            placeholder=message("wizard.choose", lang),
        )
        if st.button(
            message("campaign.new_link", lang), key="co-new-link", disabled=chosen is None
        ):
            token = campaigns.new_link(engine, access, int(chosen or 0))
            ss[NOTE_KEY] = (
                "links",
                (campaigns.EntryLink(int(chosen or 0), names[int(chosen or 0)], token),),
            )
            st.rerun()
    with st.expander(message("campaign.add_title", lang)):
        with st.form("co-add", enter_to_submit=False):
            frame = campaign_create.invitation_table(q, lang, "co:add-table")
            upload = st.file_uploader(
                message("campaign.invite_csv", lang), type=["csv", "txt"], key="co:add-csv"
            )
            added = st.form_submit_button(message("campaign.add", lang))
        if added:
            try:
                invited = campaign_create.chosen_invitations(q, frame, upload, "", lang)
                ss[NOTE_KEY] = ("links", campaigns.add_invitations(engine, access, invited))
            except InputError as exc:
                show_error(exc, lang)
            else:
                st.rerun()
    with st.expander(message("campaign.remove_title", lang)):
        gone = st.selectbox(
            message("campaign.col.name", lang),
            list(names),
            format_func=names.__getitem__,
            index=None,
            key="co-remove-entry",
            placeholder=message("wizard.choose", lang),
        )
        sure = st.checkbox(message("campaign.remove_confirm", lang), key="co-remove-sure")
        if st.button(
            message("campaign.remove", lang), key="co-remove", disabled=gone is None or not sure
        ):
            campaigns.remove_invitation(engine, access, int(gone or 0))
            st.rerun()
    with st.expander(message("campaign.rotate_title", lang)):
        st.caption(message("campaign.rotate_help", lang))
        if st.button(message("campaign.rotate", lang), key="co-rotate"):
            key = campaigns.rotate_owner_key(engine, access)
            ss[ACCESS_KEY] = open_campaign(engine, access.campaign_id, key, current_client())
            ss[NOTE_KEY] = ("key", key)
            st.rerun()
    with st.expander(message("campaign.delete_title", lang)):
        st.caption(message("campaign.delete_help", lang))
        typed = st.text_input(
            message("campaign.delete_confirm", lang), key="co-delete-id", max_chars=20
        )
        if st.button(
            message("campaign.delete", lang),
            key="co-delete",
            disabled=typed.strip() != str(access.campaign_id),
        ):
            campaigns.delete_campaign(engine, access)
            ss.pop(ACCESS_KEY, None)
            ss["co-deleted"] = True
            st.rerun()


def _note(lang: str) -> None:
    note = st.session_state.get(NOTE_KEY)
    if not note:
        return
    kind, value = note
    if kind == "key":
        st.warning(message("campaign.key_once", lang))
        st.code(value, language=None)
    else:
        show_links(value, lang, "co-note")
    if st.button(message("campaign.note_done", lang), key="co-note-done"):
        st.session_state.pop(NOTE_KEY, None)
        st.rerun()


def panel(q: Questionnaire, access: CampaignAccess, lang: str) -> None:
    engine = resources.engine()
    info = campaigns.info(engine, access)
    rows = campaigns.rows(engine, q, access)
    st.title(inline(info.title))
    st.caption(
        message(
            "campaign.panel_period",
            lang,
            number=info.id,
            start=long_date(info.starts_on, lang),
            end=long_date(info.ends_on, lang),
        )
    )
    _note(lang)
    st.button(message("campaign.refresh", lang), key="co-refresh")  # a rerun reads the rows again
    status_lists(q, rows, lang)
    reminders(info, rows, lang)
    campaign_figures.distributions(q, rows, lang)
    campaign_figures.ght_panel(q, rows, lang, today())
    campaign_figures.downloads(q, info, rows, lang, today())
    try:
        manage(q, access, rows, lang)
    except CampaignDenied:
        raise
    except InputError as exc:  # e.g. an establishment withdrawn meanwhile in another tab
        show_error(exc, lang)
    if st.button(message("campaign.close_panel", lang), key="co-close"):
        st.session_state.pop(ACCESS_KEY, None)
        st.rerun()


def render(q: Questionnaire, lang: str) -> None:
    ss = st.session_state
    if isinstance(ss.get(CREATED_KEY), campaigns.CreatedCampaign):
        campaign_create.render(q, lang)
        return
    access = ss.get(ACCESS_KEY)
    if isinstance(access, CampaignAccess):
        try:
            panel(q, access, lang)
            return
        except CampaignDenied as exc:  # key rotated elsewhere, campaign deleted, access expired
            ss.pop(ACCESS_KEY, None)
            show_error(exc, lang)
    st.title(message("campaign.space_title", lang))
    if ss.pop("co-deleted", False):
        st.success(message("campaign.deleted", lang))
    st.markdown(message("campaign.space_help", lang))
    open_tab, create_tab = st.tabs(
        [message("campaign.open_tab", lang), message("campaign.create_tab", lang)]
    )
    with open_tab:
        open_form(lang)
    with create_tab:
        campaign_create.render(q, lang)
