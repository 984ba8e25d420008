"""The XSS corpus in a real browser: nothing runs, nothing is injected, everything reads as typed.

AppTest (tests/test_xss.py) sees the Markdown Streamlit is given; this checks what Chromium makes
of it. One pass: an answers file whose unknown question id is a payload (the error message quotes
it), then one whose establishment name and comments carry the payloads, the wizard and the results
page; then a workshop whose title is a payload, seen from a participant's phone. No ``dialog``
event may fire (every payload calls ``alert``), no node with an event handler, no script, iframe,
object or javascript: link may appear, and the payloads must be on the page as text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import Answers

from ..xss_check import PAYLOADS, chunks
from .conftest import wait_idle

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from .test_browser_wizard import choose, click, open_home, upload
from .test_browser_workshop import press

pytestmark = pytest.mark.e2e

# The payloads that would run script if they became markup, packed for a 200-character field.
ACTIVE = [
    p
    for p in PAYLOADS
    if p.isascii()
    and any(
        k in p.lower() for k in ("<script", "onerror", "onload", "ontoggle", "onfocus", "srcdoc")
    )
]
NAME, TITLE = chunks(200, ACTIVE)[0], chunks(200, ACTIVE)[1]
COMMENTS = chunks(2000)
# Everything the payloads could inject that Streamlit itself never renders (its expanders are
# <details> elements, so only a details with a handler counts).
INJECTED = (
    "[onerror], [onload], [ontoggle], [onfocus], [onclick], [onpointerover], [onstart], "
    "iframe, object, embed, base, marquee, xss, "
    "a[href^='javascript' i], a[href^='vbscript' i], a[href^='data:' i], a[href*='evil.example'], "
    "img[src='x'], img[src*='evil.example']"
)
SCRIPT_FROM_PAYLOAD = """() => [...document.querySelectorAll('script')]
  .filter(s => /alert|evil\\.example/.test(s.textContent + ' ' + (s.src || ''))).length"""


def clean(page: Any) -> None:
    assert page.locator(INJECTED).count() == 0, page.locator(INJECTED).first.evaluate(
        "n => n.outerHTML"
    )
    assert page.evaluate(SCRIPT_FROM_PAYLOAD) == 0


def test_payloads_are_inert_and_literal_in_the_browser(new_page, server, tmp_path: Path) -> None:
    from diagnostic.content import loader as content

    q = content.load_default()
    dialogs: list[str] = []
    page = new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    # 1. A file whose unknown question id is a payload: the error quotes it, as text.
    hostile_id = "[clic](javascript:alert(1)) <img src=x onerror=alert(1)>"
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "questionnaire": {"id": q.id, "version": q.version},
                "answers": {hostile_id: {"answer": 1}},
            }
        ),
        encoding="utf-8",
    )
    open_home(page, server)
    upload(page, bad)
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text(hostile_id)
    clean(page)

    # 2. A file with payloads in the name and the comments: wizard, then results.
    qids = list(q.questions)
    good = tmp_path / "good.json"
    good.write_bytes(
        answers_mod.dump(
            Answers(
                q.id,
                q.version,
                {"establishment_type": "ch", "legal_status": "public", "establishment_name": NAME},
                {qid: 1 for qid in qids[:3]},
                dict(zip(qids[:3], COMMENTS, strict=False)),
            )
        )
    )
    open_home(page, server)
    upload(page, good)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("importé")
    # The wizard opens on the first incomplete step: governance, which holds the comments.
    page.get_by_text("Commentaire et justificatif").first.click()
    expect(page.locator("textarea").first).to_have_value(COMMENTS[0])
    clean(page)
    click(page, "Résultats et plan d'action")
    expect(page.get_by_test_id("stHeading").filter(has_text=NAME)).to_be_visible()
    clean(page)

    # 3. A workshop titled with payloads, from the facilitator's form to a participant's phone.
    facilitator = new_page()
    facilitator.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    facilitator.goto(server)
    wait_idle(facilitator, 0)
    press(facilitator, "Animer un atelier")
    facilitator.get_by_role("tab", name="Créer un atelier").click()
    facilitator.get_by_label("Titre de l'atelier").fill(TITLE)
    choose(facilitator, "Type d'établissement", "Centre hospitalier (CH)")
    choose(facilitator, "Statut juridique", "Public")
    press(facilitator, "Créer l'atelier")
    press(facilitator, "J'ai noté l'identifiant et la clé")
    frame = facilitator.get_by_test_id("stExpander").filter(has_text="À projeter")
    code = frame.get_by_test_id("stCode").nth(0).inner_text().strip()
    clean(facilitator)
    phone = new_page()
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    phone.goto(f"{server}/?view=join&w={code}")
    wait_idle(phone, 0)
    choose(phone, "Votre fonction", "Direction générale")
    press(phone, "Rejoindre")
    expect(phone.get_by_test_id("stHeading").filter(has_text=TITLE)).to_be_visible()
    clean(phone)
    assert dialogs == []
