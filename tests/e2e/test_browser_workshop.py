"""A workshop in a real browser: a facilitator on a desktop, two participants on phones.

The facilitator creates the workshop, notes its id and key on their own step, and lands on the
live panel, whose projection frame gives the code; each participant
joins through the shared link on a phone-sized, touch screen, picks a role and answers the first two
questions (each answer is saved at once, "✓ enregistré"); the facilitator opens the results, sees
both participants in the live panel, and downloads the consolidated PDF, whose "where we disagreed"
section lists the one question the two split on (levels 0 and 4).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import IDLE_TIMEOUT_MS, RUN_COUNTER_JS, rerun_after, wait_idle

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from .test_browser_wizard import choose

pytestmark = pytest.mark.e2e

TITLE = "Atelier IA — CH de test"
ESTABLISHMENT = "CH de Saint-Aubin-les-Prés"
PHONE_WIDTH = 390
PHONE = {"viewport": {"width": PHONE_WIDTH, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# The first two questions of the first dimension (governance), as the radios' labels start.
STRATEGY = "L'établissement dispose-t-il d'une stratégie"
AI_LEAD = "Comment le pilotage de l'IA est-il organisé"
SAVED = "✓ enregistré"
# The live panel is a fragment re-run every 5 s: allow a few periods.
LIVE_TIMEOUT_MS = 20_000


@pytest.fixture
def open_context(browser: Any) -> Iterator[Callable[[dict[str, Any]], Any]]:
    """Pages in their own browser contexts (own cookies, own Streamlit session), desktop or phone.

    Like conftest's `new_page`, with the device options as an argument.
    """
    expect.set_options(timeout=15_000)
    contexts: list[Any] = []

    def open_page(device: dict[str, Any]) -> Any:
        context = browser.new_context(accept_downloads=True, locale="fr-FR", **device)
        context.set_default_timeout(IDLE_TIMEOUT_MS)
        context.add_init_script(RUN_COUNTER_JS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


# --- helpers ----------------------------------------------------------------------------------


def press(page: Any, name: str) -> None:
    """Click a button (or form submit button) that reruns the script, and wait for that rerun.

    In the main area: the sidebar repeats some of the home page's buttons.
    """
    target = page.get_by_test_id("stMain").get_by_role("button", name=name, exact=True)
    expect(target).to_be_enabled()
    rerun_after(page, target.click)


def answer(page: Any, question_start: str, level: int) -> None:
    """Tap a level's label; the change callback saves it, and the rerun shows "saved"."""
    group = page.get_by_test_id("stRadio").filter(has_text=question_start)
    label = group.locator("label").filter(has_text=re.compile(rf"^{level} — "))
    rerun_after(page, label.click)
    expect(group.get_by_role("radio", name=re.compile(rf"^{level} — "))).to_be_checked()


def create_workshop(page: Any, server: str) -> tuple[str, str, str]:
    """Create the workshop, note its id and key on their own step, and land on the live panel
    (no retyping); return the join code (read off the projection frame), workshop id and key."""
    page.goto(server)
    wait_idle(page, 0)
    press(page, "Animer un atelier")
    page.get_by_role("tab", name="Créer un atelier").click()  # tabs switch in the browser only
    page.get_by_label("Titre de l'atelier").fill(TITLE)
    page.get_by_label("Nom de l'établissement").fill(ESTABLISHMENT)
    choose(page, "Type d'établissement", "Centre hospitalier (CH)")
    choose(page, "Statut juridique", "Public")
    press(page, "Créer l'atelier")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Atelier créé")
    codes = page.get_by_test_id("stCode")
    expect(codes).to_have_count(1)  # the workshop id; the key is masked, nothing to project yet
    expect(page.get_by_test_id("stImage")).to_have_count(0)
    ident = codes.nth(0).inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{16}", ident), ident
    reveal(page)
    expect(codes).to_have_count(2)  # one block, and one copy button, per value
    key = codes.nth(1).inner_text().strip()
    assert re.fullmatch(r"([2-9A-HJ-NP-Z]{4}-){4}[2-9A-HJ-NP-Z]{4}", key), key
    press(page, "J'ai noté l'identifiant et la clé")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    frame = page.get_by_test_id("stExpander").filter(has_text="À projeter")
    expect(frame.get_by_test_id("stCode")).to_have_count(2)  # code, link
    code = frame.get_by_test_id("stCode").nth(0).inner_text().strip()
    link = frame.get_by_test_id("stCode").nth(1).inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", code), code
    # The browser reads "http://host:port?view=…" as "http://host:port/?view=…".
    assert link == f"{server}/?view=join&w={code}", link
    return code, ident, key


