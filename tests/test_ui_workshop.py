"""Workshop screens under AppTest: create, join on a phone, answer, watch live, agree, and access."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from diagnostic.workshop_access import FacilitatorAccess

from .wizard_driver import press, start


def create(title: str = "Atelier IA du CH") -> tuple[object, str, str, str]:
    at = start()
    press(at, "Animer un atelier")
    at.text_input(key="wf:title").input(title)
    at.selectbox(key="wf:establishment_type").set_value("ch")
    at.selectbox(key="wf:legal_status").set_value("public")
    press(at, "Créer l'atelier")
    code, _link, secret = (c.value for c in at.code)
    ident, key = (line.split(" : ")[1] for line in secret.splitlines())
    return at, code, ident, key


def participant(code: str, role: str):
    p = start(view="join", w=code)
    p.selectbox(key="ws-role").set_value(role)
    press(p, "Rejoindre")
    return p


def open_results(at, ident: str, key: str):
    at.text_input(key="wf:id").input(ident)
    at.text_input(key="wf:key").input(key)
    return press(at, "Ouvrir les résultats")


def test_created_workshop_shows_code_link_qr_and_key_once() -> None:
    at, code, _ident, key = create()
    assert not at.exception
    assert len(code) == 8 and len(key.replace("-", "")) == 20
    assert len(at.get("image")) == 1  # the QR code
    press(at, "J'ai noté")
    assert key not in " ".join(c.value for c in at.code)
    assert not at.get("image")


def test_participants_answer_and_the_facilitator_sees_them_live() -> None:
    at, code, ident, key = create()
    phones = [participant(code, role) for role in ("director", "cio")]
    for level, phone in zip((3, 1), phones, strict=True):
        assert phone.query_params.get("p")
        phone.radio(key="wq:governance.strategy").set_value(level).run()
        assert any("enregistré" in c.value for c in phone.caption)
    open_results(at, ident, key)
    assert not at.exception
    assert at.header[0].value == "Atelier IA du CH"
    assert at.metric[0].value == "2"


def test_participant_resumes_with_the_link_and_sees_only_own_answers() -> None:
    _, code, _, _ = create()
    first, second = participant(code, "dpo"), participant(code, "ciso")
    first.radio(key="wq:governance.strategy").set_value(4).run()
    second.radio(key="wq:governance.strategy").set_value(0).run()
    again = start(p=first.query_params["p"])
    assert again.radio(key="wq:governance.strategy").value == 4
    other = start(p=second.query_params["p"])
    assert other.radio(key="wq:governance.strategy").value == 0


def test_wrong_key_and_forged_state_show_no_data() -> None:
    at, _, ident, _ = create()
    open_results(at, ident, "AAAA-BBBB-CCCC-DDDD-EEEE")
    assert any("Accès refusé" in e.value for e in at.error)
    assert not at.metric
    forged = start()
    forged.session_state["ws-access"] = FacilitatorAccess(
        ident, datetime.now(UTC) + timedelta(hours=1), "0" * 64
    )
    press(forged, "Animer un atelier")
    assert not forged.metric
    assert "Atelier IA du CH" not in [h.value for h in forged.header]


def test_key_of_another_workshop_is_refused() -> None:
    at, _, ident_a, _ = create("A")
    _, _, _, key_b = create("B")
    open_results(at, ident_a, key_b)
    assert not at.metric


def test_bad_join_code_is_explained() -> None:
    p = start(view="join", w="ZZZZZZZZ")
    p.selectbox(key="ws-role").set_value("director")
    press(p, "Rejoindre")
    assert p.error and not p.query_params.get("p")


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "[x](javascript:alert(1))"])
def test_workshop_title_is_inert(payload) -> None:
    from diagnostic.ui.safe import escape

    _at, code, _ident, _key = create(payload)
    phone = participant(code, "director")
    assert phone.header[0].value == escape(payload)


def test_consensus_kept_in_history_and_compared() -> None:
    at, code, ident, key = create("Atelier annuel")
    phone = participant(code, "director")
    phone.radio(key="wq:governance.strategy").set_value(2).run()
    open_results(at, ident, key)
    press(at, "Conserver ce consensus")
    assert any("conservé" in s.value for s in at.success)
    [entry] = [o for o in at.selectbox(key="hist-pick").options]
    assert "consensus d'atelier" in entry
    at.selectbox(key="hist-pick").set_value(1).run()  # the only entry: id 1 in a fresh store
    assert not at.exception
    assert any("0 réponse(s) ont changé" in m.value for m in at.markdown)


def test_live_panel_shows_progress_and_answers_by_question() -> None:
    at, code, ident, key = create()
    for role, level in (("director", 1), ("cio", 3)):
        participant(code, role).radio(key="wq:governance.strategy").set_value(level).run()
    open_results(at, ident, key)
    bars = [p.proto.text for p in at.get("progress")]
    assert sorted(b.split(" — ")[0] for b in bars) == ["P1", "P2"]
    assert all(b.endswith(" questions") and " / " in b for b in bars)
    texts = [m.value.replace("\\", "") for m in at.markdown]  # as read, without escapes
    strategy = next(t for t in texts if t.startswith("L'établissement dispose-t-il"))
    assert "**1** : 1" in strategy and "**3** : 1" in strategy and "**?** : 0" in strategy
