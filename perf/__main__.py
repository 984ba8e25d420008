"""Run every benchmark, print a table and write ``perf/results.json`` (git-ignored).

Each figure is the median of repeated runs after a warm-up. Targets are printed next to the
figures; nothing here fails a build: speed is measured, not asserted in unit tests.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from diagnostic import content
from diagnostic.answers import Answers
from diagnostic.conditions import Facts, allows_not_applicable
from diagnostic.scoring import score

RESULTS = Path(__file__).with_name("results.json")


def median_seconds(func: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def random_answer_sets(q: content.Questionnaire, count: int, seed: int = 7) -> list[Answers]:
    rng = random.Random(seed)
    types = [o.id for o in q.profile_by_id["establishment_type"].options]
    tools = [o.id for o in q.profile_by_id["ai_tools"].options]
    sets = []
    for _ in range(count):
        profile = {
            "establishment_type": rng.choice(types),
            "ai_tools": tuple(t for t in tools if rng.random() < 0.3),
        }
        facts = Facts(profile=profile)
        answers: dict[str, int | str] = {}
        for qid, question in q.questions.items():
            choices: list[int | str | None] = [None, 0, 1, 2, 3, 4, "dont_know"]
            if allows_not_applicable(question, facts):
                choices.append("not_applicable")
            value = rng.choice(choices)
            if value is not None:
                answers[qid] = value
        sets.append(Answers(q.id, q.version, profile, answers))
    return sets


def bench_scoring(q: content.Questionnaire, results: dict[str, float]) -> None:
    sets = random_answer_sets(q, 2_000)
    seconds = median_seconds(lambda: [score(q, a) for a in sets], repeat=3)
    results["score_loop_100k_s"] = seconds / len(sets) * 100_000


COLD_PDF = """
import time
start = time.perf_counter()
from datetime import date
from pathlib import Path
from diagnostic import answers, benchmarks, content, pdf
from diagnostic.report import build_report
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

    from diagnostic import answers, benchmarks, pdf
    from diagnostic.report import build_report

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
    from diagnostic import answers

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


def main() -> None:
    q = content.load_default()
    results: dict[str, float] = {}
    results["content_load_s"] = median_seconds(lambda: content.load(q.path))
    bench_scoring(q, results)
    bench_pdf(q, results)
    bench_reruns(results)
    targets = {
        "wizard_step_rerun_ms": "target ≤ 4 × empty_app_rerun_ms",
        "results_page_rerun_ms": "target ≤ 250",
        "score_loop_100k_s": "(per-set loop, extrapolated from 2,000 sets)",
        "pdf_warm_s": "target ≤ 1.5 (CHU example)",
        "pdf_cold_s": "target ≤ 3 (first call: content load, chart engine start-up, fonts)",
        "pdf_fresh_process_s": "(for information: the same with Python imports included)",
    }
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key.ljust(width)}  {value:10.3f}  {targets.get(key, '')}")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
