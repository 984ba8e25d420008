"""The Streamlit interface. The only package, with ``app.py``, allowed to import Streamlit."""
