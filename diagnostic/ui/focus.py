"""Open each new screen at its top, with the keyboard focus on its heading (WCAG 2.4.3).

Streamlit keeps the main area's scroll position across reruns: after "Suivant →" at the bottom of a
long step, the next step opened about 2,450 px down, its title off screen, and the focus fell back
to ``<body>``. When the place shown changes (view, step), a small constant script waits for the run
to finish, scrolls the main area to the top, moves the focus to the first matching heading and, on
a narrow screen, closes the sidebar that covers the content.

A refusal gets the same care: when "Suivant →" is refused (required fields missing), the run that
shows the error also scrolls it into view and focuses it. Without this the error could open off
screen: under load the browser clamped the scroll position while the step was re-rendered and left
the page near its top, far above the message (seen in the browser tests on a busy machine).

The scripts are constant text (no user data): ``st.html`` runs it in the page (scripts allowed), and
``scripts/check_sinks.py`` allows these two call sites.
"""

from __future__ import annotations

import json

import streamlit as st

from diagnostic.i18n import as_lang, message

PLACE_KEY, COUNT_KEY, REFUSAL_KEY = "focus-place", "focus-count", "focus-refusal"
# Wait until the run is over (Streamlit's own attribute: "notRunning" means the elements of the
# previous run are gone) and ``target`` exists, for at most 5 s, then act. Constant JavaScript only.
_WHEN_READY = """<script>
(() => {
  const d = document, w = window, started = Date.now();
  const tick = () => {
    const app = d.querySelector('[data-testid=stApp]');
    const main = d.querySelector('[data-testid=stMain]');
    const idle = app && app.getAttribute('data-test-script-state') === 'notRunning';
    const target = __FIND__;
    if ((!idle || !target) && Date.now() - started < 5000) { w.setTimeout(tick, 50); return; }
__ACT__
  };
  tick();
})();
</script>"""


def _when_ready(find: str, act: str) -> str:
    return _WHEN_READY.replace("__FIND__", find).replace("__ACT__", act)


# The new screen's first heading: scroll to the top, focus it, close a phone's sidebar.
_SCRIPT = _when_ready(
    'main && main.querySelector("__SELECTOR__")',
    """    if (main) main.scrollTop = 0;
    w.scrollTo(0, 0);
    if (target) {
      target.setAttribute('tabindex', '-1');
      target.focus({preventScroll: true});
    }
    const sidebar = d.querySelector('[data-testid=stSidebar]');
    if (w.innerWidth < 768 && sidebar && sidebar.getAttribute('data-collapsed') === 'false') {
      const close = d.querySelector('[data-testid=stSidebarCollapseButton] button');
      if (close) close.click();
    }
    // Streamlit's chrome is English, html lang="en" included: say the page's language and
    // translate its skip link. (No less-than sign in here: the sanitizer drops such a script.)
    d.documentElement.lang = __LANG__;
    const skip = d.querySelector('[data-testid=stSkipToContent]');
    if (skip) skip.textContent = __SKIP__;
    w.__focusDone = __COUNT__;""",
)
SELECTORS = {"h1": "h1", "h2": "h2", "h3": "h3"}
# The refused step's error: the last alert in the main area (the one next to the buttons).
_REFUSAL_SCRIPT = _when_ready(
    "main && [...main.querySelectorAll('[data-testid=stAlert]')].pop()",
    """    if (target) {
      target.scrollIntoView({block: 'center'});
      target.setAttribute('tabindex', '-1');
      target.focus({preventScroll: true});
    }
    w.__refusalShown = (w.__refusalShown || 0) + 1;""",
)


def on_new_place(place: str, heading: str = "h1", lang: str = "fr") -> None:
    """Scroll to the top and focus the first ``heading`` when ``place`` differs from last run's.

    Args:
        place: what is shown, e.g. ``"wizard:3"``; nothing happens while it stays the same, so
            that a filter or an upload on the same screen does not jump to the top.
        heading: ``"h1"``, ``"h2"`` or ``"h3"``, the level of the screen's title.
        lang: the interface language, for ``<html lang>`` and the skip link's text.
    """
    if st.session_state.get(PLACE_KEY) == place:
        return
    st.session_state[PLACE_KEY] = place
    count = int(st.session_state.get(COUNT_KEY, 0)) + 1
    st.session_state[COUNT_KEY] = count
    st.html(script(count, heading, lang), unsafe_allow_javascript=True)


def refused() -> None:
    """Remember that a button was just refused, so that the next run shows its error in view."""
    st.session_state[REFUSAL_KEY] = True


def on_refusal() -> None:
    """Scroll the just-refused step's error into view and focus it, once per refusal.

    Called after the error is written; a later run of the same screen (choosing a value) leaves
    the scroll position to the user.
    """
    if st.session_state.pop(REFUSAL_KEY, False):
        st.html(_REFUSAL_SCRIPT, unsafe_allow_javascript=True)


def script(count: int, heading: str, lang: str) -> str:
    """The page script: only an integer, a fixed selector and our own JSON-quoted messages."""
    code = as_lang(lang)
    return (
        _SCRIPT.replace("__COUNT__", str(int(count)))
        .replace("__SELECTOR__", SELECTORS[heading])
        .replace("__LANG__", json.dumps(code))
        # Our own message, JSON-quoted, "<" escaped so that it cannot close the script.
        .replace("__SKIP__", json.dumps(message("journey.skip_link", code)).replace("<", "\\u003c"))
    )
