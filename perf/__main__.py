"""Run every benchmark, print a table and write ``perf/results.json`` (git-ignored).

Each figure is the median of repeated runs after a warm-up. Targets are printed next to the
figures; nothing here fails a build: speed is measured, not asserted in unit tests.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from diagnostic.content import loader as content
from perf.common import median_seconds

RESULTS = Path(__file__).with_name("results.json")


COLD_PDF = """
import time
start = time.perf_counter()
from datetime import date
from pathlib import Path
from diagnostic.method import answers
from diagnostic.method import benchmarks
from diagnostic.content import loader as content
from diagnostic.outputs import pdf
from diagnostic.method.report import build_report
imported = time.perf_counter()
q = content.load_default()
a = answers.read(Path("examples/chu-grand.yaml").read_bytes(), q)
pdf.render(build_report(q, a, benchmarks.load_editions(), today=date(2026, 11, 28)), "fr")
done = time.perf_counter()
print(done - imported, done - start)
"""


def bench_pdf(q: content.Questionnaire, results: dict[str, float]) -> None:
    """Warm: in this process after one render. Cold: a fresh interpreter, imports included."""
    from datetime import date

    from diagnostic.method import answers, benchmarks
    from diagnostic.method.report import build_report
    from diagnostic.outputs import pdf

    a = answers.read(Path("examples/chu-grand.yaml").read_bytes(), q)
    report = build_report(q, a, benchmarks.load_editions(), today=date(2026, 11, 28))
    results["pdf_warm_s"] = median_seconds(lambda: pdf.render(report, "fr"), repeat=5)
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", COLD_PDF], capture_output=True, text=True, check=True
        ).stdout
        runs.append([float(x) for x in out.split()])
    # First call in a process whose modules are loaded: content, chart engine start-up, fonts.
    results["pdf_cold_s"] = statistics.median(r[0] for r in runs)
    results["pdf_fresh_process_s"] = statistics.median(r[1] for r in runs)


def bench_reruns(results: dict[str, float]) -> None:
    """AppTest reruns: an empty script (baseline), a wizard step submit, the results page."""
    import os
    import tempfile

    from streamlit.testing.v1 import AppTest

    os.environ["DIAGNOSTIC_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/perf.sqlite3"
    empty = AppTest.from_string("import streamlit as st", default_timeout=30).run()
    results["empty_app_rerun_ms"] = median_seconds(lambda: empty.run(), repeat=30, warmup=5) * 1000
    at = AppTest.from_file(
        str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60
    ).run()
    q = content.load_default()
    from diagnostic.method import answers

    example = answers.read(Path("examples/chu-grand.yaml").read_bytes(), q)
    at.file_uploader(key="upload-home").set_value(
        ("a.json", answers.dump(example), "application/json")
    ).run()
    at.button(key="goto-1").click().run()

    def submit_step() -> None:
        at.radio(key="q:governance.strategy").set_value(3)
        next(b for b in at.button if "Enregistrer" in b.label).click().run()

    results["wizard_step_rerun_ms"] = median_seconds(submit_step, repeat=15, warmup=3) * 1000
    at.session_state["diagnostic"].view = "results"
    at.run()
    results["results_page_rerun_ms"] = median_seconds(lambda: at.run(), repeat=15, warmup=3) * 1000


# key -> (target as printed, check; None when the figure is shown for information).
TARGETS: dict[str, tuple[str, Callable[[dict[str, float]], bool] | None]] = {
    "content_load_s": ("(information)", None),
    "empty_app_rerun_ms": ("baseline for the two below", None),
    "wizard_step_rerun_ms": (
        "≤ 4 × empty_app_rerun_ms",
        lambda r: r["wizard_step_rerun_ms"] <= 4 * r["empty_app_rerun_ms"],
    ),
    "results_page_rerun_ms": ("≤ 250", lambda r: r["results_page_rerun_ms"] <= 250),
    "score_100k_s": ("≤ 2", lambda r: r["score_100k_s"] <= 2),
    "score_loop_100k_s": ("(per-set loop, for the ratio)", None),
    "score_100k_convert_s": ("(information: building the table from Answers objects)", None),
    "campaign_1k_table_s": ("(information: 1,000-entry campaign, scored table)", None),
    "campaign_1k_summary_s": ("(information: the owner's summary)", None),
    "campaign_1k_csv_s": ("(information: CSV export)", None),
    "campaign_1k_xlsx_s": ("(information: XLSX export with its dictionary)", None),
    "campaign_1k_ght_s": ("(information: one GHT of ~25 members)", None),
    "campaign_1k_pdf_s": ("(information: steering committee PDF)", None),
    "pdf_warm_s": ("≤ 1.5 (CHU example)", lambda r: r["pdf_warm_s"] <= 1.5),
    "pdf_cold_s": ("≤ 3 (first render in a process)", lambda r: r["pdf_cold_s"] <= 3),
    "pdf_fresh_process_s": ("(information: Python imports included)", None),
    "browser_first_paint_s": ("≤ 3", lambda r: r["browser_first_paint_s"] <= 3),
    "browser_first_paint_served_s": ("(information: until the page is served)", None),
    "load_50_p95_s": ("≤ 1", lambda r: r["load_50_p95_s"] <= 1),
    "load_50_lost": ("0", lambda r: r["load_50_lost"] == 0),
    "load_100_p95_s": ("(recorded)", None),
    "load_100_lost": ("0", lambda r: r["load_100_lost"] == 0),
    "load_knee_participants": ("(largest level with p95 ≤ 1 s)", None),
    "session_memory_mb": ("(recorded)", None),
    "reconnect_30s_lost": ("0", lambda r: r["reconnect_30s_lost"] == 0),
    "reconnect_3min_lost": ("0", lambda r: r["reconnect_3min_lost"] == 0),
}


def machine() -> str:
    import os
    import platform

    return (
        f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )


def stage(name: str, func: Callable[[], None], started: float) -> None:
    print(f"[{time.perf_counter() - started:6.0f} s] {name}…", flush=True)
    func()


def main() -> None:
    import importlib

    started = time.perf_counter()
    q = content.load_default()
    results: dict[str, float] = {}
    results["content_load_s"] = median_seconds(lambda: content.load(q.path))
    stage("scoring", lambda: importlib.import_module("perf.scoring").run(results), started)
    stage("batch command", lambda: importlib.import_module("perf.batch").run(results), started)
    stage("campaign", lambda: importlib.import_module("perf.campaign").run(results), started)
    stage("PDF", lambda: bench_pdf(q, results), started)
    stage("AppTest reruns", lambda: bench_reruns(results), started)
    stage(
        "browser first paint",
        lambda: importlib.import_module("perf.first_paint").run(results),
        started,
    )
    stage("workshop load", lambda: importlib.import_module("perf.load").run(results), started)
    results["perf_total_s"] = time.perf_counter() - started
    print()
    print(machine())
    width = max(len(k) for k in results)
    for key, value in results.items():
        target, check = TARGETS.get(key, ("", None))
        verdict = "" if check is None else ("met" if check(results) else "MISSED")
        print(f"{key.ljust(width)}  {value:10.3f}  {verdict:6}  {target}")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
