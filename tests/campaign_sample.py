"""A small campaign built from the shipped examples, shared by the campaign tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from diagnostic.content.loader import Questionnaire
from diagnostic.method.answers import Answers, read
from diagnostic.method.campaign_rows import CampaignInfo, CampaignRow

from .conftest import EXAMPLES

DAY = date(2026, 12, 4)
INFO = CampaignInfo(7, "Campagne IA — ARS Centre 2026", date(2026, 10, 1), date(2026, 12, 31))
GHT = "GHT Loire Val d'Indre"


def example(q: Questionnaire, stem: str) -> Answers:
    return read((EXAMPLES / f"{stem}.yaml").read_bytes(), q)


def row(
    entry_id: int,
    name: str,
    answers: Answers | None,
    *,
    status: str = "finished",
    type_: str = "ch",
    size: str = "b300_799",
    ght: str = "",
    mode: str = "self_assessment",
) -> CampaignRow:
    return CampaignRow(
        entry_id,
        name,
        type_,
        size,
        "north_west",
        ght,
        status,
        mode,
        answers,  # type: ignore[arg-type]
    )


def sample_rows(q: Questionnaire) -> list[CampaignRow]:
    """Three finished members of one GHT (two share actions that the third does not have), one
    finished establishment outside any GHT, one started, two not started (one in the GHT), and a
    name that a spreadsheet would run as a formula."""
    ehpad, ch, chu = example(q, "ehpad"), example(q, "ch-moyen"), example(q, "chu-grand")
    half = replace(ch, answers=dict(list(ch.answers.items())[:5]))
    return [
        row(1, "EHPAD Les Tilleuls", ehpad, type_="ehpad", size="lt_100", ght=GHT),
        row(2, "CH de Saint-Aubin", ch, ght=GHT, mode="workshop"),
        row(3, "CHU de Montclair", chu, type_="chu", size="b2000_plus", ght=GHT),
        row(4, "CH des Prés", ch),
        row(5, "CH du Val", half, status="started"),
        row(6, '=HYPERLINK("http://x","clic")', None, status="not_started"),
        row(7, "Clinique des Sources", None, status="not_started", type_="private_clinic", ght=GHT),
    ]
