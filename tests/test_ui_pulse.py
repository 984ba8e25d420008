"""The pulse screens under AppTest: open a pulse (key shown once), answer on a phone, results
hidden until the threshold, then results, the three-way comparison and the findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .wizard_driver import press, session, start

ANSWER = {
    "perception": "rather_positive",
    "personal_tools": "never",
    "training": "none",
    "charter": "never_heard",
    "visibility": "vague",
    "role_family": "care",
}
MULTI = {"obstacles": ["reliability", "no_time"], "benefits": ["admin_tasks"]}


def open_pulse(title: str = "Baromètre IA – décembre", at=None):
    """Open a pulse from the sidebar; returns the owner's tab (on the panel), the code, id, key.

    ``at``: an app already in use (a self-assessment in its session), else a fresh one."""
    at = at or start()
    press(at, "Baromètre interne")
    at.text_input(key="pf:title").input(title)
    press(at, "Ouvrir le baromètre")
    assert not at.exception
    [ident] = [c.value for c in at.code]  # the key is masked: not even sent
    assert "••••" in at.text[0].value
    at.toggle(key="po-reveal").set_value(True).run()
    ident, key = at.code[0].value, at.code[1].value
    press(at, "J'ai noté")
    link = at.code[0].value
    assert "?pulse=" in link
    return at, link.split("?pulse=")[1], ident, key


def answer(code: str, **changes: object):
    phone = start(pulse=code)
    assert not phone.exception
    for item, value in {**ANSWER, **changes}.items():
        phone.radio(key=f"pq:{item}").set_value(value)
    for item, options in MULTI.items():
        for option in options:
            phone.checkbox(key=f"pq:{item}:{option}").check()
    press(phone, "Envoyer mes réponses")
    return phone


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [e.value for e in at.success] + [e.value for e in at.error]
    return "\n".join(parts).replace("\\", "")


def test_a_phone_answers_once_and_is_thanked() -> None:
    _, code, _, _ = open_pulse()
    phone = answer(code)
    assert any("Merci" in s.value for s in phone.success)
    marker = phone.query_params["m"]
    assert len(marker) == 32
    # The same browser (its marker in the address) is told it has already answered.
    again = start(pulse=code, m=marker)
    assert "déjà été envoyée depuis ce navigateur" in texts(again)
    assert not again.radio


def test_a_missing_answer_is_named_and_what_was_ticked_is_kept() -> None:
    _, code, _, _ = open_pulse()
    phone = start(pulse=code)
    phone.radio(key="pq:perception").set_value("neutral")
    press(phone, "Envoyer mes réponses")
    assert any("Répondez à la question" in e.value for e in phone.error)
    assert phone.radio(key="pq:perception").value == "neutral"


def test_unknown_and_closed_pulses_say_so_plainly() -> None:
    unknown = start(pulse="ZZZZZZZZ")
    assert any("ne correspond à aucun baromètre" in e.value for e in unknown.error)
    owner, code, _, _ = open_pulse()
    press(owner, "Clore le baromètre")
    closed = start(pulse=code)
    assert any("Ce baromètre est clos" in i.value for i in closed.info)
    assert not closed.radio


def test_results_hidden_until_the_threshold_then_shown_with_findings() -> None:
    owner, code, _, _ = open_pulse()
    for _ in range(4):
        answer(code)
    owner.run()
    assert owner.metric[0].value == "4"
    assert "Les résultats restent cachés jusqu'à 5 réponses" in texts(owner)
    assert not owner.table
    answer(code)
    s = session(owner)
    levels = {**s.answers.answers, "training.charter": 3, "training.trained_share": 3}
    s.answers = replace(s.answers, answers=levels)
    owner.run()
    assert not owner.exception
    assert owner.metric[0].value == "5"
    shown = texts(owner)
    assert "Résultats par question" in shown
    tables = [t.value for t in owner.table]
    assert any("Ensemble (n = 5)" in t.columns for t in tables)
    comparison = next(t for t in tables if "Baromètre national" in t.columns)
    assert "Établissement (déclaré)" in comparison.columns
    assert comparison.to_string().count("n = 1") >= 1
    assert "100 % des répondants disent n'en avoir jamais entendu parler" in shown.replace(
        "\u202f", " "
    )
    assert "Faire connaître la charte d'usage de l'IA aux équipes" in shown
    assert "Télécharger le rapport PDF" in [e.proto.label for e in owner.get("download_button")]


def test_a_wrong_key_is_refused_and_shows_nothing() -> None:
    _, _, ident, _ = open_pulse()
    at = start()
    press(at, "Baromètre interne")
    at.text_input(key="pa:id").input(ident)
    at.text_input(key="pa:key").input("AAAA-BBBB-CCCC-DDDD-EEEE")
    press(at, "Accéder aux résultats")
    assert any("Clé refusée" in e.value for e in at.error)
    assert not at.metric


def test_the_owner_erases_the_pulse_after_confirming() -> None:
    owner, code, _, _ = open_pulse()
    answer(code)
    assert owner.button(key="po-erase").disabled
    owner.checkbox(key="po-erase-sure").check().run()
    owner.button(key="po-erase").click().run()
    assert any("supprimés de ce serveur" in s.value for s in owner.success)
    assert any("ne correspond à aucun baromètre" in e.value for e in start(pulse=code).error)


def test_management_answers_from_an_uploaded_file_with_french_errors() -> None:
    owner, code, _, _ = open_pulse()
    for _ in range(5):
        answer(code)
    owner.run()
    assert "Sans les réponses de la direction" in texts(owner)
    owner.file_uploader(key="po-upload").set_value(
        ("x.json", b"{not json", "application/json")
    ).run()
    assert owner.error and not owner.exception  # the importer's own French message
    example = Path(__file__).resolve().parent.parent / "examples" / "ch-moyen.yaml"
    owner.file_uploader(key="po-upload").set_value(
        ("ch-moyen.yaml", example.read_bytes(), "application/yaml")
    ).run()
    assert not owner.exception and not owner.error
    comparison = next(t.value for t in owner.table if "Baromètre national" in t.value.columns)
    # The example declares a charter at level 1: no expected share, so side by side only.
    assert "Consignes ponctuelles" in comparison.to_string()


def test_the_phone_states_the_configured_group_size(monkeypatch) -> None:
    _, code, _, _ = open_pulse()
    assert "groupes d'au moins 5 réponses" in texts(start(pulse=code))
    monkeypatch.setenv("DIAGNOSTIC_MIN_GROUP", "8")
    assert "groupes d'au moins 8 réponses" in texts(start(pulse=code))
