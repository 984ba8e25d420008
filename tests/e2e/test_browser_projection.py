"""The screen a facilitator projects shows no key: not on screen, not in the page at all.

The creation screen once showed "Projetez le code ou le QR code", the QR code and the facilitator
key together. Now the key has its own step, masked (not even sent to the browser) until revealed,
and the live panel's projection frame holds the join code, the link and the QR code only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .conftest import wait_idle

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from .test_browser_wizard import choose
from .test_browser_workshop import TITLE, press, reveal

pytestmark = pytest.mark.e2e


def page_holds(page: Any, secret: str) -> bool:
    """Whether the secret is anywhere in the page: its visible text or its DOM (attributes too)."""
    compact = secret.replace("-", "")
    text = page.locator("body").inner_text()
    dom = page.content()
    return any(s in t for s in (secret, compact) for t in (text, dom))


def test_the_projection_screen_shows_no_key(new_page: Callable[[], Any], server: str) -> None:
    page = new_page()
    page.goto(server)
    wait_idle(page, 0)
    press(page, "Animer un atelier")
    page.get_by_role("tab", name="Créer un atelier").click()
    page.get_by_label("Titre de l'atelier").fill(TITLE)
    choose(page, "Type d'établissement", "Centre hospitalier (CH)")
    press(page, "Créer l'atelier")
    codes = page.get_by_test_id("stCode")
    expect(codes).to_have_count(1)
    ident = codes.nth(0).inner_text().strip()
    # Masked: the key's step does not even hold the key until the facilitator asks for it.
    expect(page.get_by_text("••••-••••-••••-••••-••••")).to_be_visible()
    reveal(page)
    expect(codes).to_have_count(2)
    key = codes.nth(1).inner_text().strip()
    assert page_holds(page, key)  # the check below can see a key when there is one
    reveal(page)  # hide it again: gone from the page
    expect(codes).to_have_count(1)
    assert not page_holds(page, key)

    press(page, "J'ai noté l'identifiant et la clé")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    frame = page.get_by_test_id("stExpander").filter(has_text="À projeter")
    expect(frame.get_by_test_id("stCode")).to_have_count(2)
    expect(frame.get_by_test_id("stImage")).to_have_count(1)  # the QR code
    code = frame.get_by_test_id("stCode").nth(0).inner_text().strip()
    assert f"?view=join&w={code}" in frame.get_by_test_id("stCode").nth(1).inner_text()
    wait_idle(page)
    assert not page_holds(page, key)
    assert not page_holds(page, ident)
