"""The wizard under AppTest: full flows, navigation, conditions, language, resume, bad files, XSS."""

from __future__ import annotations

import json
import tomllib

import pytest

from diagnostic.method import answers as answers_mod
from diagnostic.ui.safe import escape

from .conftest import EXAMPLES, ROOT
from .wizard_driver import complete, fill_profile, press, session, start

EXAMPLE_NAMES = ["chu-grand", "ch-moyen", "ehpad"]


def example(questionnaire, name: str):
    return answers_mod.read((EXAMPLES / f"{name}.yaml").read_bytes(), questionnaire)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_full_flow_to_results_for_each_example(questionnaire, name) -> None:
    expected = example(questionnaire, name)
    at = complete(start(), expected)
    s = session(at)
    assert not at.exception
    assert s.view == "results"
    assert (s.answers.profile, s.answers.answers) == (expected.profile, expected.answers)
    assert (s.answers.comments, s.answers.evidence) == (expected.comments, expected.evidence)
    assert at.title[0].value == "Résultats du diagnostic"
    from diagnostic.method.scoring import score

    result = score(questionnaire, expected)
    assert at.metric[0].value == questionnaire.stage(result.stage).name.fr
    assert len(at.error) == len(result.red_flags)


def test_back_and_forth_keeps_answers(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    at.radio(key="q:governance.strategy").set_value(3)
    at.text_area(key="c:governance.strategy").input("Feuille de route votée")
    press(at, "Suivant")
    press(at, "Précédent")
    assert at.radio(key="q:governance.strategy").value == 3
    assert at.text_area(key="c:governance.strategy").value == "Feuille de route votée"
    press(at, "Précédent")
    assert at.selectbox(key="p:establishment_type").value == "ch"


def _jump(at, index: int):
    return at.button(key=f"goto-{index}").click().run()


def test_conditional_questions_follow_the_profile(questionnaire) -> None:
    data_step = 1 + [d.id for d in questionnaire.dimensions].index("data")
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ehpad", "legal_status": "private_nonprofit"})
    press(at, "Suivant")
    _jump(at, data_step)
    keys = {r.key for r in at.radio}
    assert "q:data.warehouse" not in keys and "q:data.quality" in keys
    _jump(at, 0)
    fill_profile(at, {"establishment_type": "chu"})
    press(at, "Enregistrer")
    _jump(at, data_step)
    assert "q:data.warehouse" in {r.key for r in at.radio}


def test_not_applicable_only_where_allowed(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public", "ai_tools": ["rpa"]})
    press(at, "Suivant")
    assert "Non applicable" not in at.radio(key="q:governance.strategy").options
    _jump(at, 2)
    assert "Non applicable" in at.radio(key="q:compliance.mdr_status").options
    assert "Non applicable" not in at.radio(key="q:compliance.dpia").options


def test_language_switch_keeps_answers(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    at.radio(key="q:governance.strategy").set_value(2)
    press(at, "Enregistrer")
    at.query_params["lang"] = "en"
    at.run()
    assert at.header[0].value == escape(questionnaire.dimensions[0].title.en)
    assert at.radio(key="q:governance.strategy").value == 2
    assert session(at).answers.answers == {"governance.strategy": 2}


def test_resume_from_file_restores_everything_and_opens_first_open_step(questionnaire) -> None:
    expected = example(questionnaire, "ch-moyen")
    partial = expected.with_answer("security.shadow_ai", None)
    at = start()
    at.file_uploader(key="upload-home").set_value(
        ("r.json", answers_mod.dump(partial), "application/json")
    ).run()
    s = session(at)
    assert s.answers.answers == partial.answers and s.answers.profile == partial.profile
    assert s.view == "wizard"
    assert s.step == 1 + [d.id for d in questionnaire.dimensions].index("security")
    assert any("importé" in m.value for m in at.success)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param(
            b'{"schema_version": 1, "questionnaire": {"id": "ia_sante", "vers',
            "illisible",
            id="corrupt",
        ),
        pytest.param(
            json.dumps(
                {
                    "schema_version": 1,
                    "questionnaire": {"id": "ia_sante", "version": "0.3"},
                    "answers": {},
                }
            ).encode(),
            "version 0.3",
            id="other-version",
        ),
        pytest.param(b"{" + b" " * (2 * 1024 * 1024) + b"}", "2.0 Mo", id="2-MB"),
        pytest.param(
            json.dumps(
                {
                    "schema_version": 1,
                    "questionnaire": {"id": "ia_sante", "version": "1.0"},
                    "answers": {"governance.nope": {"answer": 1}},
                }
            ).encode(),
            "governance.nope",
            id="unknown-id",
        ),
    ],
)
def test_bad_files_explain_and_change_nothing(questionnaire, content, fragment) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    at.radio(key="q:governance.strategy").set_value(1)
    press(at, "Enregistrer")
    before = session(at).answers
    press(at, "Accueil")
    at.file_uploader(key="upload-home").set_value(("bad.json", content, "application/json")).run()
    assert not at.exception
    assert any(fragment in e.value for e in at.error), [e.value for e in at.error]
    assert session(at).answers == before


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[clic](javascript:alert(1))",
    "![x](https://example.org/x.png)",
    "**gras** <b>b</b> &lt;script&gt;",
]


