"""Peer benchmark timings: the first disclosure of a pool, then a results page's panel (cached).

Run: ``python -m perf.peers``. Prints figures; asserts nothing. The pool is synthetic (types
weighted like French establishments, random bands, stages and scores) and fixed by a seed.
"""

from __future__ import annotations

import random
import time

from diagnostic.content import loader as content
from diagnostic.method import peer_stats
from diagnostic.method.bands import REGION_BANDS, SIZE_BANDS, UNKNOWN
from diagnostic.method.peer_stats import PeerRecord, comparable_pool, peer_panel, pool_cells


def main() -> None:
    q = content.load_default()
    dims = [d.id for d in q.dimensions]
    stages = [s.id for s in q.stages]
    types = next(p for p in q.profile if p.id == "establishment_type").options
    weights = [30 if t.id in ("ch", "ehpad") else 5 for t in types]
    rng = random.Random(3)
    for size in (100, 1_000, 5_000):
        records = [
            PeerRecord(
                rng.choices(types, weights)[0].id,
                rng.choice(SIZE_BANDS),
                rng.choice((*REGION_BANDS, UNKNOWN)),
                q.id,
                q.version,
                "2026-T4",
                rng.choice(stages),
                {d: float(rng.randint(0, 100)) for d in dims},
            )
            for _ in range(size)
        ]
        pool = comparable_pool(records, q.id, dims, stages)
        peer_stats._published.cache_clear()
        start = time.perf_counter()
        peer_panel(pool, "ch", "b300_799", 5)
        first = time.perf_counter() - start
        start = time.perf_counter()
        peer_panel(pool, "ch", "b300_799", 5)
        again = time.perf_counter() - start
        start = time.perf_counter()
        cells = pool_cells(pool, 5)
        export = time.perf_counter() - start
        print(
            f"peer_pool_{size}: first panel {first * 1000:.0f} ms, next panels "
            f"{again * 1000:.1f} ms, export cells {export * 1000:.0f} ms ({len(cells)} cells)"
        )


if __name__ == "__main__":
    main()
