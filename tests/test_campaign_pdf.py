"""The campaign PDF for a steering committee: its text read back with pypdf (fpdf2's own test
style), in both languages, and the same bytes for the same campaign on a fixed date."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from diagnostic.i18n import message
from diagnostic.method.campaign_rows import CampaignInfo
from diagnostic.outputs.campaign_pdf import build, campaign_pdf
from diagnostic.outputs.plan_text import title as action_title

from .campaign_sample import DAY, GHT, INFO, row, sample_rows


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())  # lines wrap anywhere in a table cell or a paragraph


@pytest.fixture(scope="module")
def pdfs(questionnaire) -> dict[str, bytes]:
    rows = sample_rows(questionnaire)
    return {lang: campaign_pdf(questionnaire, INFO, rows, lang, DAY) for lang in ("fr", "en")}


def test_french_pdf_says_title_period_participation_ght_and_flags(questionnaire, pdfs) -> None:
    text = flat(text_of(pdfs["fr"]))
    assert INFO.title in text
    assert "Période : du 1er octobre 2026 au 31 décembre 2026" in text
    assert "Date : 4 décembre 2026" in text
    assert "Établissements invités 7" in text
    assert "Établissements ayant commencé (y compris terminés) 5" in text
    assert "Établissements ayant terminé 4" in text
    assert "57 % des établissements invités ont terminé" in text
    assert GHT in text and "Priorités consolidées du GHT" in text
    flag = next(f for f in questionnaire.red_flags if f.id == "patient_data_in_consumer_ai")
    assert flat(flag.title.fr) in text and flat(flag.explanation.fr)[:60] in text
    assert "Clinique des Sources" in text and "Pas commencé" in text  # establishments table
    assert "docs/method.md" in text  # the method note's reference


def test_english_pdf(pdfs) -> None:
    text = flat(text_of(pdfs["en"]))
    assert "Period: from 1 October 2026 to 31 December 2026" in text
    assert "Establishments invited 7" in text and "Establishments that finished 4" in text
    assert GHT in text and "The GHT's consolidated priorities" in text
    assert "Method" in text and "docs/method.en.md" in text


def test_the_ght_section_names_a_shared_action_and_its_members(questionnaire) -> None:
    q, rows = questionnaire, sample_rows(questionnaire)
    doc = build(q, INFO, rows, "fr", DAY)
    lines = [b.text for b in doc.blocks if hasattr(b, "text")]
    from diagnostic.method.campaign_stats import ght_view

    first = ght_view(q, rows, GHT, DAY).priorities[0]
    wanted = (
        f"1. {action_title(first.item, 'fr')} — {first.priority} — {first.count} membre(s) sur 3"
    )
    assert any(line.startswith(wanted) for line in lines)
    assert message("campaign_report.ghts", "fr") in doc.headings(0)


def test_same_campaign_same_date_same_bytes(questionnaire, pdfs) -> None:
    again = campaign_pdf(questionnaire, INFO, sample_rows(questionnaire), "fr", DAY)
    assert again == pdfs["fr"]
    reader = PdfReader(io.BytesIO(again))
    assert reader.metadata.title == INFO.title
    assert reader.metadata.creation_date.date() == DAY


def test_a_campaign_nobody_has_finished_still_gives_a_pdf(questionnaire) -> None:
    info = CampaignInfo(1, "Campagne vide", date(2027, 1, 1), date(2027, 3, 31))
    rows = [row(1, "A", None, status="not_started", ght="GHT Nord")]
    text = flat(text_of(campaign_pdf(questionnaire, info, rows, "fr", DAY)))
    assert "Aucun établissement n'a encore terminé" in text
    assert "Aucun membre n'a encore terminé" in text and "GHT Nord" in text
    assert "Aucune alerte n'a été levée" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_message_key_is_left_unresolved(pdfs, lang) -> None:
    from .test_deliverable_text import unresolved

    found = unresolved(text_of(pdfs[lang]))
    assert [k for k in found if not k.endswith(".md")] == []  # docs/method.md is a file name


def test_a_long_list_of_shared_actions_is_cut_and_says_how_many_more(questionnaire) -> None:
    from diagnostic.method.campaign_stats import ght_view
    from diagnostic.outputs.campaign_pdf_ght import SHOWN

    from .campaign_sample import example

    ch = example(questionnaire, "ch-moyen")
    rows = [row(i, f"CH {i}", ch, ght="GHT Sud") for i in (1, 2)]
    total = len(ght_view(questionnaire, rows, "GHT Sud", DAY).priorities)
    assert total > SHOWN
    doc = build(questionnaire, INFO, rows, "fr", DAY)
    lines = [b.text for b in doc.blocks if hasattr(b, "text")]
    assert sum(line.endswith("2 membre(s) sur 2 : CH 1, CH 2") for line in lines) == SHOWN
    assert any(line.startswith(f"Et {total - SHOWN} autre(s) action(s)") for line in lines)
