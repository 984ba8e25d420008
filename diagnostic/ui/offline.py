"""Keep Streamlit from reaching out to the Internet on its own.

A WebSocket handshake whose ``Origin`` is neither the page's own nor in
``server.corsAllowedOrigins`` makes Streamlit 1.67 (``server_util.is_url_from_allowed_origins``)
compare that origin with the machine's addresses: ``net_util.get_internal_ip`` connects a UDP
socket towards 8.8.8.8, and ``net_util.get_external_ip`` fetches ``checkip.amazonaws.com`` over
HTTP then HTTPS, synchronously in the server's event loop and uncached when it fails. Anyone able
to open a WebSocket could thus make the server call out, and stall every user for up to two
seconds per handshake when outbound traffic hangs. No setting turns this off (``enableCORS =
false`` would accept every origin instead), so both look-ups are replaced here by functions that
answer "unknown": a foreign origin is then simply refused, which is what we want. The headless
start-up banner, the other caller, already gets its address from ``server.address``.

The replacement must be in place before the first handshake: ``python -m diagnostic.ui.serve``
(what ``make run`` and the systemd unit start) applies it before the server starts, and
``app.py`` applies it again on every run for a server started with ``streamlit run app.py``.
"""

from __future__ import annotations

from streamlit import net_util

LOOKUPS = ("get_internal_ip", "get_external_ip")


def _unknown() -> str | None:
    """The machine's address, as far as origin checks are concerned: unknown."""
    return None


def no_address_lookups() -> bool:
    """Replace Streamlit's address look-ups; False if this Streamlit no longer has them.

    Guarded rather than blind: if an upgrade renames them, nothing is patched and
    ``tests/test_no_outbound.py`` (which watches the server's ``connect`` calls) says so.
    """
    if not all(callable(getattr(net_util, name, None)) for name in LOOKUPS):
        return False
    for name in LOOKUPS:
        setattr(net_util, name, _unknown)
    return True
