"""A file over the importer's 1 MB limit is refused in French, by us, not by Streamlit in English.

Streamlit's uploader refuses a file larger than ``server.maxUploadSize`` itself, in its frontend,
with an English-only "File must be 1.0MB or smaller". The limit is set above the importer's, so
a 1.5 MB file reaches the importer and gets its localised ``import.too_large``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import rerun_after
from .test_browser_wizard import open_home

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_an_oversized_answers_file_is_refused_in_french(page: Any, server: str, tmp_path) -> None:
    big = Path(tmp_path) / "reponses.json"
    big.write_bytes(b'{"schema_version": 1, "padding": "' + b"x" * 1_500_000 + b'"}')
    open_home(page, server)
    field = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    rerun_after(page, lambda: field.set_input_files(str(big)))
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("au-delà de la limite")
    expect(page.get_by_text("File must be")).to_have_count(0)