def reveal(page: Any) -> None:
    """Flip the "show the key" toggle and wait for the rerun that sends the key."""
    toggle = page.get_by_test_id("stCheckbox").filter(has_text="Afficher la clé d'animation")
    rerun_after(page, toggle.locator("label").click)


def join_and_answer(page: Any, server: str, code: str, role: str, levels: tuple[int, int]) -> None:
    page.goto(f"{server}/?view=join&w={code}")  # the link the facilitator shares
    wait_idle(page, 0)
    expect(page.get_by_role("heading", name="Rejoindre un atelier")).to_be_visible()
    expect(page.get_by_label("Code de l'atelier")).to_have_value(code)  # filled from the link
    choose(page, "Votre fonction", role)
    press(page, "Rejoindre")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]p=[\w-]+"))  # the resume token replaced the code
    expect(page.get_by_text(SAVED, exact=True)).to_have_count(0)
    answer(page, STRATEGY, levels[0])
    expect(page.get_by_text(SAVED, exact=True)).to_have_count(1)
    answer(page, AI_LEAD, levels[1])
    expect(page.get_by_text(SAVED, exact=True)).to_have_count(2)
    expect(page.get_by_text("2 réponses sur", exact=False)).to_be_visible()  # the progress bar


def fits_the_phone(page: Any) -> None:
    """Nothing wider than the phone's screen: no sideways scrolling to reach an answer."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, width
    box = page.get_by_test_id("stRadio").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, box


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


# --- test -------------------------------------------------------------------------------------


def test_two_phones_answer_and_the_facilitator_downloads_the_consolidated_pdf(
    open_context: Callable[[dict[str, Any]], Any], server: str, tmp_path: Path
) -> None:
    boss = open_context(DESKTOP)
    code, ident, key = create_workshop(boss, server)

    director = open_context(PHONE)
    join_and_answer(director, server, code, "Direction générale", (0, 2))
    fits_the_phone(director)
    shot = tmp_path / "participant-phone.png"
    director.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10 * 1024

    cio = open_context(PHONE)
    join_and_answer(cio, server, code, "DSI / direction du numérique", (4, 3))

    # The facilitator's tab is on the live panel already (the key was checked at creation).
    expect(boss.get_by_role("tab", name="En direct")).to_have_attribute("aria-selected", "true")
    participants = boss.get_by_test_id("stMetric").filter(has_text="Participants")
    expect(participants.get_by_test_id("stMetricValue")).to_have_text("2", timeout=LIVE_TIMEOUT_MS)
    # The id and key noted at creation open the results from another browser too.
    other = open_context(DESKTOP)
    other.goto(server)
    wait_idle(other, 0)
    press(other, "Animer un atelier")
    other.get_by_label("Identifiant de l'atelier :").fill(ident)
    other.get_by_label("Clé d'animation :").fill(key)
    press(other, "Ouvrir les résultats")
    expect(other.get_by_role("heading", name=TITLE)).to_be_visible()

    boss.get_by_role("tab", name="Plan consolidé et gestion").click()
    download = boss.get_by_role("button", name="Plan d'action (PDF)", exact=True)
    expect(download).to_be_visible()
    with boss.expect_download() as info:
        download.click()
    # Named downloads: the plan, the establishment, the date and the language.
    assert re.fullmatch(
        r"atelier-plan-action-ia_ch-de-saint-aubin-les-pres_\d{4}-\d{2}-\d{2}_fr\.pdf",
        info.value.suggested_filename,
    ), info.value.suggested_filename
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert ESTABLISHMENT in text
    # Levels 0 and 4 on the strategy question: listed; 2 and 3 on the AI lead: not a divergence.
    assert "Là où nous avons divergé" in text
    assert "(réponses de 0 à 4)" in text
    lines = re.findall(r"[^.?]*\(réponses de \d à \d\)", text)
    assert len(lines) == 1, lines
