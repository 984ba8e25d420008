"""A campaign's exports: one row per invited establishment (CSV, XLSX), its data dictionary, and
a ZIP of every finished establishment's own PDF.

Rows: every invited establishment, not started ones included with empty scores, in the order
given. Scores are rounded to one decimal (the screen's precision); coded values are ids, which
the dictionary explains (:mod:`diagnostic.outputs.campaign_columns`). Every text cell goes through
:func:`~diagnostic.outputs.exports.safe_cell`, so a name typed as ``=HYPERLINK(…)`` stays text in
a spreadsheet. CSV files are UTF-8 with a byte-order mark and ``;`` in French (``,`` in English),
as the other CSV exports of the app.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from diagnostic.i18n import message
from diagnostic.method.campaign_rows import CampaignInfo, CampaignRow
from diagnostic.method.campaign_table import scored_table
from diagnostic.outputs.campaign_columns import Column, columns, dictionary_headers
from diagnostic.outputs.exports import download_name, safe_cell, slug

if TYPE_CHECKING:
    from diagnostic.content.loader import Questionnaire

Cell = str | int | float | None
SHEET_LIMIT = 31  # characters in a worksheet name (Excel)


# What a campaign download is → the first part of its file name (literal keys, checked in both
# locales by the tests).
FILE_KEYS = {
    "table": "campaign_report.file.table",
    "dictionary": "campaign_report.file.dictionary",
    "pdfs": "campaign_report.file.pdfs",
    "report": "campaign_report.file.report",
}


def file_name(kind: str, info: CampaignInfo, on: date, lang: str, extension: str) -> str:
    """``campagne-ia_campagne-ars-2026_2026-12-04_fr.csv``: what, which campaign, when, language.

    Like :func:`~diagnostic.outputs.exports.download_name`, so two campaigns, dates or languages
    never overwrite each other in a downloads folder. ``kind``: a key of :data:`FILE_KEYS`.
    """
    parts = (message(FILE_KEYS[kind], lang), slug(info.title), on.isoformat(), lang)
    return "_".join(p for p in parts if p) + "." + extension


def _delimiter(lang: str) -> str:
    return ";" if lang == "fr" else ","


def _cell(value: object) -> Cell:
    """A value as written: scores rounded to one decimal, missing ones empty, text neutralised."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return safe_cell(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value, 1)
    return safe_cell(value)


def table(
    q: Questionnaire, rows: Sequence[CampaignRow], lang: str
) -> tuple[list[Column], list[list[Cell]]]:
    """The export's columns and one list of cells per invited row (not started: empty scores)."""
    cols = columns(q, lang)
    scored = scored_table(q, rows)
    by_entry = {rec["entry_id"]: rec for rec in scored.to_dict("records")}
    cells = []
    for r in rows:
        rec = by_entry.get(r.entry_id, {})
        cells.append([_cell(rec.get(c.key, getattr(r, c.key, None))) for c in cols])
    return cols, cells


def _csv(header: list[str], rows: list[list[Cell]], lang: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=_delimiter(lang))
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if c is None else c for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def campaign_csv(
    q: Questionnaire, info: CampaignInfo, rows: Sequence[CampaignRow], lang: str
) -> bytes:
    """One CSV row per invited establishment, headers in ``lang``."""
    cols, cells = table(q, rows, lang)
    return _csv([c.header for c in cols], cells, lang)


def _dictionary_rows(q: Questionnaire, lang: str) -> list[list[Cell]]:
    return [
        [safe_cell(v) for v in (c.header, c.meaning, c.unit, c.allowed)] for c in columns(q, lang)
    ]


def data_dictionary_csv(q: Questionnaire, lang: str) -> bytes:
    """The data dictionary alone: one row per export column (name, meaning, unit, values)."""
    return _csv(dictionary_headers(lang), _dictionary_rows(q, lang), lang)


def campaign_xlsx(
    q: Questionnaire, info: CampaignInfo, rows: Sequence[CampaignRow], lang: str
) -> bytes:
    """A workbook: the establishments, then the data dictionary (openpyxl, write-only mode)."""
    from openpyxl import Workbook

    cols, cells = table(q, rows, lang)
    book = Workbook(write_only=True)
    book.properties.title = safe_cell(info.title)[:255]
    book.properties.creator = "diagnostic"
    sheet = book.create_sheet(message("campaign_report.sheet_establishments", lang)[:SHEET_LIMIT])
    sheet.append([safe_cell(c.header) for c in cols])
    for row in cells:
        sheet.append(row)
    notes = book.create_sheet(message("campaign_report.sheet_dictionary", lang)[:SHEET_LIMIT])
    notes.append(dictionary_headers(lang))
    for entry in _dictionary_rows(q, lang):
        notes.append(entry)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def establishments_zip(
    q: Questionnaire, info: CampaignInfo, rows: Sequence[CampaignRow], lang: str, today: date
) -> bytes:
    """A ZIP of every finished establishment's own PDF (the single-diagnostic deliverable).

    File names come from :func:`~diagnostic.outputs.exports.download_name` (the establishment's
    name as a slug); two establishments whose names give the same file name get ``-2``, ``-3``…
    The PDF is built as the establishment would download it, dated ``today``; an answer set
    without a name takes the invitation's, so the cover says whose it is.
    """
    from diagnostic.method.benchmarks import load_editions
    from diagnostic.method.report import build_report
    from diagnostic.outputs import pdf

    editions = load_editions()
    used: set[str] = set()
    out = io.BytesIO()
    stamp = (today.year, today.month, today.day, 0, 0, 0)  # fixed: the same bytes every time
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for r in rows:
            if r.status != "finished" or r.answers is None:
                continue
            answers = r.answers
            if not answers.profile.get("establishment_name"):
                answers = replace(
                    answers, profile={**answers.profile, "establishment_name": r.name}
                )
            report = build_report(q, answers, editions, today=today)
            name = _unique(download_name("plan", r.name, today, lang, "pdf"), used)
            entry = zipfile.ZipInfo(name, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, pdf.render(report, lang))
    return out.getvalue()


def _unique(name: str, used: set[str]) -> str:
    stem, _, extension = name.rpartition(".")
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}.{extension}"
    used.add(candidate)
    return candidate
