"""Who is on the other end of this browser session, for throttling key guesses.

The session id is random and kept in this tab's session state; the address is the WebSocket
peer's, or, when that peer is the reverse proxy on loopback, the last address of the
``X-Forwarded-For`` header, the one the proxy itself appended (earlier entries come from the
client and prove nothing). Behind a hospital's NAT many people share one address: that is why a
correct key is never refused, only wrong ones slowed down (:mod:`diagnostic.workshop.key_throttle`).
"""

from __future__ import annotations

import secrets

import streamlit as st

from diagnostic.workshop.key_throttle import Client, client_address

SESSION_KEY = "client-session-id"


def _address() -> str | None:
    try:
        peer = st.context.ip_address
        forwarded = list(st.context.headers.get_all("X-Forwarded-For"))
    except Exception:  # no request context (AppTest, a script run outside a session)
        return None
    return client_address(peer, forwarded)


def current() -> Client:
    """This browser session as a :class:`Client`."""
    session = st.session_state.get(SESSION_KEY)
    if not isinstance(session, str):
        session = secrets.token_hex(16)
        st.session_state[SESSION_KEY] = session
    return Client(session, _address())
