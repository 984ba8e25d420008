"""The wizard's progress bar moves as each question of a step is answered, before "Suivant".

A step is a form: nothing reaches the server until it is submitted, so the bar said "0 réponses"
while the user answered ten questions. This constant script, sent with the step's numbers, follows
clicks and keys on the radios and redraws the bar's text and width from the question radios that
are checked (the evidence radios, inside expanders, are left out). The next server run redraws the
bar from the saved answers, with the same numbers.

Constant text plus integers and our own JSON-quoted messages (no user data); allowed by
``scripts/check_sinks.py``. No "<" + letter in the script: Streamlit's sanitizer would drop it.
"""

from __future__ import annotations

import json

import streamlit as st

from diagnostic.i18n import message

_SCRIPT = """<script>
(() => {
  const w = window, d = document;
  w.__liveProgress = __NUMBERS__;
  const update = () => {
    const p = w.__liveProgress;
    const main = d.querySelector('[data-testid=stMain]');
    const form = main && main.querySelector('[data-testid=stForm]');
    const bar = main && main.querySelector('[data-testid=stProgress]');
    if (!p || !form || !bar) return;
    const groups = [...form.querySelectorAll('[data-testid=stRadio]')]
      .filter(g => !g.closest('[data-testid=stExpander]'));
    const now = groups.filter(g => g.querySelector('input:checked')).length;
    const answered = p.answered - p.stepAnswered + now;
    const share = p.asked ? Math.round(100 * answered / p.asked) : 0;
    const said = p.text.replace('{answered}', answered).replace('{asked}', p.asked);
    const label = bar.querySelector('[data-testid=stMarkdownContainer] p');
    if (label) label.textContent = said;
    const meter = bar.querySelector('[role=progressbar]');
    if (meter) {
      meter.setAttribute('aria-valuenow', String(share));
      meter.setAttribute('aria-valuetext', said);
      meter.setAttribute('aria-label', p.label);
    }
    const fill = bar.querySelector('[data-testid=stProgressBarTrack] > div');
    if (fill) fill.style.transform = 'translateX(' + (share - 100) + '%)';
  };
  if (!w.__liveProgressInstalled) {
    w.__liveProgressInstalled = true;
    // Streamlit's radios (React Aria) fire no "change" event: follow clicks and keys instead.
    const later = (e) => {
      if (e.target && e.target.closest && e.target.closest('[data-testid=stRadio]')) {
        w.setTimeout(update, 50);
        w.setTimeout(update, 300);
      }
    };
    d.addEventListener('click', later, true);
    d.addEventListener('keyup', later, true);
  }
})();
</script>"""


def script(answered: int, asked: int, step_answered: int, lang: str) -> str:
    """The script for a step: totals from the saved answers, and this step's saved count."""
    numbers = {
        "answered": int(answered),
        "asked": int(asked),
        "stepAnswered": int(step_answered),
        "text": message("wizard.progress", lang, answered="{answered}", asked="{asked}"),
        "label": message("journey.progress_label", lang),
    }
    return _SCRIPT.replace("__NUMBERS__", json.dumps(numbers).replace("<", "\\u003c"))


def render(answered: int, asked: int, step_answered: int, lang: str) -> None:
    """Add the script under the progress bar (it runs again only when its numbers change)."""
    st.html(script(answered, asked, step_answered, lang), unsafe_allow_javascript=True)
