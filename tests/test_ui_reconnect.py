"""A participant's tab after a server restart: what the browser still shows is not what was saved.

When the server restarts, the tab reconnects to a new session and sends back the widget values it
still shows; an answer given just before the restart is then selected on screen although the
database never received it. Under AppTest the same situation is a session whose widget state holds
a value the store does not have, before the first run.
"""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from diagnostic.content import loader as content
from diagnostic.i18n import message
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import store

from .wizard_driver import APP

QUESTION = "governance.strategy"


def joined() -> str:
    engine = store.make_engine(store.database_url())
    created = workshop.create_workshop(
        engine,
        content.load_default(),
        title="Atelier",
        held_on=date.today(),
        profile={"establishment_type": "ch", "legal_status": "public"},
    )
    return workshop.join(engine, created.join_code, "dpo").token


def reconnected(token: str, shown: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["p"] = token
    at.session_state[f"wq:{QUESTION}"] = shown  # what the reconnecting tab sends back
    return at.run()


def test_an_answer_not_in_the_store_is_flagged_not_saved() -> None:
    token = joined()
    at = reconnected(token, 3)
    assert not at.exception
    assert at.radio(key=f"wq:{QUESTION}").value == 3  # still shown, as the browser has it
    assert [w.value for w in at.warning] == [message("ws.not_saved", "fr")]
    assert not any("✓" in c.value for c in at.caption)
    # Choosing it again saves it: the warning gives way to the "saved" mark.
    at.radio(key=f"wq:{QUESTION}").set_value(2).run()
    assert not at.warning
    assert any(message("ws.saved", "fr") == c.value for c in at.caption)


def test_an_answer_that_is_in_the_store_is_not_flagged() -> None:
    token = joined()
    engine = store.make_engine(store.database_url())
    workshop.save_answer(engine, content.load_default(), token, QUESTION, 3)
    at = reconnected(token, 3)
    assert not at.exception and not at.warning
