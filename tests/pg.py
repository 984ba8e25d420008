"""A throwaway PostgreSQL cluster, and a ``db_url`` fixture that runs a test on SQLite and on it.

Import the fixtures in a test module with ``from .pg import db_url_fixture, engine_fixture,
postgres_server_fixture  # noqa: F401``: the functions carry a ``_fixture`` suffix and register
under the short name, so a test's ``engine`` parameter does not shadow an import (ruff F811).

The cluster is started once per test run in a temporary directory, listens only on a Unix socket
there, and is stopped at exit. PostgreSQL refuses to run as root, so as root the
server commands run as the ``postgres`` system user (Debian's package creates it).

Missing server binaries skip the PostgreSQL tests loudly, except under CI (``CI`` set), where they
fail: CI must run them, never silently pass without them.
"""

from __future__ import annotations

import atexit
import functools
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from diagnostic.workshop import store

from .conftest import require

MISSING = (
    "PostgreSQL server binaries are not installed: run `make test` as root "
    "or apt-get install postgresql"
)
PORT = 54329  # names the socket file only: the server listens on no TCP port
_databases = itertools.count(1)


@dataclass(frozen=True)
class PostgresServer:
    socket_dir: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user="postgres",
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # trusted, test-made identifiers


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _run(prefix: list[str], *args: str | Path) -> None:
    result = subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {result.stdout}\n{result.stderr}")


@functools.cache
def _start_server() -> PostgresServer:
    """Start the cluster once per test process, whichever module asks first; stopped at exit.

    Cached at module level rather than by the fixture alone: each test module imports the fixture,
    and pytest would otherwise start one cluster per importing module.
    """
    bindir = _bin_dir()
    assert bindir is not None
    base = Path(tempfile.mkdtemp(prefix="diag-pg-"))
    data, sockets = base / "data", base / "sock"
    data.mkdir()
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        for path in (base, data, sockets):
            shutil.chown(path, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]

    def stop() -> None:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)

    atexit.register(stop)
    initdb = ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
    _run(prefix, bindir / "initdb", *initdb)
    # fsync off: a throwaway cluster; the crash tests that need durability run on SQLite.
    options = f"-k {sockets} -c listen_addresses='' -p {PORT} -c fsync=off"
    _run(prefix, bindir / "pg_ctl", "-D", data, "-o", options, "-l", base / "log", "-w", "start")
    return PostgresServer(sockets, PORT)


@pytest.fixture(scope="session", name="postgres_server")
def postgres_server_fixture() -> PostgresServer:
    require(_bin_dir() is not None, MISSING)
    return _start_server()


@pytest.fixture(
    name="db_url", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def db_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a new database on the test cluster."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workshop.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{os.getpid()}_{next(_databases)}"
    server.admin(f"CREATE DATABASE {name}")
    try:
        yield server.url(name)
    finally:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(name="engine")
def engine_fixture(db_url: str) -> Iterator[Engine]:
    e = store.make_engine(db_url)
    yield e
    e.dispose()
