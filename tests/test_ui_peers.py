"""The peer benchmark on the results page (AppTest): opt-out by default, the panel from the fifth
opted-in peer on, the withdrawal code shown once, withdrawal and wrong codes."""

from __future__ import annotations

import os
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from diagnostic.method import answers as answers_mod
from diagnostic.method.report import build_report
from diagnostic.ui import workshop_consolidated
from diagnostic.workshop import peer_pool, store

from .conftest import EXAMPLES
from .wizard_driver import session, start

TOO_SMALL = (
    "Groupe trop petit pour être montré : moins de 5 établissements comparables ont partagé "
    "leurs résultats."
)


@pytest.fixture
def engine():
    e = store.make_engine(os.environ["DIAGNOSTIC_DATABASE_URL"])
    yield e
    e.dispose()


@pytest.fixture
def answers(questionnaire):
    return answers_mod.read((EXAMPLES / "ch-moyen.yaml").read_bytes(), questionnaire)


def results(answers) -> AppTest:
    at = start()
    s = session(at)
    s.answers, s.view = answers, "results"
    return at.run()


def seed(engine, questionnaire, answers, count: int) -> list[str]:
    report = build_report(questionnaire, answers, {}, today=date(2026, 12, 3))
    record = peer_pool.record_from_report(report, "unknown", date(2026, 12, 3))
    return [str(peer_pool.contribute(engine, record).code) for _ in range(count)]


def infos(at: AppTest) -> list[str]:
    return [e.value for e in (*at.info, *at.error, *at.success)]


def test_finishing_without_ticking_shares_nothing(engine, answers) -> None:
    at = results(answers)
    assert not at.exception
    box = at.checkbox(key="results-peer-optin")
    assert box.value is False
    assert not [b for b in at.button if b.key == "results-peer-confirm"]  # nothing to confirm
    statement = "\n".join(m.value for m in at.markdown)
    for shared in ("type d'établissement", "tranche de taille", "score de chaque dimension"):
        assert shared in statement
    for never in ("nom de l'établissement", "réponses aux questions", "textes libres"):
        assert never in statement
    at.button(key="nav-home").click().run()
    at.button(key="nav-results").click().run()
    assert peer_pool.records(engine) == ()


def test_the_panel_appears_with_the_fifth_peer_and_withdrawal_hides_it(
    engine, questionnaire, answers
) -> None:
    seed(engine, questionnaire, answers, 4)
    at = results(answers)
    assert TOO_SMALL in infos(at)
    assert not any("établissements du même type" in c.value for c in at.caption)
    # Opt in: tick, choose the area, confirm.
    at.checkbox(key="results-peer-optin").check().run()
    at.selectbox(key="results-peer-region").set_value("north_west").run()
    assert len(peer_pool.records(engine)) == 4  # not before the confirmation
    at.button(key="results-peer-confirm").click().run()
    assert not at.exception
    pool = peer_pool.records(engine)
    assert len(pool) == 5 and sum(r.region_band == "north_west" for r in pool) == 1
    code = at.code[0].value
    assert peer_pool.is_in_pool(engine, peer_pool.code_hash(code))
    assert TOO_SMALL not in infos(at)
    assert any(c.value.startswith("5 établissements du même type") for c in at.caption)
    table = next(t.value for t in at.table if "Médiane des pairs" in t.value.columns)
    assert len(table) == 8 and {
        v.replace("\\", "")
        for v in table["Votre position"]  # as read, without escapes
    } == {"au-dessus de la médiane"}
    # The code is shown until "J'ai noté", then never again.
    at.button(key="results-peer-noted").click().run()
    assert not at.code
    assert any("figure dans le vivier" in i for i in infos(at))
    # Sharing again from this session replaces the contribution: still five.
    at.button(key="results-peer-replace").click().run()
    assert len(peer_pool.records(engine)) == 5 and not at.code
    assert any("reste valable" in i for i in infos(at))
    # Withdraw in the same session: four again, the panel goes.
    at.button(key="results-peer-withdraw").click().run()
    assert len(peer_pool.records(engine)) == 4
    assert TOO_SMALL in infos(at) and any("Contribution retirée" in i for i in infos(at))
    assert at.checkbox(key="results-peer-optin").value is False


