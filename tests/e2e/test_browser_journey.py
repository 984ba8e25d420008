"""The director's journey in a real browser: each new screen opens at its top, focus on its title.

Streamlit scrolls an inner container (``stMain``) and keeps its position across reruns: before the
fix, "Suivant →" at the bottom of a long step opened the next one about 2,450 px down, focus on
``<body>``. Here every way of moving on (click, keyboard Enter on the button, "Voir les résultats
→", the phone participant's "Suivant →") must land at the top with the new heading focused.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import IDLE_TIMEOUT_MS, RUN_COUNTER_JS, rerun_after, wait_idle

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from .test_browser_wizard import at_step, button, choose, click, import_example, open_home

pytestmark = pytest.mark.e2e

SCROLL_TOLERANCE_PX = 5


def opened_at_top(page: Any, heading_level: str, title: str) -> None:
    """The main area is scrolled to its top and the keyboard focus is on the screen's title."""
    page.wait_for_function(
        "([tag, title]) => { const e = document.activeElement;"
        " return e && e.tagName === tag && e.textContent.includes(title); }",
        arg=[heading_level.upper(), title],
        timeout=IDLE_TIMEOUT_MS,
    )
    top = page.get_by_test_id("stMain").evaluate("el => el.scrollTop")
    assert top <= SCROLL_TOLERANCE_PX, top
    assert page.evaluate("window.scrollY") <= SCROLL_TOLERANCE_PX
    expect(
        page.locator(f"[data-testid=stMain] {heading_level}", has_text=title)
    ).to_be_in_viewport()


def scrolled_down(page: Any) -> int:
    return int(page.get_by_test_id("stMain").evaluate("el => el.scrollTop"))


def test_next_previous_and_results_open_each_step_at_its_top(page, server) -> None:
    open_home(page, server)
    click(page, "Commencer le diagnostic")
    opened_at_top(page, "h2", "Profil de l'établissement")
    choose(page, "Type d'établissement", "Centre hospitalier (CH)")
    choose(page, "Statut juridique", "Public")
    click(page, "Suivant →")
    opened_at_top(page, "h2", "Gouvernance et stratégie")
    # A long step: its "Suivant →" is far down, so the click scrolls the page first.
    click(page, "Suivant →")
    at_step(page, 3, 9)
    opened_at_top(page, "h2", "Conformité réglementaire")
    # The keyboard: Enter on the focused button does the same.
    target = button(page, "Suivant →")
    target.focus()
    assert scrolled_down(page) > 500  # the button is at the bottom of the step
    rerun_after(page, lambda: page.keyboard.press("Enter"))
    at_step(page, 4, 9)
    opened_at_top(page, "h2", "Sécurité")
    # "Previous" too.
    click(page, "← Précédent")
    opened_at_top(page, "h2", "Conformité réglementaire")


def test_see_results_opens_the_results_at_their_top(page, server) -> None:
    import_example(page, server)  # complete answers: the wizard opens on its last step
    at_step(page, 9, 9)
    click(page, "Voir les résultats →")
    opened_at_top(page, "h1", "Résultats du diagnostic")


def test_phone_participant_next_step_opens_at_its_top(browser, page, server) -> None:
    from .test_browser_workshop import PHONE, create_workshop

    code, _, _ = create_workshop(page, server)
    context = browser.new_context(locale="fr-FR", **PHONE)
    try:
        context.set_default_timeout(IDLE_TIMEOUT_MS)
        context.add_init_script(RUN_COUNTER_JS)
        phone = context.new_page()
        phone.goto(f"{server}/?view=join&w={code}")
        wait_idle(phone, 0)
        choose(phone, "Votre fonction", "Direction générale")
        rerun_after(phone, phone.get_by_role("button", name="Rejoindre", exact=True).click)
        opened_at_top(phone, "h3", "1/8")
        rerun_after(phone, phone.get_by_role("button", name="Suivant →", exact=True).click)
        opened_at_top(phone, "h3", "2/8")
        expect(phone).to_have_url(re.compile(r"[?&]p=[\w-]+"))
    finally:
        context.close()


def test_phone_sidebar_closes_after_choosing_a_step(browser, server) -> None:
    from .test_browser_workshop import PHONE

    context = browser.new_context(locale="fr-FR", **PHONE)
    try:
        context.set_default_timeout(IDLE_TIMEOUT_MS)
        context.add_init_script(RUN_COUNTER_JS)
        phone = context.new_page()
        phone.goto(server)
        wait_idle(phone, 0)
        sidebar = phone.get_by_test_id("stSidebar")
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        phone.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        rerun_after(phone, sidebar.get_by_role("button", name="Questionnaire", exact=True).click)
        opened_at_top(phone, "h2", "Profil de l'établissement")
        # Closed again: on a phone the open sidebar covers the whole step.
        expect(sidebar).to_have_attribute("data-collapsed", "true")
    finally:
        context.close()


