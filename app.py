"""Streamlit entry point: ``make run`` (or ``streamlit run app.py``).

Until the wizard lands, the home page presents the diagnostic and lists its dimensions, in French
by default and in English with ``?lang=en``.
"""

from __future__ import annotations

from diagnostic.ui.home import render

render()
