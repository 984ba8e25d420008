"""A staff pulse in a real browser: the owner opens it on a desktop, two phones answer.

The owner opens a pulse from the sidebar, notes its id and key on their own step and lands on the
panel, whose projection frame gives the link and its QR code (with alt text). Two phone-sized,
touch browser contexts open the link, answer the eight questions on one screen and are thanked;
reloading the same phone's page (its marker is in the address) says an answer was already sent
instead of showing the form again. The owner's panel counts two answers, results still hidden.
The participant screen passes axe-core's WCAG 2.2 AA checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from .axe import axe_source, violations
from .conftest import rerun_after, wait_idle

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from .test_browser_workshop import DESKTOP, PHONE, PHONE_WIDTH, open_context, press  # noqa: F401

pytestmark = pytest.mark.e2e

TITLE = "Baromètre IA — décembre"
SINGLE = {
    "Comment voyez-vous l'arrivée de l'IA": "Plutôt positivement",
    "Vous arrive-t-il d'utiliser pour votre travail": "Non, jamais",
    "Avez-vous suivi une formation": "Non",
    "Connaissez-vous la charte": "Je n'en ai jamais entendu parler",
    "Savez-vous ce que votre établissement": "Vaguement",
    "Dans quelle famille de métiers": "Soignante et rééducation",
}
TICKS = ("Le manque de temps", "Moins de tâches administratives")


def open_pulse(page: Any, server: str) -> str:
    page.goto(server)
    wait_idle(page, 0)
    nav = page.get_by_test_id("stSidebar").get_by_role("button", name="Baromètre interne")
    rerun_after(page, nav.click)
    page.get_by_label("Titre (visible des agents)").fill(TITLE)
    press(page, "Ouvrir le baromètre")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Baromètre ouvert")
    codes = page.get_by_test_id("stCode")
    expect(codes).to_have_count(1)  # the pulse id; the key is masked
    toggle = page.get_by_test_id("stCheckbox").filter(has_text="Afficher la clé")
    rerun_after(page, toggle.locator("label").click)
    expect(codes).to_have_count(2)
    key = codes.nth(1).inner_text().strip()
    assert re.fullmatch(r"([2-9A-HJ-NP-Z]{4}-){4}[2-9A-HJ-NP-Z]{4}", key), key
    press(page, "J'ai noté l'identifiant et la clé")
    frame = page.get_by_test_id("stExpander").filter(has_text="À projeter")
    link = frame.get_by_test_id("stCode").nth(0).inner_text().strip()
    assert re.fullmatch(rf"{re.escape(server)}/\?pulse=[2-9A-HJ-NP-Z]{{8}}", link), link
    expect(frame.get_by_role("img", name=re.compile("Code QR du lien"))).to_be_visible()
    return link


def answer_on_phone(page: Any, link: str) -> None:
    page.goto(link)
    wait_idle(page, 0)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    for question, option in SINGLE.items():
        group = page.get_by_test_id("stRadio").filter(has_text=question)
        group.locator("label").filter(has_text=re.compile(rf"^{re.escape(option)}$")).click()
    for option in TICKS:
        page.get_by_test_id("stCheckbox").filter(has_text=option).locator("label").click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, width  # nothing to scroll sideways on the phone
    press(page, "Envoyer mes réponses")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Merci")
    expect(page).to_have_url(re.compile(r"[?&]m=[0-9a-f]{32}"))


def test_two_phones_answer_a_pulse_and_the_owner_sees_the_count(
    open_context: Callable[[dict[str, Any]], Any],  # noqa: F811 (the fixture imported above)
    server: str,
) -> None:
    owner = open_context(DESKTOP)
    link = open_pulse(owner, server)

    first = open_context(PHONE)
    first.goto(link)
    wait_idle(first, 0)
    found = violations(first, axe_source())
    assert found == [], found
    answer_on_phone(first, link)
    second = open_context(PHONE)
    answer_on_phone(second, link)

    # The same phone again: the marker in its address says it has already answered.
    first.reload()
    wait_idle(first, 0)
    expect(first.get_by_test_id("stAlertContentInfo")).to_contain_text("déjà été envoyée")
    expect(first.get_by_test_id("stRadio")).to_have_count(0)

    press(owner, "Actualiser")
    count = owner.get_by_test_id("stMetric").filter(has_text="Réponses reçues")
    expect(count.get_by_test_id("stMetricValue")).to_have_text("2")
    expect(owner.get_by_text("Les résultats restent cachés", exact=False)).to_be_visible()