@pytest.mark.parametrize("payload", XSS)
def test_typed_text_comes_back_as_inert_text(questionnaire, payload) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(
        at, {"establishment_type": "ch", "legal_status": "public", "establishment_name": payload}
    )
    press(at, "Suivant")
    at.radio(key="q:governance.strategy").set_value(1)
    at.text_area(key="c:governance.strategy").input(payload)
    press(at, "Enregistrer")
    assert session(at).answers.comments["governance.strategy"] == payload
    press(at, "Résultats")
    assert at.subheader[0].value == escape(payload)
    rendered = (
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [s.value for s in at.subheader]
    )
    assert not any(payload in text for text in rendered)  # only its escaped form is ever rendered


def test_reload_with_token_restores_answers(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    at.radio(key="q:governance.strategy").set_value(4)
    press(at, "Suivant")
    token = session(at).token
    assert token and at.query_params["r"] == token
    again = start(r=token)
    s = session(again)
    assert s.answers.answers == {"governance.strategy": 4}
    assert s.view == "wizard" and s.step == 1
    assert any("retrouvées" in m.value for m in again.success)


def test_unknown_token_says_so_and_starts_clean() -> None:
    at = start(r="not-a-real-token")
    assert session(at).answers.answers == {}
    assert any("n'est plus valable" in w.value for w in at.warning)


def test_forget_deletes_the_draft(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    token = session(at).token
    at.button(key="forget").click().run()
    assert session(at).answers.profile == {}
    assert session(start(r=token)).answers.profile == {}


def test_unanswered_questions_are_listed_with_a_way_back(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    at.radio(key="q:governance.strategy").set_value(2)
    press(at, "Enregistrer")
    press(at, "Résultats")
    assert any("sans réponse" in e.label for e in at.expander)
    at.button(key="back-1").click().run()
    assert session(at).view == "wizard" and session(at).step == 1


def test_production_config() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["enableXsrfProtection"] and config["server"]["enableCORS"]
    assert config["server"]["maxUploadSize"] <= 5  # the importer refuses above 1 MB itself
    assert config["server"]["enableStaticServing"] is False


def test_method_page_renders_the_published_method(questionnaire) -> None:
    at = start()
    press(at, "Méthode")
    text = " ".join(m.value for m in at.markdown)
    assert "moyenne pondérée des niveaux répondus × 25" in text
    assert len(at.dataframe) == 1


def test_compare_with_an_earlier_file_shows_what_moved(questionnaire) -> None:
    current = example(questionnaire, "ch-moyen")
    earlier = current.with_answer("governance.strategy", 0).with_answer("security.shadow_ai", None)
    at = start()
    at.file_uploader(key="upload-home").set_value(
        ("now.json", answers_mod.dump(current), "application/json")
    ).run()
    press(at, "Résultats")
    at.file_uploader(key="compare-upload").set_value(
        ("old.json", answers_mod.dump(earlier), "application/json")
    ).run()
    assert not at.exception
    assert any("2 réponse(s) ont changé" in m.value for m in at.markdown)
    changes = at.dataframe[-1].value
    assert len(changes) == 2
