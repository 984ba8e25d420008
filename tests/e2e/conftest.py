"""Fixtures for the browser tests: a real Streamlit server and Debian's chromium driven by Playwright.

The server runs once per test session against its own SQLite file; every test gets a fresh browser
context (so a fresh Streamlit session). Waiting is done on the attributes Streamlit puts on its root
element and on the runs the server reports as finished, never with sleeps.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from perf.load_server import free_port, server_command

from ..conftest import require

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HEALTH_TIMEOUT_S = 30.0
IDLE_TIMEOUT_MS = 30_000
# Without a run counter, how long to look for the "running" state before assuming it was missed.
RUNNING_GLIMPSE_MS = 1_000

APP = "[data-testid=stApp]"
CONNECTED = f"{APP}[data-test-connection-state=CONNECTED]"
RUNNING = f"{APP}[data-test-script-state=running]"
NOT_RUNNING = f"{APP}[data-test-script-state=notRunning]"

# The script-state attribute is not enough to tell that a rerun happened: a quick rerun can go from
# notRunning to notRunning without "running" ever being rendered (React batches the updates). So
# every page also counts the runs the server reports as finished: each WebSocket message is a
# ForwardMsg protobuf, whose field 6 (script_finished, a varint) ends a run; value 2
# (FINISHED_EARLY_FOR_RERUN) is a run cut short by another, not counted. Installed before the
# app's own scripts by the `new_page` fixture; the counter starts at 0 on every page load.
RUN_COUNTER_JS = """
(() => {
  window.__stFinishedRuns = 0;
  const Native = window.WebSocket;
  const varint = (bytes, pos) => {
    let value = 0, shift = 0, b;
    do { b = bytes[pos++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return [value, pos];
  };
  const scriptFinished = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let pos = 0;
    while (pos < bytes.length) {
      let tag, value;
      [tag, pos] = varint(bytes, pos);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) {
        [value, pos] = varint(bytes, pos);
        if (field === 6) return value !== 2;
      } else if (wire === 2) {
        [value, pos] = varint(bytes, pos);
        pos += value;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else return false;
    }
    return false;
  };
  class CountingWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && scriptFinished(event.data)) {
          window.__stFinishedRuns += 1;
        }
      });
    }
  }
  window.WebSocket = CountingWebSocket;
})();
"""


def run_count(page: Any) -> int:
    """How many script runs have finished in this page since it was (re)loaded."""
    return int(page.evaluate("window.__stFinishedRuns || 0"))


def wait_idle(page: Any, runs_before: int | None = None) -> None:
    """Wait until the app is connected and its script has finished running.

    The script state turns to "running" asynchronously after an action, so right after one the app
    may still say "notRunning" from the previous run. With ``runs_before`` (``run_count`` taken
    before the action, or 0 right after a page load) wait until the server has finished a new
    run; without it, look briefly for the running state and go on if it was not seen.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(CONNECTED, timeout=IDLE_TIMEOUT_MS)
    if runs_before is not None:
        page.wait_for_function(
            "n => (window.__stFinishedRuns || 0) > n", arg=runs_before, timeout=IDLE_TIMEOUT_MS
        )
    else:
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_selector(RUNNING, timeout=RUNNING_GLIMPSE_MS)
    page.wait_for_selector(NOT_RUNNING, timeout=IDLE_TIMEOUT_MS)


def rerun_after(page: Any, action: Callable[[], Any]) -> None:
    """Do ``action`` (which makes the app rerun) and wait until that rerun is over."""
    before = run_count(page)
    action()
    wait_idle(page, before)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    require(
        CHROMIUM.exists(),
        "Debian's chromium is not installed: run `make test` as root or `apt-get install chromium`",
    )
    return CHROMIUM


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text("utf-8", errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(no log: {exc})"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a Streamlit server running app.py, with its own SQLite store."""
    work = tmp_path_factory.mktemp("e2e-server")
    log_path = work / "streamlit.log"
    port = free_port()
    env = dict(os.environ)
    env["DIAGNOSTIC_DATABASE_URL"] = f"sqlite:///{work / 'diagnostic.sqlite3'}"
    command = server_command(port)
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore *_proxy
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with code {process.returncode}:\n{_tail(log_path)}")
            try:
                with direct.open(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy after {HEALTH_TIMEOUT_S:.0f} s:\n{_tail(log_path)}"
                )
            time.sleep(0.1)  # polling the health endpoint, not waiting on the page
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[[], Any]]:
    """Open pages, each in its own browser context (its own cookies, so its own Streamlit session)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    contexts: list[Any] = []

    def open_page() -> Any:
        context = browser.new_context(
            accept_downloads=True, locale="fr-FR", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(IDLE_TIMEOUT_MS)
        context.add_init_script(RUN_COUNTER_JS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[[], Any]) -> Any:
    return new_page()
