"""The facilitator's screens in a real browser, on a 1280×720 projector.

The facilitator opens the consensus tab before anyone has answered; two participants answer on
their phones; after "Actualiser", "Niveau retenu" shows the participants' median, as the tab's
text promises. The live panel then fits the projector: no sideways scrolling, no "None", large
type. The consolidated tab shows the result on screen, marked indicative (1 of 8 dimensions).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from diagnostic.content import loader as content

from ..conftest import SHIPPED
from .conftest import rerun_after, wait_idle
from .test_browser_wizard import choose
from .test_browser_workshop import (
    AI_LEAD,
    ESTABLISHMENT,
    LIVE_TIMEOUT_MS,
    PHONE,
    STRATEGY,
    TITLE,
    join_and_answer,
    open_context,  # noqa: F401 (fixture)
    press,
)

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PROJECTOR = {"viewport": {"width": 1280, "height": 720}}


def level_label(question_id: str, level: int) -> str:
    """The option as the consensus selector writes it: "1 — <level label>"."""
    q = content.load(SHIPPED)
    question = q.questions[question_id]
    label = next(lv.label.get("fr") for lv in q.levels_of(question) if lv.level == level)
    return f"{level} — {label}"


def create_and_open(page: Any, server: str) -> str:
    """Create the workshop, note the key, land on its panel; return the join code it projects."""
    page.goto(server)
    wait_idle(page, 0)
    press(page, "Animer un atelier")
    page.get_by_role("tab", name="Créer un atelier").click()  # tabs switch in the browser only
    page.get_by_label("Titre de l'atelier").fill(TITLE)
    page.get_by_label("Nom de l'établissement").fill(ESTABLISHMENT)
    choose(page, "Type d'établissement", "Centre hospitalier (CH)")
    choose(page, "Statut juridique", "Public")
    press(page, "Créer l'atelier")
    press(page, "J'ai noté l'identifiant et la clé")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    code = page.get_by_test_id("stCode").first.inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{8}", code), code
    return code


def consensus_selector(page: Any, question_start: str) -> Any:
    """The "Niveau retenu" combobox of one question, its expander opened."""
    panel = page.get_by_role("tabpanel", name="Consensus")
    item = panel.get_by_test_id("stExpander").filter(has_text=question_start)
    summary = item.locator("summary")
    if item.get_by_role("combobox").is_hidden():
        summary.click()
    return (
        item.get_by_test_id("stSelectbox").filter(has_text="Niveau retenu").get_by_role("combobox")
    )


def test_consensus_default_after_refresh_and_a_projectable_live_panel(
    open_context: Callable[[dict[str, Any]], Any],  # noqa: F811 (the imported fixture)
    server: str,
) -> None:
    boss = open_context(PROJECTOR)
    code = create_and_open(boss, server)

    boss.get_by_role("tab", name="Consensus").click()
    strategy = consensus_selector(boss, STRATEGY)
    expect(strategy).to_have_value("")  # nobody has answered yet: no proposal

    join_and_answer(open_context(PHONE), server, code, "Direction générale", (1, 2))
    join_and_answer(open_context(PHONE), server, code, "DSI / direction du numérique", (3, 3))

    refresh = boss.get_by_role("tabpanel", name="Consensus").get_by_role(
        "button", name="Actualiser avec les dernières réponses"
    )
    rerun_after(boss, refresh.click)
    # The lower median of 1 and 3, and of 2 and 3.
    expect(consensus_selector(boss, STRATEGY)).to_have_value(level_label("governance.strategy", 1))
    expect(consensus_selector(boss, AI_LEAD)).to_have_value(level_label("governance.ai_lead", 2))

    boss.get_by_role("tab", name="En direct").click()
    live = boss.get_by_role("tabpanel", name="En direct")
    participants = live.get_by_test_id("stMetric").filter(has_text="Participants")
    expect(participants.get_by_test_id("stMetricValue")).to_have_text("2", timeout=LIVE_TIMEOUT_MS)
    expect(live.get_by_test_id("stVegaLiteChart")).to_have_count(1)  # governance only
    # The panel takes the projector's whole width (the other pages keep the centred column).
    boss.wait_for_function(
        "() => document.querySelector('[data-testid=stMainBlockContainer]').clientWidth > 900",
        timeout=LIVE_TIMEOUT_MS,
    )
    wait_idle(boss)
    width = boss.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width[0] <= width[1], width
    # Streamlit scrolls its main area itself: that must not scroll sideways either.
    main = boss.get_by_test_id("stMain").evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert main[0] <= main[1], main
    # Data grids draw on a canvas (their "None" cells invisible to inner_text) and scroll inside.
    expect(live.get_by_test_id("stDataFrame")).to_have_count(0)
    text = live.inner_text()
    assert "None" not in text
    assert "Gouvernance et stratégie" in text
    heading = live.get_by_role("heading", name="Gouvernance et stratégie")
    size = float(heading.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 22, size  # large type for the back of the room

    boss.get_by_role("tab", name="Plan consolidé et gestion").click()
    managed = boss.get_by_role("tabpanel", name="Plan consolidé et gestion")
    expect(managed.get_by_text(re.compile(r"Dimensions renseignées : 1 sur 8"))).to_be_visible()
    expect(managed.get_by_text("Actions prioritaires")).to_be_visible()
    expect(managed.get_by_text(re.compile("moins de 3 personnes"))).to_be_visible()
