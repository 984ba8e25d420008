"""What a director waits for after clicking "Télécharger le PDF", before and after the cache.

Before: every click built the PDF again (the issue measured 6.9 s in French, 4.8 s in English).
After: the first click per answers state builds it, every further click (again, the other file
type, the other language already built) is served from the session's cache.

Run: ``.venv/bin/python -m perf.deliverables`` (prints the figures; asserts nothing).
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

from diagnostic.content import loader as content
from diagnostic.method import answers, benchmarks
from diagnostic.method.report import build_report
from diagnostic.outputs import deliverable_cache, docx_export, pdf

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "chu-grand.yaml"


def _seconds(func: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    q = content.load_default()
    a = answers.read(EXAMPLE.read_bytes(), q)
    report = build_report(q, a, benchmarks.load_editions(), today=date(2026, 12, 4))
    pdf.render(report, "fr")  # warm-up: fonts, chart engine
    rows: list[tuple[str, float]] = []
    for lang in ("fr", "en"):
        rows.append(
            (
                f"PDF {lang}, every click (before)",
                _seconds(lambda lang=lang: pdf.render(report, lang)),
            )
        )
    rows.append(
        ("Word fr, every click (before)", _seconds(lambda: docx_export.render(report, "fr")))
    )
    cache: dict[str, bytes] = {}
    key = deliverable_cache.fingerprint(report, "fr", "pdf")

    def click() -> bytes:
        return deliverable_cache.cached(cache, key, lambda: pdf.render(report, "fr"))

    start = time.perf_counter()
    click()
    rows.append(("PDF fr, first click (after)", time.perf_counter() - start))
    rows.append(("PDF fr, next clicks (after)", _seconds(click, repeat=20)))
    rows.append(
        ("fingerprint of the answers state", _seconds(lambda: deliverable_cache.fingerprint(
            report, "fr", "pdf"), repeat=20))
    )  # fmt: skip
    for label, seconds in rows:
        print(f"{label:<40} {seconds * 1000:10.2f} ms")


if __name__ == "__main__":
    main()
