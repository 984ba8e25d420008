"""An imported file's format errors are told in the reader's language, field by field."""

from __future__ import annotations

import json

import pytest

from diagnostic.errors import InputError
from diagnostic.method.answers import read

HEAD = '{"schema_version": 1, "questionnaire": {"id": "ia_sante", "version": "%s"}, '


def refusal(raw: str, questionnaire) -> InputError:
    with pytest.raises(InputError) as caught:
        read(raw.encode(), questionnaire)
    return caught.value


@pytest.fixture
def head(questionnaire) -> str:
    return HEAD % questionnaire.version


def test_a_huge_number_is_explained_in_french_and_english(questionnaire, head) -> None:
    error = refusal(head + '"answers": {"governance.strategy": {"answer": 1e999}}}', questionnaire)
    fr, en = error.render("fr"), error.render("en")
    assert "answers.governance.strategy.answer : un niveau de 0 à 4" in fr
    assert "answers.governance.strategy.answer: a level from 0 to 4" in en
    for text in (fr, en):
        assert "constrained" not in text and "Input should" not in text and "literal[" not in text


def test_a_long_comment_is_explained_with_its_length(questionnaire, head) -> None:
    entry = {"answer": 2, "comment": "x" * 10_000}
    raw = head + '"answers": ' + json.dumps({"governance.strategy": entry}) + "}"
    error = refusal(raw, questionnaire)
    assert "texte trop long (10\u202f000 caractères, au plus 2\u202f000)" in error.render("fr")
    assert "text too long (10,000 characters, at most 2,000)" in error.render("en")
    assert "String should" not in error.render("fr")


def test_several_faults_each_get_a_sentence(questionnaire) -> None:
    raw = json.dumps(
        {
            "schema_version": "1",
            "questionnaire": {"id": "ia_sante"},
            "profile": {"establishment_type": 3},
            "answers": {"governance.strategy": {"answer": 2, "evidence": "maybe", "zz": 1}},
        }
    )
    fr = refusal(raw, questionnaire).render("fr")
    assert "schema_version : un nombre entier est attendu (reçu : '1')" in fr
    assert "questionnaire.version : rubrique obligatoire absente" in fr
    assert "profile.establishment_type : un texte ou une liste de textes est attendu" in fr
    assert "valeurs permises : declared, documented, verified" in fr
    en = refusal(raw, questionnaire).render("en")
    assert "questionnaire.version: required entry missing" in en
    assert "Field required" not in fr + en
