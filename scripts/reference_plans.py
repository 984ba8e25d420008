"""Print, per reference establishment (tests/plans), the composed plan in one block.

Plan length, P0/P1 counts, confidence and the five priorities with owner and due date; used for
the closing note of issue 12 and to eyeball plans. Usage: python scripts/reference_plans.py
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from diagnostic.content import loader as content
from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.report import build_report
from diagnostic.outputs import plan_text

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 12, 4)


def main(lang: str = "fr") -> int:
    q = content.load_default()
    editions = benchmarks.load_editions()
    files = sorted((ROOT / "tests" / "plans").glob("*.yaml"))
    files = [f for f in files if not f.name.endswith(".expect.yaml")]
    files += sorted((ROOT / "examples").glob("*.yaml"))
    for path in files:
        report = build_report(q, read(path.read_bytes(), q), editions, today=DAY)
        comp = report.composition
        p0 = sum(i.priority == "P0" for i in comp.items)
        p1 = sum(i.priority == "P1" for i in comp.items)
        conf = comp.confidence
        print(
            f"{path.parent.name}/{path.stem}: {len(comp.items)} actions (+{len(comp.later)} later),"
            f" P0 {p0}, P1 {p1}, confidence {conf.overall.level}"
            f" ({conf.overall.dont_know_share:.0%} don't know)"
            f"{', indicative' if conf.indicative else ''}{', socle' if comp.socle else ''},"
            f" to check {len(comp.checklist)}"
        )
        for n, item in enumerate(comp.priorities, start=1):
            print(
                f"  {n}. [{item.priority}] {item.id} — {plan_text.role(item.owner, lang)},"
                f" {item.due.isoformat()} ({item.category})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
