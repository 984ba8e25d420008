"""A few CSS rules Streamlit has no option for: visible keyboard focus, its English upload line.

Constant text only (no user data), sent as a style-only ``st.html`` (Streamlit puts it in the event
container: no space taken). ``scripts/check_sinks.py`` allows this one call site.
"""

from __future__ import annotations

import streamlit as st

# WCAG 2.2 AA 2.4.7/2.4.11: the focused radio option was marked only by a faint grey background.
# A 3 px dark-blue outline (8.6:1 on white) on the option whose input has the keyboard focus.
# Streamlit's upload box prints "<size> per file • JSON, YAML" in English (and Streamlit's own
# limit, not the importer's 1 MB): hidden, the field's caption says it in the user's language.
# Captions are drawn at 60 % opacity, 14 px (axe: 2.9:1, under AA's 4.5:1): opaque #4f5261, 7.9:1.
CSS = """<style>
[data-testid="stRadio"] label:has(input:focus-visible),
[data-testid="stCheckbox"] label:has(input:focus-visible) {
  outline: 3px solid #1f4e99;
  outline-offset: 2px;
  border-radius: 4px;
}
[data-testid="stMain"] :is(h1, h2, h3)[tabindex="-1"]:focus { outline: none; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stCaptionContainer"] { opacity: 1; }
[data-testid="stMarkdownContainer"] blockquote { opacity: 1; }
[data-testid="stMarkdownContainer"] blockquote :is(p, li, strong, em) { color: #3d3f4a !important; }
[data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] :is(p, li, span, strong, em) { color: #4f5261 !important; }
</style>"""


def apply() -> None:
    """Add the rules to the page (every run: Streamlit drops elements a run does not draw)."""
    st.html(CSS)
