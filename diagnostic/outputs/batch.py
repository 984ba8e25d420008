"""Score a whole campaign: a folder of answers files or a CSV of many establishments at once.

Why: a consultant or a purchasing body runs the diagnostic across tens or thousands of
establishments and needs one table (one row each: scores, visibility, stage, red flags) to sort,
filter and share, plus a summary. The scoring is :func:`diagnostic.method.scoring_batch.score_many`,
which equals :func:`diagnostic.method.scoring.score` row for row.

Inputs: a folder (every ``*.yaml``, ``*.yml`` and ``*.json`` answers file in it, each row named
after its file) or a CSV laid out as :mod:`diagnostic.method.scoring_batch_frame` describes, with an
optional identifier column (``--id-column``, default ``id``) naming each row.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from diagnostic.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from diagnostic.content.loader import Questionnaire

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
CHUNK = 2_000  # rows scored at once: a progress step, and bounded memory on huge campaigns
PROGRESS_FROM = 5_000  # rows (or 200 files) before a progress bar is worth showing
BAR = 30
Progress = Callable[[int, int], None]


def progress_bar(stream: TextIO, label: str) -> Progress:
    """A progress callback drawing ``label [#####     ] 40 % 4000/10000`` on ``stream``."""

    def show(done: int, total: int) -> None:
        filled = BAR * done // max(total, 1)
        percent = 100 * done // max(total, 1)
        end = "\n" if done >= total else ""
        bar = "#" * filled + " " * (BAR - filled)
        stream.write(f"\r{label} [{bar}] {percent:3d} % {done}/{total}{end}")
        stream.flush()

    return show


def read_folder(
    q: Questionnaire, folder: Path, lang: str, progress: Progress | None
) -> pd.DataFrame:
    """One row per answers file, indexed by file name; a bad file is refused, named."""
    from diagnostic.method import answers as answers_mod
    from diagnostic.method.scoring_batch import frame_from_answers

    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES)
    if not files:
        raise InputError("batch.empty_folder", {"path": str(folder)[:200]})
    sets = []
    for i, path in enumerate(files, 1):
        try:
            sets.append(answers_mod.read(path.read_bytes(), q))
        except InputError as exc:
            raise InputError(
                "batch.bad_file", {"file": path.name, "problem": exc.render(lang)}
            ) from None
        except OSError as exc:
            raise InputError(
                "cli.cannot_read", {"path": str(path), "reason": exc.strerror}
            ) from None
        if progress is not None and (i % 50 == 0 or i == len(files)):
            progress(i, len(files))
    frame = frame_from_answers(q, sets)
    frame.index = [p.name for p in files]
    return frame


def read_csv(path: Path, id_column: str) -> pd.DataFrame:
    """The CSV as text cells (levels are checked by the scoring), indexed by ``id_column``."""
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(
            "batch.bad_csv", {"path": str(path)[:200], "reason": str(exc)[:200]}
        ) from None
    if id_column in frame.columns:
        frame = frame.set_index(id_column)
    else:
        frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    return frame


def load(q: Questionnaire, source: Path, id_column: str, lang: str) -> pd.DataFrame:
    """The campaign table from a folder of answers files or a CSV."""
    if source.is_dir():
        many = sum(1 for p in source.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES) >= 200
        bar = progress_bar(sys.stderr, "read") if many else None
        return read_folder(q, source, lang, bar)
    if source.suffix.lower() == ".csv" and source.is_file():
        return read_csv(source, id_column)
    raise InputError("batch.bad_source", {"path": str(source)[:200]})


def score_rows(q: Questionnaire, frame: pd.DataFrame, progress: Progress | None) -> pd.DataFrame:
    """One result row per establishment: stage, overall, each dimension's score and visibility,
    and the raised red flags (ids joined by ``|``), in chunks so that a bar can follow."""
    import pandas as pd

    from diagnostic.method.scoring_batch import score_many

    parts = []
    for start in range(0, len(frame), CHUNK):
        parts.append(score_many(q, frame.iloc[start : start + CHUNK]))
        if progress is not None:
            progress(min(start + CHUNK, len(frame)), len(frame))
    scored = pd.concat(parts) if parts else score_many(q, frame)
    flag_ids = [f.id for f in q.red_flags]
    raised = scored[[f"red_flag.{f}" for f in flag_ids]].to_numpy()
    out = pd.DataFrame(index=frame.index)
    out["establishment_type"] = scored["establishment_type"].astype(object)
    out["stage"] = scored["stage"].astype(object)
    out["uncapped_stage"] = scored["uncapped_stage"].astype(object)
    out["overall"] = scored["overall"].round(1)
    for d in q.dimensions:
        out[f"{d.id}.score"] = scored[f"{d.id}.score"].round(1)
        out[f"{d.id}.visibility"] = scored[f"{d.id}.visibility"].round(3)
    out["red_flags"] = ["|".join(f for f, on in zip(flag_ids, row, strict=True) if on)
                        for row in raised]  # fmt: skip
    out["red_flag_count"] = raised.sum(axis=1)
    return out


def write(table: pd.DataFrame, base: Path, xlsx: bool) -> list[Path]:
    """``<base>.csv`` (UTF-8 with BOM, which spreadsheets open as UTF-8) and ``<base>.xlsx``."""
    written = [base.with_suffix(".csv")]
    table.to_csv(written[0], encoding="utf-8-sig", index_label="id")
    if xlsx:
        written.append(base.with_suffix(".xlsx"))
        _write_xlsx(table, written[1])
    return written


def _write_xlsx(table: pd.DataFrame, path: Path) -> None:
    """One sheet, streamed row by row (openpyxl's write-only mode: several times faster)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("scores")
    sheet.append(["id", *table.columns])
    cells = table.astype(object).where(table.notna(), None)
    for ident, row in zip(table.index, cells.itertuples(index=False, name=None), strict=True):
        sheet.append([str(ident), *(v.item() if hasattr(v, "item") else v for v in row)])
    book.save(path)


def summary(q: Questionnaire, table: pd.DataFrame, lang: str) -> list[str]:
    """Counts per stage, mean and median scores, and how often each red flag is raised."""
    from diagnostic.i18n import message, number
    from diagnostic.outputs.report_text import table as text_table
    from diagnostic.outputs.wording import stage_name

    def fmt(value: float) -> str:
        return "–" if value != value else number(float(value), lang)  # NaN: nothing scored

    lines = [message("batch.summary_heading", lang, count=len(table)), ""]
    head = message("batch.summary_columns", lang).split("|")
    rows = [head]
    named = [(message("batch.overall", lang), "overall")]
    named += [(d.title.get(lang), f"{d.id}.score") for d in q.dimensions]
    for name, column in named:
        col = table[column]
        rows.append([name, fmt(col.mean()), fmt(col.median()), str(int(col.notna().sum()))])
    lines += text_table(rows)
    stages = table["stage"].fillna("").value_counts()
    lines += ["", message("batch.by_stage", lang)]
    for s in [*(s.id for s in q.stages), ""]:
        if stages.get(s, 0):
            lines.append(f"  {stage_name(q, s or None, lang)}: {stages[s]}")
    counts = {f.id: int(table["red_flags"].str.split("|").apply(lambda ids, i=f.id: i in ids).sum())
              for f in q.red_flags}  # fmt: skip
    lines += ["", message("batch.flags", lang)]
    lines += [f"  {f.title.get(lang)}: {counts[f.id]}" for f in q.red_flags if counts[f.id]]
    if not any(counts.values()):
        lines.append("  " + message("batch.no_flags", lang))
    return lines
