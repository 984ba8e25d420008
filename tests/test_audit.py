"""The dependency audit's decision: fail on known vulnerabilities, never mistake "not audited" for clean.

pip-audit is not run here (it needs the network); its JSON output and exit status are faked, in
the shapes pip-audit 2.x prints them.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
assert spec and spec.loader
audit = importlib.util.module_from_spec(spec)
sys.modules["audit"] = audit  # dataclasses look their module up while being built
spec.loader.exec_module(audit)

OWN = {"name": "diagnostic-ia-sante", "skip_reason": "distribution marked as editable"}
CLEAN = {"name": "jinja2", "version": "3.1.6", "vulns": []}
VULNERABLE = {
    "name": "jinja2",
    "version": "3.1.4",
    "vulns": [
        {"id": "GHSA-q2x7-8rv6-6q7h", "fix_versions": ["3.1.5"], "aliases": ["CVE-2024-56201"]}
    ],
}


def report(*deps: dict[str, Any]) -> str:
    return json.dumps({"dependencies": list(deps), "fixes": []})


def waivers(text: str) -> dict[str, Any]:
    return dict(audit.parse_waivers(text))


def test_clean_environment_passes_and_says_how_many_were_audited() -> None:
    verdict = audit.decide(0, report(OWN, CLEAN), "", {})
    assert verdict.status == 0
    assert verdict.lines == ["pip-audit: 1 packages audited, no known vulnerability"]


def test_known_vulnerability_fails_with_package_ids_and_fix() -> None:
    verdict = audit.decide(1, report(OWN, CLEAN, VULNERABLE), "", {})
    assert verdict.status == 1
    text = "\n".join(verdict.lines)
    assert "jinja2 3.1.4: GHSA-q2x7-8rv6-6q7h / CVE-2024-56201 (fixed in 3.1.5)" in text
    assert "1 known vulnerabilities without a waiver" in text


@pytest.mark.parametrize("waived_id", ["GHSA-q2x7-8rv6-6q7h", "cve-2024-56201"])
def test_a_written_waiver_by_id_or_alias_lets_it_pass_and_is_shown(waived_id: str) -> None:
    listed = waivers(f"# comment\n\n{waived_id} | 2026-11-01 | sandbox not used by the app\n")
    verdict = audit.decide(1, report(VULNERABLE), "", listed)
    assert verdict.status == 0
    assert any("waived on 2026-11-01: sandbox not used by the app" in ln for ln in verdict.lines)


def test_a_waiver_for_another_advisory_does_not_hide_this_one() -> None:
    listed = waivers("GHSA-aaaa-bbbb-cccc | 2026-11-01 | other\n")
    verdict = audit.decide(1, report(VULNERABLE), "", listed)
    assert verdict.status == 1
    assert any("matched no advisory" in ln and "GHSA-aaaa-bbbb-cccc" in ln for ln in verdict.lines)


@pytest.mark.parametrize(
    "line",
    ["GHSA-x | 2026-11-01", "GHSA-x | | reason", "GHSA-x | 1 Nov 2026 | reason", "GHSA-x"],
)
def test_waiver_without_date_or_reason_is_refused_with_its_line(line: str) -> None:
    with pytest.raises(ValueError, match=r"audit-waivers.txt:2: "):
        audit.parse_waivers(f"# header\n{line}\n")


def test_shipped_waiver_file_is_valid() -> None:
    audit.parse_waivers(audit.WAIVERS.read_text(encoding="utf-8"))


def test_service_that_looked_up_nothing_is_not_reported_as_clean() -> None:
    # pip-audit exits 0 and prints "No known vulnerabilities found" in this case.
    skipped = {
        "name": "altair",
        "skip_reason": "Dependency not found on PyPI and could not be audited: altair (6.3.0)",
    }
    verdict = audit.decide(0, report(OWN, skipped, {**skipped, "name": "attrs"}), "", {})
    assert verdict.status == 0
    assert verdict.lines[0].startswith("pip-audit could not reach the advisory service: ")
    assert "none of the 2 packages could be looked up" in verdict.lines[0]
    assert verdict.lines[0].endswith("dependencies NOT audited")


def test_partly_audited_environment_names_what_was_not_audited() -> None:
    skipped = {"name": "private-lib", "skip_reason": "Dependency not found on PyPI"}
    verdict = audit.decide(0, report(CLEAN, skipped), "", {})
    assert verdict.status == 0
    assert "NOT audited (1, could not be looked up): private-lib" in "\n".join(verdict.lines)


def test_unreachable_service_is_reported_and_not_fatal() -> None:
    stderr = (
        "Traceback (most recent call last):\n  ...\n"
        "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='pypi.org', port=443): "
        "Max retries exceeded (Caused by NameResolutionError(...))\n"
    )
    verdict = audit.decide(1, "", stderr, {})
    assert verdict.status == 0
    assert verdict.lines[0].startswith(
        "pip-audit could not reach the advisory service: requests.exceptions.ConnectionError"
    )
    assert verdict.lines[0].endswith("; dependencies NOT audited")


def test_other_pip_audit_failure_fails_the_check() -> None:
    verdict = audit.decide(1, "", "/usr/bin/python: No module named pip_audit\n", {})
    assert verdict.status == 1
    assert verdict.lines == ["pip-audit failed (exit status 1): "
                             "/usr/bin/python: No module named pip_audit"]  # fmt: skip


def test_main_runs_pip_audit_on_this_environment_and_prints_the_verdict(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calls = []

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        return subprocess.CompletedProcess(command, 1, report(VULNERABLE), "")

    monkeypatch.setattr(audit.subprocess, "run", fake_run)
    monkeypatch.setattr(audit, "WAIVERS", tmp_path / "none.txt")
    assert audit.main() == 1
    assert calls[0][1:3] == ["-m", "pip_audit"] and "--skip-editable" in calls[0]
    assert "GHSA-q2x7-8rv6-6q7h" in capsys.readouterr().err

    (tmp_path / "none.txt").write_text("GHSA-q2x7-8rv6-6q7h | 2026-11-01 | accepted\n", "utf-8")
    assert audit.main() == 0
    assert date(2026, 11, 1).isoformat() in capsys.readouterr().out
