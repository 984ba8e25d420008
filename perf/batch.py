"""``diagnostic batch`` on a campaign of 10,000 generated establishments, end to end.

``make perf`` calls :func:`run`; ``.venv/bin/python -m perf.batch`` runs it alone and prints the
time. The campaign is written as a CSV (``perf.scoring.campaign_frame``: random types, tools and
answers) in a temporary folder, then the real command runs on it: reading the CSV, scoring, the
CSV and XLSX outputs and the summary. Figures: ``batch_10k_s`` (with XLSX) and
``batch_10k_csv_only_s`` (``--no-xlsx``), one run each (the command is seconds long).
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from pathlib import Path

from diagnostic import cli
from diagnostic.content import loader as content
from perf.scoring import campaign_frame

ESTABLISHMENTS = 10_000


def run(results: dict[str, float]) -> None:
    q = content.load_default()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "campaign.csv"
        frame = campaign_frame(q, ESTABLISHMENTS)
        frame.index = [f"FINESS-{i:09d}" for i in range(len(frame))]
        frame.to_csv(source, index_label="id")
        for name, extra in (("batch_10k_s", []), ("batch_10k_csv_only_s", ["--no-xlsx"])):
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                code = cli.main(["batch", str(source), "-o", str(Path(tmp) / "out"), *extra])
            results[name] = time.perf_counter() - start
            if code != 0:
                raise RuntimeError(f"diagnostic batch exited with {code}")


if __name__ == "__main__":
    figures: dict[str, float] = {}
    run(figures)
    for key, value in figures.items():
        print(f"{key}: {value:.2f} s for {ESTABLISHMENTS} establishments")
