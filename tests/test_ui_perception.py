"""A staff pulse's perception gaps carried into the session's own diagnostic, under AppTest.

The self-assessment declares a signed charter (level 3) and 30–60 % of staff trained (level 3);
five phones say they never heard of the charter and were never trained. Integrated from the pulse
owner's panel, the findings appear on the results page and the perception rules' actions in the
plan; removing the integration removes both. A consistent pulse adds no finding and no action;
answers changed after the integration stop the gaps from applying; management answers from an
uploaded file are not integrated.
"""

from __future__ import annotations

from pathlib import Path

from diagnostic.content import loader
from diagnostic.method import answers as answers_mod

from .test_ui_pulse import answer, open_pulse, texts
from .wizard_driver import press, session, start

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ch-moyen.yaml"
HEADING = "Écart de perception (baromètre interne)"
CHARTER_FINDING = "100 % des répondants disent n'en avoir jamais entendu parler"
RULES = (
    "Faire connaître la charte d'usage de l'IA aux équipes",
    "Vérifier la part réelle de personnels formés et étendre la formation",
)
CONSISTENT = {"charter": "read", "training": "trained", "personal_tools": "never"}


def declared() -> bytes:
    """The example's answers, with a signed charter and 30–60 % trained declared."""
    q = loader.load_default()
    base = answers_mod.read(EXAMPLE.read_bytes(), q)
    return answers_mod.dump(
        base.with_answer("training.charter", 3).with_answer("training.trained_share", 3)
    )


def everything(at) -> str:
    """Every text on the page, expander labels included (the plan's actions are expanders)."""
    labels = [e.label for e in at.get("expander")]
    return (texts(at) + "\n" + "\n".join(labels)).replace("\\", "").replace("\u202f", " ")


def pulse_in_session(**changes: str):
    """A self-assessment loaded in the session, then a pulse opened and filled to the threshold."""
    at = start()
    at.file_uploader(key="upload-home").set_value(
        ("mine.json", declared(), "application/json")
    ).run()
    owner, code, _, _ = open_pulse(at=at)
    for _ in range(5):
        answer(code, **changes)
    owner.run()
    assert not owner.exception
    return owner


def test_gaps_integrated_reach_the_results_and_the_plan_and_can_be_removed() -> None:
    at = pulse_in_session()
    assert "le diagnostic rempli dans cette session" in texts(at)
    press(at, "Résultats")
    before = everything(at)
    assert HEADING not in before and not any(rule in before for rule in RULES)
    press(at, "Baromètre interne")
    press(at, "Intégrer ces écarts à mon diagnostic")
    assert any("intégrés à votre diagnostic" in s.value for s in at.success)
    summary = session(at).perception
    assert summary is not None and summary.answers == 5 and summary.min_group == 5
    assert set(summary.gaps) == {"charter", "training"}
    press(at, "Résultats")
    assert not at.exception
    shown = everything(at)
    assert HEADING in shown and CHARTER_FINDING in shown
    assert "5 réponses" in shown and "Aucun groupe de moins de 5 réponses" in shown
    assert "enquête anonyme auprès des agents" in shown
    for rule in RULES:
        assert rule in shown, rule
    at.button(key="perception-remove").click().run()
    assert session(at).perception is None
    after = everything(at)
    assert HEADING not in after and CHARTER_FINDING not in after
    assert not any(rule in after for rule in RULES)


def test_a_consistent_pulse_adds_no_finding_and_no_action() -> None:
    at = pulse_in_session(**CONSISTENT)
    press(at, "Résultats")
    plan_before = [e.label for e in at.get("expander")]
    press(at, "Baromètre interne")
    press(at, "Intégrer ces écarts à mon diagnostic")
    assert session(at).perception.gaps == {}
    press(at, "Résultats")
    shown = everything(at)
    assert HEADING in shown and "Aucun écart au-delà des seuils publiés" in shown
    assert not any(rule in shown for rule in RULES)
    assert [e.label for e in at.get("expander")] == plan_before


def test_answers_changed_after_the_integration_stop_the_gaps_applying() -> None:
    at = pulse_in_session()
    press(at, "Intégrer ces écarts à mon diagnostic")
    s = session(at)
    s.answers = s.answers.with_answer("training.charter", 1)
    press(at, "Résultats")
    shown = everything(at)
    assert "ne sont plus appliqués" in shown and CHARTER_FINDING not in shown
    assert not any(rule in shown for rule in RULES)


def test_management_answers_from_a_file_are_not_integrated() -> None:
    owner, code, _, _ = open_pulse()
    for _ in range(5):
        answer(code)
    owner.run()
    owner.file_uploader(key="po-upload").set_value(
        ("mine.json", declared(), "application/json")
    ).run()
    assert not owner.exception
    assert CHARTER_FINDING in everything(owner)  # the panel itself still shows the finding
    assert "Intégrer ces écarts à mon diagnostic" not in [b.label for b in owner.button]
    assert "ouvrez d'abord ce fichier comme diagnostic" in texts(owner)
    assert session(owner).perception is None