def test_required_profile_fields_stop_next_and_say_where(page, server) -> None:
    open_home(page, server)
    click(page, "Commencer le diagnostic")
    # The new screen's focus script (ui/focus.py, second place of the session after the home
    # page) scrolls to the top once the run is over; pressing "Suivant" before it has run let it
    # scroll the error out of view afterwards (seen once under load).
    page.wait_for_function("() => (window.__focusDone || 0) >= 2")
    click(page, "Suivant →")
    at_step(page, 1, 9)  # still the profile
    alert = page.get_by_test_id("stAlertContentError")
    expect(alert).to_contain_text("« Type d'établissement »")
    expect(alert).to_contain_text("« Statut juridique »")
    expect(alert).to_be_in_viewport()  # next to the button just pressed
    # ... and focused, so that a screen reader reads it (ui/focus.py, on_refusal).
    expect(page.locator("[data-testid=stMain] [data-testid=stAlert]").last).to_be_focused()
    # The note on required fields is a sentence, not a lone bullet.
    expect(page.locator("[data-testid=stMain] li", has_text="réponse nécessaire")).to_have_count(0)
    choose(page, "Type d'établissement", "Centre hospitalier (CH)")
    choose(page, "Statut juridique", "Public")
    click(page, "Suivant →")
    at_step(page, 2, 9)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_home_calls_to_action_are_in_the_first_screen(browser, server, viewport) -> None:
    width, height = viewport
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})
    try:
        context.add_init_script(RUN_COUNTER_JS)
        home = context.new_page()
        home.goto(server)
        wait_idle(home, 0)
        for name in ("Commencer le diagnostic", "Diagnostic express (environ 10 minutes)"):
            target = home.get_by_test_id("stMain").get_by_role("button", name=name, exact=True)
            box = target.bounding_box()
            assert box and box["y"] + box["height"] <= height, (name, box)
        assert home.get_by_test_id("stMain").inner_text().count("30 à 45 minutes") == 1
    finally:
        context.close()


# Streamlit's own English that used to show in the French interface. "Upload" (the upload box's
# button) has no option to translate it: listed in the closing note of issue 14.
ENGLISH = ("per file", "Select all", "Choose options", "Choose an option", "Press Ctrl+Enter",
           "Press Enter", "Skip to main content")  # fmt: skip


def no_streamlit_english(page: Any) -> None:
    shown = page.locator("body").inner_text()
    for text in ENGLISH:
        assert text not in shown, text
    skip = page.get_by_test_id("stSkipToContent")
    if skip.count():
        expect(skip).to_have_text("Aller au contenu principal")
    assert page.evaluate("document.documentElement.lang") == "fr"


def test_french_pages_show_no_streamlit_english(page, server) -> None:
    open_home(page, server)
    page.wait_for_function("document.documentElement.lang === 'fr'")
    no_streamlit_english(page)
    click(page, "Commencer le diagnostic")
    # Typing shows the input's hints ("Press Enter to submit form" before).
    page.get_by_role("textbox", name="Nom de l'établissement").fill("CH de test")
    page.get_by_role("combobox", name=re.compile("Activités")).click()
    no_streamlit_english(page)
    page.keyboard.press("Escape")
    import_example(page, server)
    click(page, "Voir les résultats →")
    page.get_by_role("combobox").first.click()  # the plan filters' option lists
    no_streamlit_english(page)


def test_progress_moves_while_answering_within_a_step(page, server) -> None:
    from .test_browser_wizard import STRATEGY, pick

    open_home(page, server)
    click(page, "Commencer le diagnostic")
    choose(page, "Type d'établissement", "Centre hospitalier (CH)")
    choose(page, "Statut juridique", "Public")
    click(page, "Suivant →")
    progress = page.get_by_test_id("stProgress")
    expect(progress).to_contain_text(re.compile(r"^0 réponses sur \d+ questions"))
    asked = int(re.search(r"sur (\d+)", progress.inner_text()).group(1))
    pick(page, STRATEGY, 3)  # inside the step's form: no server run yet
    expect(progress).to_contain_text(f"1 réponses sur {asked} questions")
    meter = progress.get_by_role("progressbar")
    expect(meter).to_have_attribute("aria-valuenow", str(round(100 / asked)))
    expect(meter).to_have_attribute("aria-label", "Avancement du questionnaire")
    pick(page, "Comment le pilotage de l'IA", 2)
    expect(progress).to_contain_text(f"2 réponses sur {asked} questions")
    pick(page, STRATEGY, 4)  # a changed answer is not a new one
    expect(progress).to_contain_text(f"2 réponses sur {asked} questions")
    click(page, "Enregistrer")  # the server's count agrees
    expect(progress).to_contain_text(f"2 réponses sur {asked} questions")
