"""The answers file: lossless round trip, strict import with clear, localised refusals."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.errors import InputError
from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import Answers, dump, read
from diagnostic.method.scoring import score

from .strategies import answer_sets

VALID = {
    "schema_version": 1,
    "questionnaire": {"id": "mini", "version": "1.0"},
    "profile": {"establishment_type": "ehpad", "ai_tools": ["imaging_ai"]},
    "answers": {
        "alpha.one": {
            "answer": 3,
            "comment": "Charte signée « en 2025 »",
            "evidence": "documented",
        },
        "alpha.three": {"answer": "not_applicable"},
        "beta.one": {"answer": "dont_know"},
    },
    "created_at": "2026-11-28T10:00:00+00:00",
}


def refuse(raw: bytes | str, q) -> InputError:
    with pytest.raises(InputError) as caught:
        read(raw.encode() if isinstance(raw, str) else raw, q)
    return caught.value


def test_valid_json_and_yaml_give_the_same_answers(mini) -> None:
    from_json = read(json.dumps(VALID).encode(), mini)
    import yaml

    from_yaml = read(yaml.safe_dump(VALID, allow_unicode=True).encode(), mini)
    assert from_json == from_yaml
    assert from_json.answers == {
        "alpha.one": 3,
        "alpha.three": "not_applicable",
        "beta.one": "dont_know",
    }
    assert from_json.profile["ai_tools"] == ("imaging_ai",)
    assert from_json.comments["alpha.one"] == "Charte signée « en 2025 »"


@given(data=st.data())
def test_export_then_import_is_identity(questionnaire, data) -> None:
    original = data.draw(answer_sets(questionnaire, with_notes=True))
    again = read(dump(original), questionnaire)
    assert again == original
    assert score(questionnaire, again) == score(questionnaire, original)


def test_export_is_readable_json_with_stable_order(mini) -> None:
    a = Answers("mini", "1.0", {"establishment_type": "chu"}, {"beta.one": 2, "alpha.one": 1})
    text = dump(a).decode()
    assert text.index("alpha.one") < text.index("beta.one")
    assert json.loads(text)["schema_version"] == 1


def test_control_characters_are_removed_from_free_text(mini) -> None:
    raw = _variant(**{"answers__beta.one": {"answer": 1, "comment": "a\x00b\x85c\u200bd\r\ne"}})
    assert read(raw.encode(), mini).comments["beta.one"] == "abc\u200bd\ne"


@pytest.mark.parametrize(
    ("raw", "key", "fragment"),
    [
        pytest.param(b"\xff\xfe\x00a", "import.not_text", "UTF-8", id="binary"),
        pytest.param(b"  \n", "import.empty", "vide", id="empty"),
        pytest.param(
            '{"schema_version": 1, "questionnaire": {',
            "import.json_syntax",
            "illisible",
            id="truncated-json",
        ),
        pytest.param("answers: [1, 2\n", "import.yaml_syntax", "illisible", id="broken-yaml"),
        pytest.param('{"a": NaN}', "import.number", "NaN", id="nan"),
        pytest.param('{"a": 1, "a": 2}', "import.duplicate_key", "« a »", id="duplicate-json-key"),
        pytest.param("a: 1\na: 2\n", "import.yaml_duplicate_key", "« a »", id="duplicate-yaml-key"),
        pytest.param("[1, 2, 3]", "import.not_answers_file", "pas un fichier", id="a-list"),
        pytest.param("x: &a [1]\ny: *a\n", "import.yaml_anchor", "ancre", id="anchor"),
        pytest.param("x: !!python/name:os.system 1\n", "import.yaml_tag", "étiquette", id="tag"),
        pytest.param("x: *a\n", "import.yaml_alias", "alias", id="alias"),
        pytest.param("x: .nan\n", "import.yaml_number", "numérique", id="yaml-nan"),
        pytest.param("[" * 5000 + "]" * 5000, "import.yaml_syntax", "illisible", id="deep-yaml"),
        pytest.param(
            "a:\n" + "".join(" " * i + "- \n" for i in range(1, 80)),
            "import.too_deep",
            "imbriqué",
            id="deep-yaml-block",
        ),
        pytest.param(
            "{" + '"a":' * 3000 + "1" + "}" * 3000,
            "import.json_syntax",
            "illisible",
            id="deep-json",
        ),
    ],
)
def test_unreadable_files_are_refused_in_french(mini, raw, key, fragment) -> None:
    error = refuse(raw, mini)
    assert error.key == key
    french = error.render("fr")
    assert fragment in french
    # No English fragment from the parsers (yamlsafe's details, libyaml's or json's messages).
    for english in ("not allowed", "nested", "syntax error", "Expecting", "twice", "line "):
        assert english not in french, french


def _variant(**changes) -> str:
    doc = json.loads(json.dumps(VALID))
    for path, value in changes.items():
        target = doc
        *parents, last = path.split("__")
        for p in parents:
            target = target[p]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("raw", "key", "english"),
    [
        pytest.param(
            _variant(questionnaire__version="0.5"),
            "import.other_version",
            "filled in with version 0.5 of the questionnaire; this server offers version 1.0",
            id="other-version",
        ),
        pytest.param(
            _variant(questionnaire__id="autre"),
            "import.other_questionnaire",
            'another questionnaire ("autre")',
            id="other-questionnaire",
        ),
        pytest.param(
            _variant(schema_version=7),
            "import.schema_version",
            "version 7 of the format",
            id="other-schema",
        ),
        pytest.param(
            _variant(**{"answers__zeta_one": {"answer": 1}, "answers__gamma": {"answer": 2}}),
            "import.unknown_questions",
            "2 question(s) unknown to this questionnaire: gamma, zeta_one",
            id="unknown-ids-listed",
        ),
        pytest.param(
            _variant(answers__alpha_one=None),
            "import.invalid",
            "answers.alpha_one",
            id="null-entry",
        ),
        pytest.param(
            _variant(extra=1),
            "import.invalid",
            "extra: unknown entry, remove it",
            id="unknown-top-key",
        ),
        pytest.param(
            _variant(**{"answers__beta.one": {"answer": 5}}),
            "import.invalid",
            "answers.beta.one.answer",
            id="level-5",
        ),
        pytest.param(
            _variant(**{"answers__beta.one": {"answer": True}}),
            "import.invalid",
            "answers.beta.one.answer",
            id="boolean-level",
        ),
        pytest.param(
            _variant(**{"answers__beta.one": {"answer": 2.0}}),
            "import.invalid",
            "answers.beta.one.answer",
            id="float-level",
        ),
        pytest.param(
            _variant(**{"answers__beta.one": {"answer": 1, "comment": "x" * 2001}}),
            "import.invalid",
            "(2,001 characters, at most 2,000)",
            id="long-comment",
        ),
        pytest.param(
            _variant(**{"answers__beta.one": {"answer": "not_applicable"}}),
            "import.not_applicable_refused",
            "beta.one",
            id="not-applicable-refused",
        ),
        pytest.param(
            _variant(profile__establishment_type="hopital"),
            "import.bad_profile",
            '"establishment_type": hopital',
            id="bad-profile-value",
        ),
        pytest.param(
            _variant(profile__size="big"),
            "import.unknown_profile",
            "size",
            id="unknown-profile-field",
        ),
    ],
)
def test_wrong_content_is_refused_with_a_precise_message(mini, raw, key, english) -> None:
    error = refuse(raw, mini)
    assert error.key == key
    assert english in error.render("en")


def test_oversize_file_is_refused_before_parsing(mini) -> None:
    error = refuse(b"a" * (2 * 1024 * 1024), mini)
    assert error.key == "import.too_large"
    assert error.render("fr").startswith("Le fichier fait 2.0 Mo, au-delà de la limite de 1 Mo.")


def test_known_older_version_is_migrated(mini) -> None:
    raw = _variant(
        questionnaire__version="0.9",
        answers={"alpha.old_one": {"answer": 2}, "alpha.gone": {"answer": 1}},
    )
    migrated = read(raw.encode(), mini)
    assert migrated.version == "1.0"
    assert migrated.answers == {"alpha.one": 2}


def test_unknown_ids_are_capped_in_the_message(mini) -> None:
    many = {f"zz.q{i:02d}": {"answer": 1} for i in range(15)}
    error = refuse(_variant(answers=many), mini)
    assert error.render("en").endswith("zz.q09 (+5). Nothing was imported.")
    assert answers_mod.MAX_LISTED_IDS == 10
