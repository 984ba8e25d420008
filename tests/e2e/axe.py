"""axe-core (the npm package) for the browser tests: installed once into a cache outside the repo.

``npm install axe-core@<pinned>`` runs the first time into ``$DIAGNOSTIC_TEST_CACHE`` (default
``~/.cache/diagnostic-tests``); later runs use the cached copy and need no network. Without npm or
without network: under ``CI=true`` the tests fail (a missing tool must not pass silently), elsewhere
they are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

AXE_VERSION = "4.14.1"
# WCAG 2.2 AA and below; "best-practice" rules are advice, not the target.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def _cache() -> Path:
    root = os.environ.get("DIAGNOSTIC_TEST_CACHE") or Path.home() / ".cache" / "diagnostic-tests"
    return Path(root) / f"axe-core-{AXE_VERSION}"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"axe-core is required under CI: {reason}")
    pytest.skip(f"axe-core accessibility checks NOT RUN: {reason}")


def axe_source() -> str:
    """The text of axe.min.js, installing the pinned package into the cache on first use."""
    target = _cache()
    script = target / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is not installed (apt-get install npm)")
        target.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(
                [
                    str(npm),
                    "install",
                    "--prefix",
                    str(target),
                    f"axe-core@{AXE_VERSION}",
                    "--no-audit",
                    "--no-fund",
                    "--silent",
                ],
                check=True,
                capture_output=True,
                timeout=300,
                stdin=subprocess.DEVNULL,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            _unavailable(f"npm install axe-core@{AXE_VERSION} failed: {exc}")
    return script.read_text("utf-8")


def violations(page: Any, source: str) -> list[dict[str, Any]]:
    """Serious and critical WCAG violations on the page as shown now (rule, impact, targets).

    The app's style sheet (diagnostic/ui/style.py, darker captions among others) arrives with a
    run's other deltas, possibly after the elements: axe must judge the page as styled, or a
    caption still in Streamlit's pale grey fails the contrast rule (seen under load).
    """
    page.wait_for_function(
        "[...document.querySelectorAll('style')].some(s => s.textContent.includes('stCaption'))"
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id,"
        " impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')),"
        " html: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200)),"
        " data: v.nodes.slice(0, 3).map(n => JSON.stringify(n.any.map(a => a.data)))})))",
        TAGS,
    )
    return [v for v in found if v["impact"] in BLOCKING]