def test_a_wrong_code_withdraws_nothing_and_says_so_a_right_one_withdraws(
    engine, questionnaire, answers
) -> None:
    codes = seed(engine, questionnaire, answers, 5)
    at = results(answers)
    at.text_input(key="results-peer-code").input("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ")
    at.button(key="results-peer-code-withdraw").click().run()
    assert any("rien n'a été retiré" in e.value for e in at.error)
    assert len(peer_pool.records(engine)) == 5
    assert any(c.value.startswith("5 établissements") for c in at.caption)
    at.text_input(key="results-peer-code").input(codes[0].lower())
    at.button(key="results-peer-code-withdraw").click().run()
    assert len(peer_pool.records(engine)) == 4 and TOO_SMALL in infos(at)


def test_english_panel_and_statement(engine, questionnaire, answers) -> None:
    seed(engine, questionnaire, answers, 5)
    at = start("en")
    s = session(at)
    s.answers, s.view = answers, "results"
    at.run()
    assert not at.exception
    assert any(c.value.startswith("5 establishments of the same type") for c in at.caption)
    assert any("What is never shared" in m.value for m in at.markdown)


def test_the_facilitator_is_offered_the_opt_in_on_the_consolidated_result(engine) -> None:
    from .test_ui_workshop import open_results, participant
    from .wizard_driver import press

    creator = start()
    press(creator, "Animer un atelier")
    creator.text_input(key="wf:title").input("Atelier IA")
    creator.selectbox(key="wf:establishment_type").set_value("ch")
    creator.selectbox(key="wf:legal_status").set_value("public")
    creator.selectbox(key="wf:beds").set_value("b300_799")
    press(creator, "Créer l'atelier")
    ident = creator.code[0].value
    creator.toggle(key="wc-reveal").set_value(True).run()
    key = creator.code[1].value
    press(creator, "J'ai noté")
    code = creator.code[0].value
    participant(code, "director").radio(key="wq:governance.strategy").set_value(2).run()
    at = start()
    press(at, "Animer un atelier")
    open_results(at, ident, key)
    assert not at.exception
    text = "\n".join(m.value for m in (*at.markdown, *at.caption, *at.info, *at.subheader))
    assert "l'animateur décide seul" in text
    assert TOO_SMALL in text  # the peer panel's place, for a ch of 300-799 beds
    # A result with unscored dimensions cannot join the pool: said, and no box to tick.
    assert "chaque dimension doit avoir un score" in text
    assert not [c for c in at.checkbox if c.key and c.key.endswith("-peer-optin")]
    assert peer_pool.records(engine) == ()


def test_the_facilitator_shares_a_complete_consolidated_result(engine, questionnaire) -> None:
    from diagnostic.content.facts import Facts
    from diagnostic.method.conditions import is_asked
    from diagnostic.workshop import participant as workshop

    from .test_ui_workshop import open_results
    from .wizard_driver import press

    created = workshop.create_workshop(
        engine,
        questionnaire,
        title="Atelier",
        held_on=date(2026, 12, 3),
        profile={"establishment_type": "ch", "legal_status": "public", "beds": "b300_799"},
    )
    token = workshop.join(engine, created.join_code, "director").token
    facts = Facts(profile={"establishment_type": "ch", "legal_status": "public"})
    for question in questionnaire.questions.values():
        if is_asked(question, facts):
            workshop.save_answer(engine, questionnaire, token, question.id, 2, None)
    at = start()
    press(at, "Animer un atelier")
    open_results(at, created.workshop_id, created.facilitator_key)
    assert not at.exception
    prefix = workshop_consolidated.peer_prefix(created.workshop_id)
    assert created.workshop_id not in prefix
    assert at.checkbox(key=f"{prefix}-peer-optin").value is False
    at.checkbox(key=f"{prefix}-peer-optin").check().run()
    at.button(key=f"{prefix}-peer-confirm").click().run()
    [record] = peer_pool.records(engine)
    assert (record.establishment_type, record.size_band, record.region_band) == (
        "ch",
        "b300_799",
        "unknown",
    )
    assert any(len(c.value.replace("-", "")) == 24 for c in at.code)  # the withdrawal code
