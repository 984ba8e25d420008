"""Campaign exports: CSV and XLSX read back, the data dictionary covers exactly their columns,
formula injection is neutralised, not-started establishments are present, and the ZIP of PDFs."""

from __future__ import annotations

import csv
import io
import math
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method.campaign_stats import scored_table
from diagnostic.outputs.campaign_columns import columns
from diagnostic.outputs.campaign_export import (
    campaign_csv,
    campaign_xlsx,
    data_dictionary_csv,
    establishments_zip,
)

from .campaign_sample import DAY, INFO, example, row, sample_rows

LANGS = ("fr", "en")


def read_csv(data: bytes, lang: str) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # UTF-8 with BOM, as the other CSV exports
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))


def read_sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = load_workbook(io.BytesIO(data))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


@pytest.fixture(scope="module")
def rows(questionnaire):
    return sample_rows(questionnaire)


@pytest.mark.parametrize("lang", LANGS)
def test_csv_has_one_row_per_invited_establishment(questionnaire, rows, lang) -> None:
    q = questionnaire
    head, *body = read_csv(campaign_csv(q, INFO, rows, lang), lang)
    assert head == [c.header for c in columns(q, lang)]
    assert len(body) == len(rows)
    assert [line[0] for line in body] == [str(r.entry_id) for r in rows]
    table = scored_table(q, rows).set_index("entry_id")
    for line, r in zip(body, rows, strict=True):
        cells = dict(zip([c.key for c in columns(q, lang)], line, strict=True))
        assert cells["status"] == r.status and cells["ght"] == r.ght
        if r.answers is None:  # not started: present, every score empty
            assert all(cells[d.id] == "" for d in q.dimensions)
            assert cells["overall"] == cells["stage"] == cells["red_flags"] == ""
            continue
        for d in q.dimensions:
            value = table.loc[r.entry_id, d.id]
            assert cells[d.id] == ("" if math.isnan(value) else str(round(value, 1)))
        assert cells["stage"] == (table.loc[r.entry_id, "stage"] or "")
        assert cells["red_flags"] == table.loc[r.entry_id, "red_flags"]


def test_headers_follow_the_language(questionnaire, rows) -> None:
    fr = read_csv(campaign_csv(questionnaire, INFO, rows, "fr"), "fr")[0]
    en = read_csv(campaign_csv(questionnaire, INFO, rows, "en"), "en")[0]
    assert "Établissement" in fr and "Score global" in fr
    assert "Establishment" in en and "Overall score" in en


@pytest.mark.parametrize("lang", LANGS)
def test_xlsx_sheets_read_back(questionnaire, rows, lang) -> None:
    q = questionnaire
    sheets = read_sheets(campaign_xlsx(q, INFO, rows, lang))
    names = [
        message("campaign_report.sheet_establishments", lang),
        message("campaign_report.sheet_dictionary", lang),
    ]
    assert list(sheets) == names
    assert names[1] == ("Dictionnaire des données" if lang == "fr" else "Data dictionary")
    head, *body = sheets[names[0]]
    assert head == [c.header for c in columns(q, lang)] and len(body) == len(rows)
    keys = [c.key for c in columns(q, lang)]
    table = scored_table(q, rows).set_index("entry_id")
    for line, r in zip(body, rows, strict=True):
        cells = dict(zip(keys, line, strict=True))
        assert cells["entry_id"] == r.entry_id
        if r.answers is None:
            assert all(cells[d.id] is None for d in q.dimensions) and cells["overall"] is None
        else:  # real numbers, not text, so that a spreadsheet can sort and average them
            assert cells["overall"] == round(table.loc[r.entry_id, "overall"], 1)


@pytest.mark.parametrize("lang", LANGS)
def test_the_dictionary_describes_exactly_the_exported_columns(questionnaire, rows, lang) -> None:
    q = questionnaire
    exported = read_csv(campaign_csv(q, INFO, rows, lang), lang)[0]
    dict_head, *entries = read_csv(data_dictionary_csv(q, lang), lang)
    assert len(dict_head) == 4
    assert [e[0] for e in entries] == exported
    assert all(e[1] and e[2] for e in entries)  # every column has a meaning and a unit
    sheets = read_sheets(campaign_xlsx(q, INFO, rows, lang))
    in_book = sheets[message("campaign_report.sheet_dictionary", lang)]
    assert in_book[0] == dict_head and [e[0] for e in in_book[1:]] == exported
    xlsx_head = sheets[message("campaign_report.sheet_establishments", lang)][0]
    assert xlsx_head == exported


