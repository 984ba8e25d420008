"""The opt-in to the peer pool, offered at the end of a result (self-assessment, workshop…).

Off by default: nothing is shared until the box is ticked *and* the share confirmed. The screen
says exactly what is shared and what is not, asks for the region band (the profile has none),
then shows the withdrawal code once, until "J'ai noté" is pressed. The session keeps the code's
hash only, so the contribution can be replaced by a newer result or withdrawn from the same
session; a contribution made elsewhere is withdrawn with its code.

Callers pass what the screen needs: the report, the language and a key prefix naming the place
(one prefix per result screen, so two screens in one session keep separate contributions).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import streamlit as st

from diagnostic.errors import InputError
from diagnostic.i18n import message
from diagnostic.method import bands, disclosure
from diagnostic.method.report import Report
from diagnostic.ui import resources
from diagnostic.workshop import peer_pool

log = logging.getLogger(__name__)
REGIONS: tuple[str, ...] = (*bands.REGION_BANDS, bands.UNKNOWN)


@dataclass
class OptIn:
    """What this session remembers of its contribution from one screen (never the code's text
    beyond the moment it is shown)."""

    tag: str | None = None  # SHA-256 of the withdrawal code
    code: str | None = None  # shown until "J'ai noté"
    region: str = bands.UNKNOWN
    notice: tuple[str, str] | None = None  # (kind, message key) shown once


def _state(prefix: str) -> OptIn:
    key = f"{prefix}-peer-state"
    current = st.session_state.get(key)
    if not isinstance(current, OptIn):
        current = OptIn()
        st.session_state[key] = current
    return current


def _share(report: Report, prefix: str, region: str | None) -> None:
    """Add (or replace) this session's contribution; ``region`` None: the one selected."""
    s = _state(prefix)
    if region is None:
        region = str(st.session_state.get(f"{prefix}-peer-region", bands.UNKNOWN))
    try:
        record = peer_pool.record_from_report(report, region, date.today())
        done = peer_pool.contribute(resources.engine(), record, replaces=s.tag)
    except InputError as exc:
        s.notice = ("error", exc.key if exc.key.startswith("peer.") else "peer.failed")
        return
    s.tag, s.code, s.region = done.tag, done.code, bands.region_band(region)
    s.notice = None if done.code else ("success", "peer.optin.updated")
    st.session_state[f"{prefix}-peer-optin"] = False  # the box is a consent for one share


def _withdraw(prefix: str, by_code: bool) -> None:
    """Withdraw this session's contribution, or the one whose code was typed."""
    s = _state(prefix)
    code = str(st.session_state.get(f"{prefix}-peer-code", "")) if by_code else ""
    if by_code and not code.strip():
        s.notice = ("error", "peer.withdraw.empty")
        return
    try:
        if by_code:
            removed = peer_pool.withdraw(resources.engine(), code)
        else:
            removed = s.tag is not None and peer_pool.withdraw_tag(resources.engine(), s.tag)
    except InputError:
        s.notice = ("error", "peer.failed")
        return
    if not by_code:
        s.tag, s.code = None, None
    if removed and by_code:
        st.session_state[f"{prefix}-peer-code"] = ""
    s.notice = ("success", "peer.optin.withdrawn") if removed else ("error", "peer.withdraw.wrong")


def _noted(prefix: str) -> None:
    _state(prefix).code = None


def render(report: Report, lang: str, key_prefix: str, *, facilitator: bool = False) -> None:
    """The opt-in block: statement, consent box, region, confirm; then code, replace, withdraw."""
    s = _state(key_prefix)
    engine = resources.engine()
    st.subheader(message("peer.optin.heading", lang))
    if s.notice:
        kind, key = s.notice
        getattr(st, kind)(message(key, lang, min=disclosure.DEFAULT_MIN_GROUP))
        s.notice = None
    if s.code:
        st.success(message("peer.optin.code_once", lang))
        st.code(s.code, language=None)
        st.button(
            message("peer.optin.noted", lang),
            key=f"{key_prefix}-peer-noted",
            on_click=_noted,
            args=(key_prefix,),
        )
        return
    try:
        shared = s.tag is not None and peer_pool.is_in_pool(engine, s.tag)
    except Exception:  # the pool being down must not break the results page
        log.exception("peer pool unavailable")
        st.warning(message("peer.failed", lang))
        return
    if s.tag and not shared:
        s.tag = None  # withdrawn elsewhere (its code, the command line)
    try:
        min_group = disclosure.configured_min_group()
    except ValueError:
        min_group = disclosure.DEFAULT_MIN_GROUP
    st.markdown(message("peer.optin.what", lang, min=min_group))
    if facilitator:
        st.caption(message("peer.optin.facilitator", lang))
    problem = _problem(report)
    if problem:
        st.info(message(problem, lang))
    elif shared:
        st.info(message("peer.optin.in_pool", lang))
        st.button(
            message("peer.optin.replace", lang),
            key=f"{key_prefix}-peer-replace",
            on_click=_share,
            args=(report, key_prefix, s.region),
        )
    else:
        _consent(report, lang, key_prefix)
    if shared:
        st.button(
            message("peer.optin.withdraw", lang),
            key=f"{key_prefix}-peer-withdraw",
            on_click=_withdraw,
            args=(key_prefix, False),
        )
    _withdraw_later(lang, key_prefix)


def _problem(report: Report) -> str | None:
    """The message key saying why this result cannot be shared, or None."""
    try:
        peer_pool.record_from_report(report, bands.UNKNOWN, date.today())
    except peer_pool.NotShareable as exc:
        return exc.key
    return None


def _consent(report: Report, lang: str, prefix: str) -> None:
    ticked = st.checkbox(
        message("peer.optin.checkbox", lang), value=False, key=f"{prefix}-peer-optin"
    )
    if not ticked:
        return
    st.selectbox(
        message("peer.optin.region", lang),
        REGIONS,
        index=REGIONS.index(bands.UNKNOWN),
        format_func=lambda band: bands.region_label(band, lang),
        help=message("peer.optin.region_help", lang),
        key=f"{prefix}-peer-region",
    )
    st.button(
        message("peer.optin.confirm", lang),
        key=f"{prefix}-peer-confirm",
        type="primary",
        on_click=_share,
        args=(report, prefix, None),
    )


def _withdraw_later(lang: str, prefix: str) -> None:
    with st.expander(message("peer.optin.withdraw_later", lang), expanded=False):
        st.text_input(
            message("peer.optin.code_label", lang),
            key=f"{prefix}-peer-code",
            max_chars=peer_pool.MAX_CODE,
        )
        st.button(
            message("peer.optin.withdraw_with_code", lang),
            key=f"{prefix}-peer-code-withdraw",
            on_click=_withdraw,
            args=(prefix, True),
        )
