"""The director's journey under AppTest: required profile fields, results that need them."""

from __future__ import annotations

from .wizard_driver import fill_profile, press, session, start


def _texts(at) -> list[str]:
    return [e.value for e in (*at.error, *at.warning, *at.info, *at.markdown, *at.caption)]


def test_next_without_type_and_status_says_what_is_missing_and_stays() -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_name": "CH de test"})
    press(at, "Suivant")
    s = session(at)
    assert s.view == "wizard" and s.step == 0  # refused: still on the profile
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert "« Type d'établissement »" in errors[0] and "« Statut juridique »" in errors[0]
    assert "Profil de l'établissement" in errors[0]  # where
    assert s.answers.profile["establishment_name"] == "CH de test"  # what was typed is kept
    # One of the two given: only the other one is named.
    fill_profile(at, {"establishment_type": "ch"})
    press(at, "Suivant")
    errors = [e.value for e in at.error]
    assert session(at).step == 0 and len(errors) == 1
    assert "Statut juridique" in errors[0] and "Type d'établissement" not in errors[0]
    fill_profile(at, {"legal_status": "public"})
    press(at, "Suivant")
    assert session(at).step == 1 and not at.error


def test_saving_an_incomplete_profile_is_allowed() -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch"})
    press(at, "Enregistrer")
    assert session(at).answers.profile["establishment_type"] == "ch"
    assert session(at).step == 0


def test_no_stray_bullet_under_the_profile_form() -> None:
    at = start()
    press(at, "Commencer")
    note = next(c for c in at.caption if "réponse nécessaire" in c.value)
    # "* réponse…" is a Markdown list item (a lone bullet on screen); "\\*" is a plain star.
    assert note.value.startswith("\\* ")


def test_results_without_the_required_profile_explain_and_link_back() -> None:
    at = start()
    press(at, "Résultats")
    assert session(at).view == "results"
    warnings = [w.value for w in at.warning]
    assert any("Type d'établissement" in w and "Statut juridique" in w for w in warnings)
    assert not at.metric and not at.dataframe  # no stage, no plan "for your type"
    at.button(key="results-to-profile").click().run()
    assert session(at).view == "wizard" and session(at).step == 0


def test_english_names_the_missing_fields_in_english() -> None:
    at = start("en")
    press(at, "Start")
    press(at, "Next")
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "“Type of establishment”" in errors[0], errors
