"""The app process under load: one ``streamlit run app.py`` on its own SQLite file, and its memory.

Started the way the browser tests start it (tests/e2e/conftest.py): headless, on a free port of
127.0.0.1, no file watcher, output to a file rather than a pipe (a full pipe would block the
server), with the project's own ``.streamlit/config.toml`` (the working directory is the project),
so what is measured is the app as shipped. Extra ``--key value`` flags are for experiments only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from diagnostic.content.loader import Questionnaire
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import store

ROOT = Path(__file__).resolve().parent.parent
HEALTH_TIMEOUT_S = 60.0
# A CHU profile: every dimension is asked (48 questions in questionnaire v1).
PROFILE = {"establishment_type": "chu", "establishment_name": "CHU de la charge"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_command(port: int, *extra_flags: str) -> list[str]:
    """``streamlit run app.py`` on loopback, as the benchmarks and the browser tests start it."""
    return [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        *extra_flags,
    ]  # fmt: skip


def rss_mb(pid: int) -> float:
    """Resident memory of a process from /proc (no psutil): the VmRSS line, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def create_workshop(db_url: str, q: Questionnaire, participants: int) -> str:
    """Create the workshop in the server's database file through the core API; its join code.

    ``max_participants`` is raised above the product's default of 100 so that the stress levels
    can join at all.
    """
    engine = store.make_engine(db_url)
    try:
        created = workshop.create_workshop(
            engine,
            q,
            title="Atelier de charge",
            held_on=date.today(),
            profile=PROFILE,
            max_participants=min(500, participants + 10),
        )
    finally:
        engine.dispose()
    return created.join_code


class Server:
    """One app process; ``start`` waits for its health check, ``stop`` always ends it."""

    def __init__(self, work: Path, db_url: str, extra_flags: tuple[str, ...] = ()) -> None:
        self.work, self.db_url, self.extra_flags = work, db_url, extra_flags
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = work / "streamlit.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        """Start the server; seconds until ``/_stcore/health`` answers ``ok``."""
        command = server_command(self.port, *self.extra_flags)
        env = dict(os.environ, DIAGNOSTIC_DATABASE_URL=self.db_url)
        start = time.perf_counter()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )  # fmt: skip
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore *_proxy
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited:\n{self.log_tail()}")
            try:
                with direct.open(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return time.perf_counter() - start
            except (urllib.error.URLError, OSError):
                pass
            if time.perf_counter() - start > HEALTH_TIMEOUT_S:
                raise RuntimeError(f"streamlit not healthy:\n{self.log_tail()}")
            time.sleep(0.1)  # polling the health endpoint

    def rss_mb(self) -> float:
        return rss_mb(self.process.pid) if self.process and self.process.poll() is None else 0.0

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text("utf-8", errors="replace")
        except OSError as exc:
            return f"(no log: {exc})"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
