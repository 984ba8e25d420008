"""Answers first, discussion after: the live panel can hold back the answers until revealed.

With the option on, the projected panel shows who has answered how much, but no level count,
chart, mean, role gap or comment of a dimension until the facilitator reveals it, so that the
first answers on screen do not steer those still answering. The other tabs of the same page
follow (no consensus counts or proposals, no consolidated result while anything is held back).
What is hidden is never drawn (rather than drawn and masked by style), so none of it reaches
the browser.

Both the option and the revealed dimensions live in the facilitator's session: the option under
a key of its own (a widget's value is dropped when the widget is not drawn, e.g. on another page),
the revealed dimensions per workshop.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from diagnostic.i18n import message

HIDE_KEY = "ws-hide-answers"  # the option, kept across pages
TOGGLE_KEY = "ws-hide-toggle"  # its widget
REVEALED_KEY = "ws-revealed"  # workshop id -> revealed dimension ids


def _revealed_store() -> dict[str, set[str]]:
    store: dict[str, set[str]] = st.session_state.setdefault(REVEALED_KEY, {})
    return store


def _on_toggle(workshop_id: str) -> None:
    st.session_state[HIDE_KEY] = bool(st.session_state[TOGGLE_KEY])
    # Switching the option starts a round afresh: everything hidden again until revealed.
    _revealed_store().pop(workshop_id, None)


def _reveal(workshop_id: str, dimension_ids: tuple[str, ...]) -> None:
    _revealed_store().setdefault(workshop_id, set()).update(dimension_ids)


def option(workshop_id: str, lang: str) -> None:
    """Draws the option, outside the live panel's fragment: switching it redraws every tab."""
    st.toggle(
        message("ws.hide_answers", lang),
        value=bool(st.session_state.get(HIDE_KEY, False)),
        key=TOGGLE_KEY,
        help=message("ws.hide_answers_help", lang),
        on_change=_on_toggle,
        args=(workshop_id,),
    )


def revealed(workshop_id: str) -> frozenset[str] | None:
    """The revealed dimension ids, or None when the option is off (nothing held back)."""
    if not st.session_state.get(HIDE_KEY, False):
        return None
    return frozenset(_revealed_store().get(workshop_id, set()))


def held(workshop_id: str, dimension_id: str) -> bool:
    """Whether this dimension's answers are held back from every tab of the page."""
    shown = revealed(workshop_id)
    return shown is not None and dimension_id not in shown


def reveal_all_button(workshop_id: str, hidden: Iterable[str], lang: str) -> None:
    """One button for every dimension still hidden (drawn only when one is)."""
    waiting = tuple(hidden)
    if waiting and st.button(message("ws.reveal_all", lang), key="ws-reveal-all"):
        _reveal(workshop_id, waiting)
        st.rerun()  # the whole page, not only the live panel's fragment: other tabs follow


def reveal_button(workshop_id: str, dimension_id: str, lang: str) -> None:
    """The button under a hidden dimension's card."""
    if st.button(message("ws.reveal", lang), key=f"ws-reveal:{dimension_id}"):
        _reveal(workshop_id, (dimension_id,))
        st.rerun()  # as above: the consensus and result tabs follow
