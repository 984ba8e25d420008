"""AI-maturity diagnostic for French health and care establishments.

The pure core: questionnaire content → validated model → answers → scores → benchmark comparison →
recommendations → one report. Nothing here imports Streamlit; the interface lives in
``diagnostic.ui`` and ``app.py``.
"""

__version__ = "0.1.0"
