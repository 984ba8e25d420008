"""The anonymised peer pool as files: one CSV row per published cell, and its data dictionary.

Meant to feed the next edition of the national barometer: only cells that
:func:`diagnostic.method.peer_stats.pool_cells` publishes (threshold and complementary
suppression, stage counts included) are written, never a contribution. Columns are stable ids
(``ch``, ``b300_799``, ``governance_median``) with a comma separator and a decimal point, so the
file reads the same in any tool; the dictionary explains every column in the chosen language.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method.peer_stats import Cell, Pool, pool_cells
from diagnostic.outputs.exports import safe_cell

SECRET = "s"  # a stage count not published (secret statistique)
CSV_NAME, DICTIONARY_NAME = "peer_pool.csv", "peer_pool_dictionary.csv"
FIXED = ("kind", "establishment_type", "size_band", "region_band", "n")
STATS = ("q1", "median", "q3")


def columns(pool: Pool) -> list[str]:
    """The pool CSV's columns, in order."""
    return [
        *FIXED,
        *(f"{d}_{stat}" for d in pool.dimensions for stat in STATS),
        *(f"stage_{s}" for s in pool.stages),
    ]


def _row(cell: Cell) -> list[object]:
    row: list[object] = [
        cell.kind,
        cell.establishment_type,
        cell.size_band,
        cell.region_band,
        cell.n,
    ]
    for d in cell.dimensions:
        dist = d.distribution
        row += [f"{dist.q1:.1f}", f"{dist.median:.1f}", f"{dist.q3:.1f}"]
    row += [SECRET if count is None else count for _, count in cell.stages]
    return row


def pool_csv(pool: Pool, min_group: int) -> bytes:
    """One row per published cell; nothing when no cell reaches the threshold (header only)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns(pool))
    for cell in pool_cells(pool, min_group):
        writer.writerow([safe_cell(v) for v in _row(cell)])
    return out.getvalue().encode("utf-8")


def _values(q: Questionnaire, field: str, lang: str) -> str:
    question = next((p for p in q.profile if p.id == field), None)
    if question is None or not question.options:
        return ""
    return "; ".join(f"{o.id} = {o.label.get(lang)}" for o in question.options)


def dictionary_csv(q: Questionnaire, pool: Pool, min_group: int, lang: str) -> bytes:
    """Every column of :func:`pool_csv`, its type and meaning; the first row describes the file."""
    periods = sorted({r.period for r in pool.records})
    span = f"{periods[0]} – {periods[-1]}" if periods else "–"
    versions = ", ".join(sorted({r.questionnaire_version for r in pool.records})) or "–"
    rows: list[tuple[str, str, str]] = [
        (
            "(file)",
            "",
            message(
                "peer.dict.file",
                lang,
                questionnaire=q.id,
                versions=versions,
                periods=span,
                min=min_group,
                secret=SECRET,
            ),
        ),
        ("kind", "text", message("peer.dict.kind", lang)),
        (
            "establishment_type",
            "text",
            message("peer.dict.type", lang, values=_values(q, "establishment_type", lang)),
        ),
        ("size_band", "text", message("peer.dict.size", lang, values=_values(q, "beds", lang))),
        ("region_band", "text", message("peer.dict.region", lang)),
        ("n", "integer", message("peer.dict.n", lang, min=min_group)),
    ]
    words = {
        "q1": message("peer.dict.q1", lang),
        "median": message("peer.dict.median", lang),
        "q3": message("peer.dict.q3", lang),
    }
    for d in pool.dimensions:
        title = q.dimension(d).title.get(lang)
        for stat in STATS:
            text = message("peer.dict.score", lang, stat=words[stat], dimension=title)
            rows.append((f"{d}_{stat}", "decimal", text))
    for s in pool.stages:
        text = message("peer.dict.stage", lang, stage=q.stage(s).name.get(lang), secret=SECRET)
        rows.append((f"stage_{s}", "integer|s", text))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column", "type", "description"])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def write_export(
    out_dir: Path, q: Questionnaire, pool: Pool, min_group: int, lang: str
) -> tuple[Path, Path]:
    """Write both files into ``out_dir`` (created if needed); returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data, dictionary = out_dir / CSV_NAME, out_dir / DICTIONARY_NAME
    data.write_bytes(pool_csv(pool, min_group))
    dictionary.write_bytes(dictionary_csv(q, pool, min_group, lang))
    return data, dictionary
