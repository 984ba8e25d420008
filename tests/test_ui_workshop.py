"""Workshop screens under AppTest: create, join on a phone, answer, watch live, agree, and access."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from diagnostic.workshop.access import FacilitatorAccess

from .wizard_driver import press, start


def create_in(at, title: str = "Atelier IA du CH") -> tuple[str, str]:
    """Create a workshop in this session; returns (workshop id, key), left on the key's step."""
    press(at, "Animer un atelier")
    at.text_input(key="wf:title").input(title)
    at.selectbox(key="wf:establishment_type").set_value("ch")
    at.selectbox(key="wf:legal_status").set_value("public")
    press(at, "Créer l'atelier")
    [ident] = [c.value for c in at.code]  # the key is masked: not even sent
    at.toggle(key="wc-reveal").set_value(True).run()
    [_, key] = [c.value for c in at.code]
    return ident, key


def create(title: str = "Atelier IA du CH") -> tuple[object, str, str, str]:
    """Create a workshop, note its key, read the projected code; returns a fresh facilitator tab
    (on the login form), the join code, the workshop id and the key."""
    creator = start()
    ident, key = create_in(creator, title)
    press(creator, "J'ai noté")
    code = creator.code[0].value
    at = start()
    press(at, "Animer un atelier")
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


def test_the_key_has_its_own_masked_step_and_the_live_panel_opens_without_retyping() -> None:
    at = start()
    press(at, "Animer un atelier")
    at.text_input(key="wf:title").input("Atelier IA du CH")
    at.selectbox(key="wf:establishment_type").set_value("ch")
    press(at, "Créer l'atelier")
    assert not at.exception
    # The key's step: id in its own block, key masked, nothing to project (no code, no QR).
    [ident] = [c.value for c in at.code]
    assert len(ident) == 16 and not at.get("image")
    assert "••••-••••" in " ".join(t.value for t in at.text)
    assert not [t for t in at.tabs] and not [e for e in at.expander]
    at.toggle(key="wc-reveal").set_value(True).run()
    blocks = [c.value for c in at.code]
    assert blocks[0] == ident and len(blocks) == 2  # one block (one copy button) per value
    key = blocks[1]
    assert len(key.replace("-", "")) == 20
    at.toggle(key="wc-reveal").set_value(False).run()
    assert key not in " ".join(c.value for c in at.code)
    # Noted: the live panel opens at once, no id or key typed again.
    press(at, "J'ai noté l'identifiant et la clé")
    assert not at.exception
    assert at.header[0].value == "Atelier IA du CH"
    assert "wf:key" not in [t.key for t in at.text_input]
    # The projection frame: join code, link and QR code; the key and the id nowhere on screen.
    [frame] = [e for e in at.expander if "projeter" in e.label]
    code, link = (c.value for c in frame.code)
    assert len(code) == 8 and link.endswith(f"?view=join&w={code}")
    assert len(at.get("image")) == 1
    shown = " ".join(
        [c.value for c in at.code]
        + [m.value for m in at.markdown]
        + [m.value for m in at.caption]
        + [t.value for t in at.text]
    )
    assert key not in shown and key.replace("-", "") not in shown and ident not in shown
    assert at.session_state["ws-access"].workshop_id == ident


def test_a_creation_token_is_asked_when_the_operator_set_one(monkeypatch) -> None:
    monkeypatch.setenv("DIAGNOSTIC_CREATION_TOKEN", "jeton-42")
    monkeypatch.setattr("diagnostic.workshop.key_throttle.REFUSAL_FLOOR", 0.0)
    monkeypatch.setattr("diagnostic.workshop.key_throttle.BASE_DELAY", 0.0)
    at = start()
    press(at, "Animer un atelier")
    at.text_input(key="wf:title").input("Atelier")
    at.text_input(key="wf:creation_token").input("mauvais")
    press(at, "Créer l'atelier")
    assert any("Jeton de création refusé" in e.value for e in at.error)
    assert not at.code
    at.text_input(key="wf:title").input("Atelier")
    at.text_input(key="wf:creation_token").input("jeton-42")
    press(at, "Créer l'atelier")
    assert not at.error and len(at.code) == 1


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
    assert not [b for b in at.button if "Conserver ce consensus" in b.label]  # no secret yet
    press(at, "Démarrer un nouvel historique")
    secret = next(c.value for c in at.code if len(c.value) == 20)
    [entry] = [o for o in at.selectbox(key="hist-pick").options]
    assert "consensus d'atelier" in entry
    at.selectbox(key="hist-pick").set_value(1).run()  # the only entry: id 1 in a fresh store
    assert not at.exception
    assert any("0 réponse(s) ont changé" in m.value for m in at.markdown)
    press(at, "J'ai noté le code")
    assert secret not in " ".join(c.value for c in at.code)
    # Another workshop of the "same" establishment sees nothing without the code, then with it.
    other, _, ident2, key2 = create("atelier  ANNUEL")
    open_results(other, ident2, key2)
    assert "hist-pick" not in [s.key for s in other.selectbox]
    other.text_input(key="hist:secret").input("mauvais-code")
    press(other, "Ouvrir l'historique")
    assert any("Code d'historique refusé" in e.value for e in other.error)
    other.text_input(key="hist:secret").input(secret)
    press(other, "Ouvrir l'historique")
    assert len(other.selectbox(key="hist-pick").options) == 1
    press(other, "Conserver ce consensus")
    assert any("conservé" in s.value for s in other.success)
    assert len(other.selectbox(key="hist-pick").options) == 2


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


def test_an_import_naming_another_establishment_waits_for_confirmation() -> None:
    from diagnostic.content import loader as content
    from diagnostic.method import answers as answers_mod
    from diagnostic.method.answers import Answers

    q = content.load_default()
    at, _, ident, key = create("CH Beta")
    open_results(at, ident, key)
    press(at, "Démarrer un nouvel historique")
    assert len(at.selectbox(key="hist-pick").options) == 1
    tilleuls = Answers(q.id, q.version, {"establishment_name": "EHPAD Les Tilleuls"}, {}, {})
    at.file_uploader(key="hist-upload").set_value(
        ("tilleuls.json", answers_mod.dump(tilleuls), "application/json")
    ).run()
    assert not at.exception
    [warning] = [w.value for w in at.warning if "EHPAD Les Tilleuls" in w.value]
    assert "CH Beta" in warning
    assert len(at.selectbox(key="hist-pick").options) == 1  # not kept yet
    at.checkbox(key="hist-ok-import").check().run()
    assert any("conservé" in s.value for s in at.success)
    assert len(at.selectbox(key="hist-pick").options) == 2


def test_a_rotated_history_code_closes_the_history_not_the_workshop() -> None:
    from diagnostic.ui import resources
    from diagnostic.workshop import history_access

    at, _, ident, key = create("CH Gamma")
    open_results(at, ident, key)
    press(at, "Démarrer un nouvel historique")
    _, access = at.session_state["hist-access"]
    history_access.rotate_secret(resources.engine(), access.history_id)
    press(at, "Actualiser")
    assert any("Code d'historique refusé" in e.value for e in at.error)
    assert at.header[0].value == "CH Gamma"  # the workshop stays open
    assert "hist-pick" not in [s.key for s in at.selectbox]
