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


def _refusal_scripts(at) -> int:
    from diagnostic.ui import focus

    return sum(e.proto.body == focus._REFUSAL_SCRIPT for e in at.get("html"))


def test_a_refusal_brings_its_error_into_view_once() -> None:
    """The refused run scrolls to its error; a later run of the same step leaves the page be."""
    at = start()
    press(at, "Commencer")
    assert _refusal_scripts(at) == 0
    press(at, "Suivant")
    assert at.error and _refusal_scripts(at) == 1
    at.run()  # e.g. a value chosen: the error stays, the page does not jump
    assert at.error and _refusal_scripts(at) == 0
    press(at, "Enregistrer")  # saving is not a refusal
    assert _refusal_scripts(at) == 0


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


def test_results_with_no_answer_say_so_instead_of_a_full_page() -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    press(at, "Résultats")
    assert any("Aucune question n'a encore de réponse" in i.value for i in at.info)
    assert not at.metric and not at.warning  # no stage, no "100 % je ne sais pas" banner
    at.button(key="results-to-wizard").click().run()
    assert session(at).view == "wizard" and session(at).step == 1


def test_english_names_the_missing_fields_in_english() -> None:
    at = start("en")
    press(at, "Start")
    press(at, "Next")
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "“Type of establishment”" in errors[0], errors


def _all_text(at) -> str:
    parts = [*at.markdown, *at.caption, *at.info, *at.title, *at.subheader]
    return "\n".join(p.value for p in parts)


def test_home_offers_full_and_express_and_says_the_duration_once() -> None:
    at = start()
    assert at.button(key="start").label == "Commencer le diagnostic"
    assert "express" in at.button(key="start-express").label.lower()
    assert _all_text(at).count("30 à 45 minutes") == 1


def test_core_questions_cover_every_dimension(questionnaire) -> None:
    from diagnostic.ui.state import core_ids

    core = core_ids(questionnaire)
    assert 12 <= len(core) <= 18, core
    for d in questionnaire.dimensions:
        assert any(x.core for x in d.questions), d.id
    # Every question that can raise a red flag is asked on the express path too.
    from .conftest import ROOT

    flags = (ROOT / "questionnaires" / "ia-sante" / "red_flags.yaml").read_text("utf-8")
    for qid in questionnaire.questions:
        if qid in flags:
            assert qid in core, qid


def test_express_asks_only_core_questions_then_gives_an_indicative_result(questionnaire) -> None:
    from diagnostic.ui.state import core_ids

    core = set(core_ids(questionnaire))
    at = start()
    at.button(key="start-express").click().run()
    assert session(at).express and session(at).view == "wizard"
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    seen: list[str] = []
    at.text_area(key="c:governance.strategy").input("Feuille de route 2026")
    while session(at).view == "wizard":
        shown = [r.key[2:] for r in at.radio if r.key and r.key.startswith("q:")]
        assert shown and set(shown) <= core, shown
        seen += shown
        for qid in shown:
            at.radio(key=f"q:{qid}").set_value(1)
        press(at, "Suivant", "Voir le résultat indicatif")
    assert set(seen) == core
    assert any("Résultat indicatif" in h.value for h in at.subheader)
    text = _all_text(at)
    assert f"{len(core)} réponses sur" in text and "est **faible**" in text
    assert "Parties manquantes" in text
    assert any(h.value == "Vos priorités" for h in at.subheader)  # the first priorities
    assert at.metric  # the same results below: stage, scores, plan
    # Going on to the full diagnostic keeps every answer and shows the other questions too.
    before = session(at).answers
    at.button(key="express-continue").click().run()
    s = session(at)
    assert not s.express and s.view == "wizard" and s.step == 1
    assert s.answers == before
    shown = [r.key[2:] for r in at.radio if r.key and r.key.startswith("q:")]
    assert set(shown) - core  # the non-core questions appear
    assert at.radio(key="q:governance.strategy").value == 1
    press(at, "Suivant")  # submitting the full step keeps the core answer and its comment
    assert session(at).answers.comments["governance.strategy"] == "Feuille de route 2026"
    assert session(at).answers.answers["governance.strategy"] == 1


def test_express_step_does_not_erase_comments_of_questions_it_hides(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    at.radio(key="q:governance.ai_lead").set_value(2)
    at.text_area(key="c:governance.ai_lead").input("Référent nommé")
    press(at, "Enregistrer")
    press(at, "Accueil")
    at.button(key="start-express").click().run()
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    assert not any(r.key == "q:governance.ai_lead" for r in at.radio)  # not core: hidden
    press(at, "Suivant")
    a = session(at).answers
    assert a.answers["governance.ai_lead"] == 2
    assert a.comments["governance.ai_lead"] == "Référent nommé"


def test_wizard_says_dont_know_counts_zero_and_results_explain_coverage() -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    assert any("compte comme le niveau 0" in c.value for c in at.caption)
    at.radio(key="q:governance.strategy").set_value("dont_know")
    press(at, "Enregistrer")
    press(at, "Résultats")
    assert any("couverture" in c.value.lower() for c in at.caption)


def test_page_script_survives_the_sanitizer() -> None:
    """Streamlit's sanitizer (DOMPurify) drops a script whose text holds "<" + a letter or "/"."""
    import re

    from diagnostic.ui import focus

    for lang in ("fr", "en"):
        body = focus.script(7, "h2", lang).removeprefix("<script>").removesuffix("</script>")
        assert not re.search(r"<[/\w]", body)
    body = focus._REFUSAL_SCRIPT.removeprefix("<script>").removesuffix("</script>")
    assert not re.search(r"<[/\w]", body)
