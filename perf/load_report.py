"""What the load test concludes: latency per concurrency level, answers lost, memory, reconnects.

Latency is bucketed by how many participants were active (joined, connected, not finished) when
each answer was sent: one staggered run passes through every level, so one run gives every
level's figure. Lost answers are counted against the store itself, read afterwards through the
core API: an acknowledged answer whose value or comment is missing or different is lost.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from diagnostic.content.loader import Questionnaire
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import store
from perf.load_sim import Participant, Sample

P95_TARGET_S = 1.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p95 is a latency that happened)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def level_of(active: int, step: int, top: int) -> int:
    """The concurrency level an answer belongs to: 1–50 active is 50, 51–100 is 100, and so on."""
    return min(top, max(step, math.ceil(active / step) * step))


@dataclass
class LevelRow:
    level: int
    latencies: list[float] = field(default_factory=list)

    def stats(self) -> tuple[float, float, float]:
        xs = self.latencies
        return statistics.median(xs), percentile(xs, 0.95), max(xs)


def levels(samples: list[Sample], step: int, top: int) -> list[LevelRow]:
    rows = {level: LevelRow(level) for level in range(step, top + 1, step)}
    for s in samples:
        if s.kind == "answer":
            rows[level_of(s.active, step, top)].latencies.append(s.latency)
    return [row for row in rows.values() if row.latencies]


def knee(rows: list[LevelRow]) -> tuple[int, bool]:
    """The largest level up to which every level's p95 is within target; and whether all pass."""
    best = 0
    for row in rows:
        if row.stats()[1] > P95_TARGET_S:
            return best, False
        best = row.level
    return best, True


def lost_answers(db_url: str, q: Questionnaire, people: list[Participant]) -> dict[int, list[str]]:
    """Per participant: acknowledged answers missing from the store or stored differently."""
    engine = store.make_engine(db_url)
    lost: dict[int, list[str]] = {}
    try:
        for p in people:
            lost[p.index] = []
            if p.token is None:
                lost[p.index] = [f"{qid}: no token" for qid in p.acknowledged]
                continue
            stored = workshop.my_answers(engine, q, p.token)
            for qid, (value, comment) in p.acknowledged.items():
                found = (stored.answers.get(qid), stored.comments.get(qid))
                if found != (value, comment):
                    lost[p.index].append(f"{qid}: sent {(value, comment)}, stored {found}")
    finally:
        engine.dispose()
    return lost


def table(rows: list[LevelRow], samples: list[Sample]) -> str:
    lines = [f"{'active':>8} {'answers':>8} {'p50 s':>8} {'p95 s':>8} {'max s':>8}"]
    for row in rows:
        p50, p95, top = row.stats()
        lines.append(f"{row.level:>8} {len(row.latencies):>8} {p50:>8.3f} {p95:>8.3f} {top:>8.3f}")
    for kind in ("load", "join", "comment", "next", "reconnect"):
        xs = [s.latency for s in samples if s.kind == kind]
        if xs:
            p50, p95, top = statistics.median(xs), percentile(xs, 0.95), max(xs)
            lines.append(f"{kind:>8} {len(xs):>8} {p50:>8.3f} {p95:>8.3f} {top:>8.3f}")
    return "\n".join(lines)
