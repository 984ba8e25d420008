"""The facilitator's screens under AppTest: consensus defaults that follow the answers, the
consolidated result on screen, the projector-ready live panel and the empty CSV's reason."""

from __future__ import annotations

from .test_ui_workshop import create, open_results, participant
from .wizard_driver import press

STRATEGY = "governance.strategy"


def test_consensus_opened_before_answers_takes_the_median_after_refresh() -> None:
    at, code, ident, key = create()
    open_results(at, ident, key)
    assert at.selectbox(key=f"wa:{STRATEGY}").value is None  # nobody has answered yet
    for role, level in (("director", 2), ("cio", 4)):
        participant(code, role).radio(key=f"wq:{STRATEGY}").set_value(level).run()
    press(at, "Actualiser")
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 2  # the lower median of 2 and 4
    assert any("2 réponses reçues" in c.value for c in at.caption)


def test_a_level_chosen_by_hand_survives_a_refresh_and_new_answers() -> None:
    at, code, ident, key = create()
    participant(code, "director").radio(key=f"wq:{STRATEGY}").set_value(1).run()
    open_results(at, ident, key)
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 1
    at.selectbox(key=f"wa:{STRATEGY}").set_value(3).run()
    participant(code, "cio").radio(key=f"wq:{STRATEGY}").set_value(0).run()
    press(at, "Actualiser")
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 3
    at.button(key=f"wb:{STRATEGY}").click().run()
    press(at, "Actualiser")
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 3
