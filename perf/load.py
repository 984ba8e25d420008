"""Workshop load test: one app process, up to 200 participants, every answer checked in the store.

``python -m perf.load`` (``--quick`` for a 30-second version); ``make perf`` calls :func:`run`.

Design: separate runs at 50, 100, 150 and 200 participants would each take the ~5.5 minutes a
participant needs for 48 answers at 3–10 s each, far beyond the 7.5 minutes this test may take.
So one run adds participants in waves of 50, 20 s apart (50, then 100, 150 and 200 active), each
wave joining over 5 s; every answer is filed under the number of participants active when it was
sent, and each level's p95 comes from its own answers (the waves finishing fill the lower levels
again at the end). The first wave holds 3 real Chromium phones and the three reconnecting
participants: two away 30 s (one coming back as the open tab does, one by reopening its link)
and one away 3 minutes, beyond Streamlit's 120-second session TTL, by reopening its link; these
three think 1–3 s so that they finish within the time. Whoever has not finished when the time is
up stops; only answers the page acknowledged count, and every one must be in the store.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import random
import statistics
import tempfile
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from diagnostic.content import loader as content
from perf import load_report as report
from perf.load_server import Server, create_workshop
from perf.load_sim import Drop, Participant, Run, pick_role, simulate
from perf.stclient import StClient


@dataclass(frozen=True)
class Plan:
    waves: tuple[int, ...]  # participants joining in each wave (browsers, drops in the first)
    wave_gap_s: float
    join_spread_s: float
    think_s: tuple[float, float]
    comment_share: float
    browsers: int
    browser_answers: int
    drops: tuple[Drop, ...]
    drop_think_s: tuple[float, float]
    budget_s: float  # from the first wave to the moment nobody starts another action
    progress_every_s: float
    server_flags: tuple[str, ...] = ()

    @property
    def step(self) -> int:
        return self.waves[0]


FULL = Plan(
    waves=(50, 50, 50, 50), wave_gap_s=20, join_spread_s=5, think_s=(3, 10), comment_share=0.12,
    browsers=3, browser_answers=10,
    drops=(Drop("30s", 8, 30, "tab"), Drop("30s", 8, 30, "link"), Drop("3min", 8, 180, "link")),
    drop_think_s=(1, 3), budget_s=410, progress_every_s=20,
)  # fmt: skip
# Short drops; the server's session TTL is cut to 2 s so that the "3min" drop still outlives it.
QUICK = Plan(
    waves=(5,), wave_gap_s=0, join_spread_s=0.5, think_s=(0.2, 0.5), comment_share=0.2,
    browsers=0, browser_answers=0,
    drops=(Drop("30s", 4, 1, "tab"), Drop("30s", 4, 1, "link"), Drop("3min", 4, 3, "link")),
    drop_think_s=(0.2, 0.5), budget_s=120, progress_every_s=5,
    server_flags=("--server.disconnectedSessionTTL", "2"),
)  # fmt: skip
GRACE_S = 10.0  # after the budget, how long answers already sent may take before we stop waiting


@dataclass
class Outcome:
    people: list[Participant]
    run: Run
    lost: dict[int, list[str]]
    rows: list[report.LevelRow]
    rss_base_mb: float
    rss_peak: tuple[float, int] = (0.0, 0)  # (MB, sessions open) when the most sessions were open
    rss_max_mb: float = 0.0
    browser_tti: list[float] = field(default_factory=list)
    seconds: float = 0.0


def _cast(plan: Plan, rng: random.Random) -> list[tuple[Participant, float, str]]:
    """Everybody with their start time and kind: browsers and drops open the first wave."""
    cast: list[tuple[Participant, float, str]] = []
    for wave, count in enumerate(plan.waves):
        for j in range(count):
            p = Participant(len(cast), wave, pick_role(rng))
            kind = "sim"
            if wave == 0 and j < plan.browsers:
                p.browser, kind = True, "browser"
            elif wave == 0 and j < plan.browsers + len(plan.drops):
                p.drop, kind = plan.drops[j - plan.browsers], "drop"
            cast.append((p, wave * plan.wave_gap_s + rng.uniform(0, plan.join_spread_s), kind))
    return cast


async def _watch(plan: Plan, run: Run, server: Server, out: Outcome) -> None:
    """Sample memory every second, print progress regularly."""
    last_print, printed = time.perf_counter(), 0
    while True:
        await asyncio.sleep(1.0)
        rss, sessions = server.rss_mb(), run.open_sessions
        out.rss_max_mb = max(out.rss_max_mb, rss)
        if sessions >= out.rss_peak[1]:
            out.rss_peak = (
                max(rss, out.rss_peak[0]) if sessions == out.rss_peak[1] else rss,
                sessions,
            )
        if time.perf_counter() - last_print >= plan.progress_every_s:
            last_print = time.perf_counter()
            recent = [s.latency for s in run.samples[printed:] if s.kind == "answer"]
            printed = len(run.samples)
            p95 = f"{report.percentile(recent, 0.95):.2f} s" if recent else "-"
            errors = sum(len(p.errors) for p in out.people)
            print(
                f"  [{time.perf_counter() - run.t0:5.0f} s] active {run.active:3d}, "
                f"sessions {sessions:3d}, answers since last line {len(recent):4d} (p95 {p95}), "
                f"errors {errors}, RSS {rss:.0f} MB",
                flush=True,
            )


async def _participants(plan: Plan, run: Run, server: Server, out: Outcome) -> None:
    cast = _cast(plan, run.rng)
    out.people = [p for p, _, _ in cast]
    browser, playwright = None, None
    if plan.browsers:
        from playwright.async_api import async_playwright

        from perf import load_browser

        playwright = await async_playwright().start()
        browser = await load_browser.launch(playwright)
    watcher = asyncio.create_task(_watch(plan, run, server, out))
    run.t0 = time.perf_counter()
    run.deadline = run.t0 + plan.budget_s
    tasks = []
    for p, start_in, kind in cast:
        if kind == "browser":
            from perf import load_browser

            coro = load_browser.browse(
                run, p, browser, start_in, plan.browser_answers, out.browser_tti
            )
        else:
            think = plan.drop_think_s if kind == "drop" else plan.think_s
            coro = simulate(run, p, start_in, think)
        tasks.append(asyncio.create_task(coro))
    try:
        _, pending = await asyncio.wait(tasks, timeout=plan.budget_s + GRACE_S)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for p, task in zip(out.people, tasks, strict=True):
            if task in pending:
                p.errors.append("stopped: still waiting for the server when the time was up")
    finally:
        watcher.cancel()
        if browser is not None:
            await browser.close()
        if playwright is not None:
            await playwright.stop()


async def _warm_up(url: str) -> None:
    """Load the join page once so that the app's imports are done before measuring anything."""
    client = StClient(url, "view=join&w=WARMUP00")
    await client.connect()
    await client.close()


