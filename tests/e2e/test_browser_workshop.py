"""A workshop in a real browser: a facilitator on a desktop, two participants on phones.

The facilitator creates the workshop and reads its code and key off the page; each participant
joins through the projected link on a phone-sized screen, picks a role and answers (each answer is
saved at once); the facilitator opens the live results, sees both participants, and downloads the
consolidated PDF, whose "where we disagreed" section lists the question they split on.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import IDLE_TIMEOUT_MS, RUN_COUNTER_JS, rerun_after, wait_idle
from .test_browser_wizard import choose

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
STRATEGY = "L'établissement dispose-t-il d'une stratégie"


def context_page(browser: Any, phone: bool) -> Any:
    options: dict[str, Any] = {"accept_downloads": True, "locale": "fr-FR"}
    if phone:
        options |= {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    else:
        options |= {"viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(**options)
    context.set_default_timeout(IDLE_TIMEOUT_MS)
    context.add_init_script(RUN_COUNTER_JS)
    return context.new_page()


def press(page: Any, name: str) -> None:
    target = page.get_by_role("button", name=name, exact=True).first
    expect(target).to_be_enabled()
    rerun_after(page, target.click)


def join_and_answer(browser: Any, server: str, code: str, role: str, level: int, shots: Any) -> Any:
    page = context_page(browser, phone=True)
    page.goto(f"{server}/?view=join&w={code}")
    wait_idle(page, 0)
    expect(page.get_by_role("heading", name="Rejoindre un atelier")).to_be_visible()
    choose(page, "Votre fonction", role)
    press(page, "Rejoindre")
    expect(page.get_by_role("heading", name="Atelier IA — CH de test")).to_be_visible()
    group = page.get_by_test_id("stRadio").filter(has_text=STRATEGY)
    label = group.locator("label").filter(has_text=re.compile(rf"^{level} — "))
    rerun_after(page, label.click)
    expect(page.get_by_text("✓ enregistré").first).to_be_visible()
    if shots is not None:
        page.screenshot(path=str(shots / f"participant-{level}.png"))
    return page


def test_two_participants_and_a_facilitator_end_in_a_consolidated_pdf(
    browser, server, tmp_path
) -> None:
    boss = context_page(browser, phone=False)
    boss.goto(server)
    wait_idle(boss, 0)
    press(boss, "Animer un atelier")
    boss.get_by_role("tab", name="Créer un atelier").click()  # tabs switch in the browser, no rerun
    boss.get_by_label("Titre de l'atelier").fill("Atelier IA — CH de test")
    boss.get_by_label("Nom de l'établissement").fill("CH de Saint-Aubin-les-Prés")
    choose(boss, "Type d'établissement", "Centre hospitalier (CH)")
    choose(boss, "Statut juridique", "Public")
    press(boss, "Créer l'atelier")
    codes = boss.get_by_test_id("stCode")
    expect(codes.first).to_be_visible()
    code = codes.nth(0).inner_text().strip()
    secret = codes.nth(2).inner_text()
    ident = re.search(r"Identifiant de l'atelier : (\S+)", secret).group(1)
    key = re.search(r"Clé d'animation : (\S+)", secret).group(1)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", code)

    join_and_answer(browser, server, code, "Direction générale", 0, tmp_path)
    join_and_answer(browser, server, code, "DSI / direction du numérique", 4, None)

    press(boss, "J'ai noté l'identifiant et la clé")
    boss.get_by_label("Identifiant de l'atelier :").fill(ident)
    boss.get_by_label("Clé d'animation :").fill(key)
    press(boss, "Ouvrir les résultats")
    metric = boss.get_by_test_id("stMetric").filter(has_text="Participants")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text("2", timeout=20_000)

    boss.get_by_role("tab", name="Plan consolidé et gestion").click()
    download_button = boss.get_by_role("button", name="Plan d'action (PDF)")
    expect(download_button).to_be_visible()
    with boss.expect_download() as info:
        download_button.click()
    data = tmp_path / "atelier.pdf"
    info.value.save_as(str(data))
    content = data.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )
    assert "Là où nous avons divergé" in text
    assert "CH de Saint-Aubin-les-Prés" in text
    assert (tmp_path / "participant-0.png").stat().st_size > 10_000
