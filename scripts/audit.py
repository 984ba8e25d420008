"""Audit the installed dependencies for known vulnerabilities with pip-audit (run by `make check`).

A hospital's IT department asks which advisories affect what it hosts, so a known vulnerability
fails the check unless `scripts/audit-waivers.txt` holds a written waiver for it (id, date,
reason). An advisory service that cannot be reached must not block a build on a closed network,
but it must never pass for a clean audit either: pip-audit itself says "No known vulnerabilities
found" and exits 0 when it could look up none of the packages (seen on a registry mirror that does
not serve PyPI's per-version JSON), so this script reads pip-audit's JSON and says plainly when
nothing, or only part, was audited. The decision is the pure function ``decide`` so that it can be
tested without the network.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAIVERS = ROOT / "scripts" / "audit-waivers.txt"
# -l: the packages of the environment running this script (the project's venv), not the system's;
# --skip-editable: the project itself is not on PyPI. Aliases let a waiver name the CVE or GHSA id.
COMMAND = [
    sys.executable, "-m", "pip_audit", "--local", "--skip-editable", "--format", "json",
    "--progress-spinner", "off", "--aliases", "on", "--desc", "off", "--timeout", "15",
]  # fmt: skip
TIMEOUT_S = 300
# What requests/urllib3 print when the service is out of reach (DNS, refused, proxy, TLS, timeout).
UNREACHABLE = re.compile(
    r"ConnectionError|ProxyError|NameResolutionError|Max retries exceeded|Timeout|SSLError|"
    r"Temporary failure in name resolution|Name or service not known|Connection refused|"
    r"ServiceError",
)
EDITABLE = "marked as editable"


@dataclass(frozen=True)
class Waiver:
    """A written decision to accept one advisory for now."""

    id: str
    granted: date
    reason: str


@dataclass
class Verdict:
    """What to print and the exit status of `make check`'s audit step."""

    status: int
    lines: list[str] = field(default_factory=list)


def parse_waivers(text: str) -> dict[str, Waiver]:
    """Read ``ID | YYYY-MM-DD | reason`` lines; ``#`` starts a comment.

    A waiver without a date or a reason is refused (ValueError with the line number): the point of
    the file is that someone wrote down why and when an advisory was accepted.
    """
    waivers: dict[str, Waiver] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"audit-waivers.txt:{number}: expected 'ID | YYYY-MM-DD | reason'")
        try:
            granted = date.fromisoformat(parts[1])
        except ValueError:
            raise ValueError(
                f"audit-waivers.txt:{number}: {parts[1]!r} is not a date (YYYY-MM-DD)"
            ) from None
        waivers[parts[0].upper()] = Waiver(parts[0], granted, parts[2])
    return waivers


def _unreachable(detail: str) -> Verdict:
    return Verdict(
        0,
        [
            f"pip-audit could not reach the advisory service: {detail}; dependencies NOT audited",
            "  (not fatal: run `make check` again with network access to audit them)",
        ],
    )


def decide(returncode: int, stdout: str, stderr: str, waivers: dict[str, Waiver]) -> Verdict:
    """Turn one pip-audit run into a verdict.

    Known vulnerabilities without a waiver fail (status 1). An unreachable service, or one that
    could look up none of the packages, is reported and passes (status 0). Any other failure of
    pip-audit fails, so that a broken audit step is not mistaken for a clean one.
    """
    try:
        report = json.loads(stdout)
        dependencies = report["dependencies"]
    except (json.JSONDecodeError, KeyError, TypeError):
        last = next((ln for ln in reversed(stderr.strip().splitlines()) if ln.strip()), "")
        if UNREACHABLE.search(stderr):
            return _unreachable(last.strip()[:300])
        return Verdict(1, [f"pip-audit failed (exit status {returncode}): {last.strip()[:300]}"])

    audited = [d for d in dependencies if "vulns" in d]
    skipped = [
        d for d in dependencies if "vulns" not in d and EDITABLE not in d.get("skip_reason", "")
    ]
    if skipped and not audited:
        reason = skipped[0].get("skip_reason", "no reason given")
        return _unreachable(f"none of the {len(skipped)} packages could be looked up ({reason})")

    found, waived, used = [], [], set()
    for dep in audited:
        for vuln in dep["vulns"]:
            ids = [vuln["id"], *vuln.get("aliases", [])]
            waiver = next((waivers[i.upper()] for i in ids if i.upper() in waivers), None)
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            text = f"{dep['name']} {dep['version']}: {' / '.join(ids)} (fixed in {fixes})"
            if waiver is None:
                found.append(text)
            else:
                used.add(waiver.id.upper())
                waived.append(f"{text} — waived on {waiver.granted}: {waiver.reason}")

    lines = [f"pip-audit: {len(audited)} packages audited"]
    if skipped:
        names = ", ".join(sorted(d["name"] for d in skipped))
        lines.append(f"  NOT audited ({len(skipped)}, could not be looked up): {names}")
    lines += [f"  waived: {w}" for w in waived]
    lines += [
        f"  waiver matched no advisory in this run (remove it once upgraded): {w.id}"
        for key, w in waivers.items()
        if key not in used
    ]
    if found:
        lines.append(f"  {len(found)} known vulnerabilities without a waiver:")
        lines += [f"    {f}" for f in found]
        lines.append("  upgrade the package, or add a waiver to scripts/audit-waivers.txt")
        return Verdict(1, lines)
    lines[0] += ", no known vulnerability" + (" without a waiver" if waived else "")
    return Verdict(0, lines)


def main() -> int:
    try:
        waivers = parse_waivers(WAIVERS.read_text(encoding="utf-8") if WAIVERS.exists() else "")
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        done = subprocess.run(
            COMMAND, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        verdict = _unreachable(f"no answer within {TIMEOUT_S} s")
    else:
        verdict = decide(done.returncode, done.stdout, done.stderr, waivers)
    for line in verdict.lines:
        print(line, file=sys.stderr if verdict.status else sys.stdout)
    return verdict.status


if __name__ == "__main__":
    sys.exit(main())