def _run_async(coro: Coroutine[Any, Any, None]) -> None:
    """``asyncio.run`` in a thread of its own: the caller's thread may already run a loop
    (Playwright's sync API does, in the test session that also runs the browser tests)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coro).result()


def execute(plan: Plan, seed: int = 7, work: Path | None = None) -> Outcome:
    """Start the app, create the workshop, run everybody, check the store; always stops the app.

    The database and the server's log go to ``work`` if given (kept), else to a temp folder.
    """
    started = time.perf_counter()
    q = content.load_default()
    participants = sum(plan.waves)
    with tempfile.TemporaryDirectory(prefix="perf-load-") as scratch:
        tmp = work or Path(scratch)
        db_url = f"sqlite:///{tmp / 'load.sqlite3'}"
        code = create_workshop(db_url, q, participants)
        server = Server(tmp, db_url, plan.server_flags)
        try:
            up = server.start()
            _run_async(_warm_up(server.url))
            time.sleep(1.0)
            base = server.rss_mb()
            print(f"  server up in {up:.1f} s, RSS after warm-up {base:.0f} MB", flush=True)
            run = Run(
                q, server.url, code, plan.think_s, plan.comment_share, 0.0, random.Random(seed)
            )
            out = Outcome([], run, {}, [], base)
            _run_async(_participants(plan, run, server, out))
        finally:
            server.stop()
        out.lost = report.lost_answers(db_url, q, out.people)
    out.rows = report.levels(run.samples, plan.step, participants)
    out.seconds = time.perf_counter() - started
    return out


def summarise(plan: Plan, out: Outcome) -> dict[str, float]:
    """The results keys, and the printed table."""
    results: dict[str, float] = {}
    for row in out.rows:
        results[f"load_{row.level}_p95_s"] = row.stats()[1]
    for level in range(plan.step, sum(plan.waves) + 1, plan.step):
        first = [p for p in out.people if p.wave < level // plan.step]
        results[f"load_{level}_lost"] = float(sum(len(out.lost[p.index]) for p in first))
    results["load_lost"] = float(sum(len(x) for x in out.lost.values()))
    knee, all_pass = report.knee(out.rows)
    results["load_knee_participants"] = float(knee)
    mb, sessions = out.rss_peak
    if sessions:
        results["session_memory_mb"] = (mb - out.rss_base_mb) / sessions
    for label in sorted({d.label for d in plan.drops}):
        away = [p for p in out.people if p.drop and p.drop.label == label]
        results[f"reconnect_{label}_lost"] = float(sum(len(out.lost[p.index]) for p in away))
    drops = [p for p in out.people if p.drop]
    results["reconnect_resumed"] = float(sum(1 for p in drops if p.resumed_ok))
    if out.browser_tti:
        results["load_browser_join_s"] = statistics.median(out.browser_tti)
    results["load_answers"] = float(sum(len(p.acknowledged) for p in out.people))
    results["load_errors"] = float(sum(len(p.errors) for p in out.people))
    results["load_unfinished"] = float(sum(1 for p in out.people if not p.finished))
    print(report.table(out.rows, out.run.samples))
    verdict = "every level passes: the knee is above the highest level tested" if all_pass else ""
    print(f"  knee (p95 <= {report.P95_TARGET_S:.0f} s): {knee} participants {verdict}".rstrip())
    results["load_rss_max_mb"] = out.rss_max_mb
    print(
        f"  RSS {out.rss_base_mb:.0f} MB after warm-up, {mb:.0f} MB with {sessions} sessions open,"
        f" {out.rss_max_mb:.0f} MB at most"
    )
    for p in drops:
        assert p.drop is not None
        print(
            f"  drop {p.drop.label} ({p.drop.how}): resumed at the right question: {p.resumed_ok}, "
            f"finished: {p.finished}, lost: {len(out.lost[p.index])}"
        )
    for p in out.people:
        who = f"participant {p.index} ({'browser' if p.browser else 'sim'})"
        for error in p.errors[:3]:
            print(f"  ! {who}: {error}")
        for lost in out.lost[p.index][:3]:
            print(f"  ! {who} lost {lost}")
    print(f"  whole load test: {out.seconds:.0f} s")
    return results


def run(results: dict[str, float], plan: Plan = FULL) -> None:
    """``make perf``: the full load test; adds its figures to ``results``."""
    print(
        f"load test: waves of {plan.waves} participants, {plan.wave_gap_s:.0f} s apart", flush=True
    )
    results.update(summarise(plan, execute(plan)))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m perf.load", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 participants, short thinks")
    parser.add_argument(
        "--st", action="append", default=[], metavar="KEY=VALUE",
        help="extra streamlit option for an experiment, e.g. runner.postScriptGC=false",
    )  # fmt: skip
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    extra = tuple(x for kv in args.st for x in (f"--{kv.split('=', 1)[0]}", kv.split("=", 1)[1]))
    plan = replace(plan, server_flags=plan.server_flags + extra)
    results: dict[str, float] = {}
    run(results, plan)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
