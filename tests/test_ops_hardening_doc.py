"""The deployment the operations guide documents keeps the issue-11 hardening: no tokens in the
proxy's log, no public metrics, no foreign origin on the WebSocket, no outbound traffic."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = (Path(__file__).resolve().parent.parent / "docs" / "operations.md").read_text("utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, re.S)


def test_nginx_logs_no_query_string_and_hides_metrics() -> None:
    site = next(b for b in blocks("nginx") if "server_name" in b)
    log_format = re.search(r"log_format diagnostic (.*?);", site, re.S)
    assert log_format is not None
    # $request and $request_uri carry the query string (?r=, ?p= tokens); $uri does not.
    assert "$uri" in log_format.group(1)
    assert not re.search(r"\$(request|request_uri|args|query_string)\b", log_format.group(1))
    assert re.search(r"access_log \S+ diagnostic;", site)
    assert re.search(r"location = /_stcore/metrics \{\s*return 40[34];", site)


def test_nginx_refuses_foreign_origins_on_the_websocket() -> None:
    site = next(b for b in blocks("nginx") if "server_name" in b)
    stream = site[site.index("location = /_stcore/stream") :]
    assert re.search(r"if \(\$diagnostic_foreign_origin\) \{\s*return 403;", stream)
    origin_map = re.search(r"map \$http_origin \$diagnostic_foreign_origin \{(.*?)\}", site, re.S)
    assert origin_map is not None
    assert re.search(r"default\s+1;", origin_map.group(1))


def test_systemd_unit_allows_no_outbound_traffic_and_starts_the_guarded_server() -> None:
    unit = next(b for b in blocks("ini") if "ExecStart" in b and "[Install]" in b)
    assert re.search(r"^IPAddressDeny=any$", unit, re.M)
    assert re.search(r"^IPAddressAllow=localhost", unit, re.M)
    assert "-m diagnostic.ui.serve --server.address 127.0.0.1" in unit
