"""The server makes no outbound connection, even when a foreign origin knocks (observed, not assumed).

The app is started on loopback under ``strace -f -e trace=connect``, which records every socket
``connect`` of the server and of all its threads. A WebSocket handshake to ``/_stcore/stream``
with ``Origin: http://evil.example`` comes first, before any page is loaded (so ``app.py`` has not
run yet), then a health check. Every ``connect`` to an internet address (AF_INET/AF_INET6)
counts as an outbound attempt, loopback included: a DNS resolver on 127.0.0.53 would be one too.

The control run starts the same server with plain ``streamlit run app.py``: there the same
handshake makes Streamlit look up the machine's addresses, and the trace shows it. That proves the
trace would see what the product run must not do.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from perf.load_server import free_port, server_command

ROOT = Path(__file__).resolve().parent.parent
STRACE = shutil.which("strace")
CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_INET6?), (.*?)\}")

pytestmark = pytest.mark.skipif(STRACE is None, reason="strace is not installed")


def handshake(port: int, origin: str) -> str:
    """A WebSocket upgrade request as a browser on another site would send it; the status line."""
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
        f"Origin: {origin}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request.encode())
        return s.recv(4096).decode("latin-1").split("\r\n")[0]


def traced_connects(command: list[str], tmp_path: Path) -> tuple[str, list[str]]:
    """Run the server under strace, knock with a foreign origin; (handshake status, connects)."""
    port = free_port()
    trace = tmp_path / "connect.trace"
    env = os.environ | {"DIAGNOSTIC_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    full = [STRACE or "strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *command]
    cmd = [part.replace("{port}", str(port)) for part in full]
    with (tmp_path / "server.log").open("w") as log:
        # A process group of its own: strace and the server it traces are stopped together
        # (terminating strace alone would detach it and leave the server running).
        server = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        pytest.fail((tmp_path / "server.log").read_text()[-2000:])
                    time.sleep(0.2)
            status = handshake(port, "http://evil.example")
            time.sleep(3)  # the look-ups time out after 1 s each: give them time to show
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=30)
    attempts = [f"{family} {where}" for family, where in CONNECT.findall(trace.read_text())]
    return status, attempts


def test_a_foreign_origin_handshake_makes_no_outbound_connection(tmp_path) -> None:
    flags = server_command(0)[5:]
    flags[flags.index("--server.port") + 1] = "{port}"
    status, attempts = traced_connects(
        [sys.executable, "-m", "diagnostic.ui.serve", *flags], tmp_path
    )
    assert status.split()[1] in {"403", "400"}, status  # the foreign origin is refused
    assert attempts == []


def test_control_plain_streamlit_run_is_seen_calling_out(tmp_path) -> None:
    command = server_command(0)
    command[command.index("--server.port") + 1] = "{port}"
    status, attempts = traced_connects(command, tmp_path)
    assert status.split()[1] in {"403", "400"}, status
    assert any("8.8.8.8" in a for a in attempts), attempts  # get_internal_ip's UDP socket
