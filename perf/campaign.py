"""A 1,000-establishment campaign through the owner's statistics and exports.

``make perf`` calls :func:`run`; ``.venv/bin/python -m perf.campaign`` runs it alone and prints
the figures. The campaign is generated (``perf.common.random_answer_sets``): 1,000 invited
establishments, 70 % finished, 15 % started (their answers kept), 15 % not started (no answers),
spread over 20 GHTs of about 25 members and establishments outside any GHT.

Figures (median of 3 runs after one warm-up, ``perf.common.median_seconds``):

* ``campaign_1k_table_s``: :func:`diagnostic.method.campaign_stats.scored_table` (building the
  table from the answer objects, then the vectorised scoring);
* ``campaign_1k_summary_s``: :func:`~diagnostic.method.campaign_stats.summary`, no filter;
* ``campaign_1k_csv_s`` and ``campaign_1k_xlsx_s``: the exports of
  :mod:`diagnostic.outputs.campaign_export`, French headers;
* ``campaign_1k_ght_s``: :func:`~diagnostic.method.campaign_stats.ght_view` for the first GHT
  (about 25 members, two thirds finished: one full report each for the consolidated priorities);
* ``campaign_1k_pdf_s``: the steering committee's PDF (every GHT's priorities included), one run:
  it takes seconds, so a screen should build it on demand, not on every rerun.

Each step's peak memory (``_peak_mb``: the most Python allocated above what was already held,
``tracemalloc``) is measured in a separate run, since tracing slows the code it watches.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable
from datetime import date

from diagnostic.content import loader as content
from diagnostic.method.campaign_rows import CampaignInfo, CampaignRow, Status
from diagnostic.method.campaign_stats import ght_view, scored_table, summary
from diagnostic.outputs.campaign_export import campaign_csv, campaign_xlsx
from diagnostic.outputs.campaign_pdf import campaign_pdf
from perf.common import median_seconds, random_answer_sets

ESTABLISHMENTS = 1_000
GHTS = 20
SIZES = ("lt_100", "b100_299", "b300_799", "b800_1999")
DAY = date(2026, 12, 4)
REGIONS = ("ile_de_france", "north_east", "north_west", "south_east", "south_west")


def campaign_rows(q: content.Questionnaire, count: int = ESTABLISHMENTS) -> list[CampaignRow]:
    rng = random.Random(11)
    rows = []
    for i, answers in enumerate(random_answer_sets(q, count, seed=11), 1):
        draw = rng.random()
        status: Status = "finished" if draw < 0.7 else "started" if draw < 0.85 else "not_started"
        ght = f"GHT {rng.randrange(GHTS) + 1:02d}" if rng.random() < 0.6 else ""
        rows.append(
            CampaignRow(
                entry_id=i,
                name=f"Établissement {i:04d}",
                establishment_type=str(answers.profile["establishment_type"]),
                size_band=rng.choice(SIZES),
                region_band=rng.choice(REGIONS),
                ght=ght,
                status=status,
                mode="workshop" if rng.random() < 0.2 else "self_assessment",
                answers=None if status == "not_started" else answers,
            )
        )
    return rows


def peak_mb(func: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def run(results: dict[str, float]) -> None:
    q = content.load_default()
    rows = campaign_rows(q)
    info = CampaignInfo(1, "Campagne de mesure", date(2026, 10, 1), date(2026, 12, 31))
    steps: dict[str, Callable[[], object]] = {
        "campaign_1k_table_s": lambda: scored_table(q, rows),
        "campaign_1k_summary_s": lambda: summary(q, rows),
        "campaign_1k_csv_s": lambda: campaign_csv(q, info, rows, "fr"),
        "campaign_1k_xlsx_s": lambda: campaign_xlsx(q, info, rows, "fr"),
    }
    steps["campaign_1k_ght_s"] = lambda: ght_view(q, rows, "GHT 01", DAY)
    for key, func in steps.items():
        results[key] = median_seconds(func, repeat=3)
        results[key.removesuffix("_s") + "_peak_mb"] = peak_mb(func)
    start = time.perf_counter()
    campaign_pdf(q, info, rows, "fr", DAY)
    results["campaign_1k_pdf_s"] = time.perf_counter() - start


if __name__ == "__main__":
    figures: dict[str, float] = {}
    run(figures)
    for key, value in figures.items():
        unit = "MB peak" if key.endswith("_mb") else "s"
        print(f"{key}: {value:.3f} {unit} for {ESTABLISHMENTS} establishments")
