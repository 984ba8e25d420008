"""Streamlit's production settings stay as documented (reliability notes SEC-03).

A setting that drifts back to Streamlit's default (error details shown, XSRF off, unlimited
uploads, usage statistics sent, any Host accepted) changes nothing visible in a demo, so only a
test notices it. Streamlit ignores unknown keys with a warning, hence the check that every key
is a real option of the installed version.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from diagnostic.method.answers import MAX_IMPORT_BYTES

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    with CONFIG.open("rb") as file:
        return tomllib.load(file)


def test_production_settings(settings: dict[str, Any]) -> None:
    server, client, browser = settings["server"], settings["client"], settings["browser"]
    assert client["showErrorDetails"] == "none"  # no traceback, path or SQL in the browser
    assert client["toolbarMode"] == "viewer"
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    # MB: bounded, and above the importer's own limit, so that a file of 1 to 5 MB gets our FR/EN
    # refusal (import.too_large) instead of Streamlit's English "File must be 1.0MB or smaller".
    assert MAX_IMPORT_BYTES < server["maxUploadSize"] * 1024 * 1024 <= 5 * 1024 * 1024
    assert server["enableStaticServing"] is False
    assert server["enableAgentApi"] is False
    assert browser["gatherUsageStats"] is False
    assert server["headless"] is True
    assert server["fileWatcherType"] == "none"
    # A forced full collection after every rerun serialises a workshop's participants (perf/load.py).
    assert settings["runner"]["postScriptGC"] is False


def test_host_and_origin_allow_lists_are_set_and_keep_localhost_working(
    settings: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit import config
    from streamlit.web.server.starlette import starlette_websocket

    hosts = settings["server"]["allowedHosts"]
    assert hosts and "*" not in hosts
    assert settings["server"]["corsAllowedOrigins"]
    real = config.get_option
    monkeypatch.setattr(
        config, "get_option", lambda key: hosts if key == "server.allowedHosts" else real(key)
    )
    for host in ("localhost:8501", "127.0.0.1:8501", "[::1]:8501"):
        assert starlette_websocket.is_host_allowed(host), host
    for host in ("evil.example", "localhost.evil.example:8501", None):
        assert not starlette_websocket.is_host_allowed(host), host


def test_every_key_is_an_option_of_the_installed_streamlit(settings: dict[str, Any]) -> None:
    from streamlit import config

    known = config.get_config_options()
    keys = [f"{section}.{key}" for section, values in settings.items() for key in values]
    assert len(keys) > 10
    assert [k for k in keys if k not in known or known[k].deprecated] == []


def test_no_secret_in_the_shipped_settings() -> None:
    text = CONFIG.read_text(encoding="utf-8")
    assert "cookieSecret" not in text


def test_the_app_listens_on_loopback_by_default(settings: dict[str, Any], tmp_path: Path) -> None:
    """The file, the Makefile, and a server started as `make run` starts it (no address given)."""
    import os
    import re
    import subprocess
    import sys
    import time
    import urllib.request

    from perf.load_server import free_port

    assert settings["server"]["address"] == "127.0.0.1"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^BIND\s*\?=\s*127\.0\.0\.1$", makefile, re.M)
    assert "--server.address $(BIND)" in makefile
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "diagnostic.ui.serve", "--server.port", str(port)],
        cwd=ROOT,
        env=os.environ | {"DIAGNOSTIC_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        # Every listening socket on that port, from the kernel's tables: only 127.0.0.1.
        listening = []
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    listening.append(address)
        assert listening == ["0100007F"]  # 127.0.0.1, little-endian; not 00000000 (all)
    finally:
        server.terminate()
        server.wait(timeout=30)
