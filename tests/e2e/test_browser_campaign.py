"""A campaign in a real browser: the owner creates it with three establishments (pasted rows),
notes the key and downloads the links; two establishments open their links, one finishes and one
only starts; the owner's panel then shows 1 not started, 1 started, 1 finished, and the figures.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import rerun_after, wait_idle

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from .test_browser_wizard import choose
from .test_browser_workshop import press

pytestmark = pytest.mark.e2e

TITLE = "Campagne IA — GHT de test"
ROWS = (
    "nom;type;taille;zone;ght\n"
    "CH de Saint-Aubin;ch;b300_799;north_west;GHT Loire\n"
    "EHPAD Les Tilleuls;ehpad;lt_100;north_west;GHT Loire\n"
    "CHU de Montclair;chu;b2000_plus;south_east;\n"
)


def create(page: Any, server: str, tmp_path: Path) -> dict[str, str]:
    """Create the campaign from the owner's space; returns each establishment's link."""
    page.goto(server)
    wait_idle(page, 0)
    rerun_after(page, page.get_by_role("button", name="Campagne (responsable)").click)
    page.get_by_role("tab", name="Créer une campagne").click()
    page.get_by_label("Titre de la campagne").fill(TITLE)
    page.get_by_label(re.compile("collez ici les lignes")).fill(ROWS)
    press(page, "Créer la campagne")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Campagne créée")
    expect(page.get_by_test_id("stCode")).to_have_count(1)  # the number; the key is masked
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger les liens (CSV)").click()
    path = tmp_path / "links.csv"
    info.value.save_as(path)
    table = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    links = {name: link for name, link in table[1:]}
    assert set(links) == {"CH de Saint-Aubin", "EHPAD Les Tilleuls", "CHU de Montclair"}
    press(page, "J'ai noté la clé et enregistré les liens")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    return links


def fill(page: Any, link: str, name: str, *, finish: bool) -> None:
    """Open an establishment's link, answer the profile and one question, maybe finish."""
    page.goto(link)
    wait_idle(page, 0)
    expect(page.get_by_text(f"Participation de {name}")).to_be_visible()
    expect(page.get_by_text("verra vos réponses")).to_be_visible()
    for other in ("CH de Saint-Aubin", "EHPAD Les Tilleuls", "CHU de Montclair"):
        if other != name:
            expect(page.get_by_text(other)).to_have_count(0)
    press(page, "Commencer le questionnaire")
    choose(page, "Statut juridique", "Public")
    press(page, "Suivant →")
    group = page.get_by_test_id("stRadio").first
    group.locator("label").filter(has_text=re.compile(r"^2 — ")).click()  # in a form: no rerun
    press(page, "Enregistrer")
    rerun_after(page, page.get_by_role("button", name="Ma participation à la campagne").click)
    expect(page.get_by_text("En cours")).to_be_visible()
    if finish:
        press(page, "J'ai terminé")
        expect(page.get_by_test_id("stAlertContentSuccess").first).to_be_visible()


def test_three_establishments_one_finished_one_started(
    new_page: Callable[[], Any], server: str, tmp_path: Path
) -> None:
    owner = new_page()
    links = create(owner, server, tmp_path)
    fill(new_page(), links["CH de Saint-Aubin"], "CH de Saint-Aubin", finish=True)
    fill(new_page(), links["CHU de Montclair"], "CHU de Montclair", finish=False)
    press(owner, "Actualiser")
    values = owner.get_by_test_id("stMetricValue")
    expect(values).to_have_text(["1", "1", "1"])
    expect(owner.get_by_role("heading", name="Résultats d'ensemble")).to_be_visible()
    expect(owner.get_by_test_id("stVegaLiteChart")).to_have_count(1)
    expect(owner.get_by_text("Scores des 1 établissement(s) ayant terminé")).to_be_visible()
