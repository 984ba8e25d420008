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
    assert 0 < server["maxUploadSize"] <= 1  # MB: answers files are far smaller
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