@pytest.mark.parametrize("lang", LANGS)
def test_every_coded_value_exported_is_in_the_dictionary(questionnaire, rows, lang) -> None:
    q = questionnaire
    cols = columns(q, lang)
    _, *body = read_csv(campaign_csv(q, INFO, rows, lang), lang)
    for i, c in enumerate(cols):
        if not c.allowed:
            continue
        allowed = {part.split(" = ")[0].strip() for part in c.allowed.split(";")}
        for line in body:
            values = line[i].split(";") if c.key == "red_flags" else [line[i]]
            assert {v for v in values if v} <= allowed, (c.key, line[i])
    stage_col = next(c for c in cols if c.key == "stage")
    assert all(s.id in stage_col.allowed for s in q.stages)


HOSTILE = ['=HYPERLINK("http://x","clic")', "+SUM(A1)", "-2+3", "@cmd", " =1+1", "\t=1"]


@pytest.mark.parametrize("lang", LANGS)
def test_formula_injection_is_neutralised(questionnaire, lang) -> None:
    q = questionnaire
    rows = [row(i, name, None, status="not_started", ght=name) for i, name in enumerate(HOSTILE, 1)]
    body = read_csv(campaign_csv(q, INFO, rows, lang), lang)[1:]
    for line, name in zip(body, HOSTILE, strict=True):
        assert line[1] == "'" + name and line[5] == "'" + name
    book = load_workbook(io.BytesIO(campaign_xlsx(q, INFO, rows, lang)))
    sheet = book.worksheets[0]
    for r, name in enumerate(HOSTILE, 2):
        cell = sheet.cell(row=r, column=2)
        assert cell.data_type == "s" and cell.value == "'" + name  # text, never a formula


def test_establishments_zip_holds_each_finished_pdf_with_distinct_names(
    questionnaire, monkeypatch
) -> None:
    # The packaging is under test here, not the PDF (built for real in the next test): a stand-in
    # renderer keeps this test fast and still says whose report each file holds.
    from diagnostic.outputs import pdf

    monkeypatch.setattr(
        pdf, "render", lambda report, lang: f"PDF {report.establishment_name}".encode()
    )
    q = questionnaire
    ehpad = example(q, "ehpad")
    rows = [
        row(1, "CH Bêta", ehpad),
        row(2, "CH Beta", ehpad),  # the same file name once slugged
        row(3, "Pas fini", ehpad, status="started"),
        row(4, "Pas commencé", None, status="not_started"),
    ]
    data = establishments_zip(q, INFO, rows, "fr", DAY)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names == [
        "plan-action-ia_ch-beta_2026-12-04_fr.pdf",
        "plan-action-ia_ch-beta_2026-12-04_fr-2.pdf",
    ]
    for name in names:
        assert archive.read(name) == b"PDF EHPAD Les Tilleuls"  # the answers' own name
    assert establishments_zip(q, INFO, rows, "fr", DAY) == data  # fixed date, same bytes


def test_zip_names_an_answer_set_without_a_name_after_the_invitation(
    questionnaire: Questionnaire,
) -> None:
    from dataclasses import replace

    q = questionnaire
    ehpad = example(q, "ehpad")
    nameless = replace(
        ehpad, profile={k: v for k, v in ehpad.profile.items() if k != "establishment_name"}
    )
    data = establishments_zip(q, INFO, [row(1, "Résidence Les Ormes", nameless)], "en", DAY)
    archive = zipfile.ZipFile(io.BytesIO(data))
    (name,) = archive.namelist()
    assert "residence-les-ormes" in name and name.endswith("_en.pdf")
    assert (
        "Résidence Les Ormes" in PdfReader(io.BytesIO(archive.read(name))).pages[0].extract_text()
    )


def test_file_names_say_what_which_campaign_when_and_the_language() -> None:
    from diagnostic.outputs.campaign_export import FILE_KEYS, file_name

    assert file_name("table", INFO, DAY, "fr", "csv") == (
        "campagne-ia-etablissements_campagne-ia-ars-centre-2026_2026-12-04_fr.csv"
    )
    names = {file_name(k, INFO, DAY, lang, "x") for k in FILE_KEYS for lang in LANGS}
    assert len(names) == 2 * len(FILE_KEYS)


def test_every_key_named_through_a_table_exists_in_both_languages() -> None:
    from diagnostic.i18n import catalogue
    from diagnostic.method.campaign_rows import STATUSES
    from diagnostic.outputs import campaign_columns as cc
    from diagnostic.outputs.campaign_export import FILE_KEYS

    assert set(cc.STATUS_KEYS) == set(STATUSES)
    keys = {*cc.STATUS_KEYS.values(), *cc.MODE_KEYS.values(), *FILE_KEYS.values()}
    keys |= {k for triple in cc.COLUMN_KEYS.values() for k in triple}
    for lang in LANGS:
        assert sorted(keys - set(catalogue(lang))) == []
