"""Streamlit entry point: ``make run`` (or ``streamlit run app.py``).

French by default, English with ``?lang=en``; ``?r=<token>`` resumes a saved session.
"""

from __future__ import annotations

from diagnostic.ui import offline
from diagnostic.ui.main import main

offline.no_address_lookups()  # no-op after the first run; see diagnostic/ui/offline.py
main()
