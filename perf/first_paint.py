"""``browser_first_paint_s``: from ``streamlit run`` to the home page usable in Chromium.

What a user of a freshly (re)started service waits for: the Python server starting, the page and
its scripts loading, the WebSocket connecting and the first script run (which imports the
application and loads the content). Chromium is started before the clock starts, so its own
start-up is not counted; each run gets a fresh browser context (no cache), a fresh SQLite file
and a fresh server process. The page is polled until the server answers, then the run waits for
the home page's start button and for Streamlit to report the script finished.

Run alone with ``python -m perf.first_paint``; ``make perf`` calls ``run``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from perf.load_server import free_port, server_command

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Same flags as the browser tests (tests/e2e/conftest.py): no background calls on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
APP = "[data-testid=stApp]"
READY = f"{APP}[data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"
START_BUTTON = ".st-key-start button"  # the home page's "start the diagnostic" button
TIMEOUT_S = 60.0
RUNS, WARMUP = 3, 1


def one_run(browser: Any, work: Path) -> tuple[float, float]:
    """Seconds from launching the server to (page first served, home page interactive)."""
    from playwright.sync_api import Error as PlaywrightError

    port = free_port()
    env = dict(os.environ, DIAGNOSTIC_DATABASE_URL=f"sqlite:///{work / 'diagnostic.sqlite3'}")
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = (work / "streamlit.log").open("wb")
    start = time.perf_counter()
    server = subprocess.Popen(
        server_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while True:  # poll the page itself: refused until the server listens
            if server.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with code {server.returncode}, see {log.name}"
                )
            if time.perf_counter() - start > TIMEOUT_S:
                raise TimeoutError(f"no page after {TIMEOUT_S:.0f} s, see {log.name}")
            try:
                page.goto(f"http://127.0.0.1:{port}/", timeout=TIMEOUT_S * 1000)
                break
            except PlaywrightError:
                time.sleep(0.02)  # connection refused comes back at once; do not spin
        served = time.perf_counter() - start
        page.wait_for_selector(START_BUTTON, state="visible", timeout=TIMEOUT_S * 1000)
        page.wait_for_selector(READY, timeout=TIMEOUT_S * 1000)
        if not page.locator(START_BUTTON).is_enabled():
            raise RuntimeError("the start button is visible but disabled")
        interactive = time.perf_counter() - start
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()
        context.close()
    return served, interactive


def run(results: dict[str, float]) -> None:
    """Median of RUNS runs after WARMUP (the first one pays for a cold disk cache)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print("  browser_first_paint_s skipped: Debian's chromium is not installed", flush=True)
        return
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for index in range(WARMUP + RUNS):
                with tempfile.TemporaryDirectory(prefix="first-paint-") as work:
                    served, interactive = one_run(browser, Path(work))
                print(f"  run {index}: page served {served:.2f} s, interactive {interactive:.2f} s")
                if index >= WARMUP:
                    runs.append((served, interactive))
        finally:
            browser.close()
    results["browser_first_paint_s"] = statistics.median(r[1] for r in runs)
    # For the profile: how much of it is the server starting, before any page could load.
    results["browser_first_paint_served_s"] = statistics.median(r[0] for r in runs)


if __name__ == "__main__":
    figures: dict[str, float] = {}
    run(figures)
    for key, value in figures.items():
        print(f"{key}: {value:.3f}")
