"""Loading content: the shipped questionnaire is valid; broken content gets one clear message each."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnostic.content import loader as content
from diagnostic.content.crosscheck import walk_texts
from diagnostic.content.models import Text
from diagnostic.errors import ContentError


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        content.load(path)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_shipped_questionnaire_has_eight_dimensions_and_enough_questions(questionnaire) -> None:
    assert [d.id for d in questionnaire.dimensions] == [
        "governance", "compliance", "security", "training",
        "data", "use_cases", "procurement", "ethics",
    ]  # fmt: skip
    assert len(questionnaire.questions) >= 45
    assert all(len(d.questions) >= 5 for d in questionnaire.dimensions)


def test_shipped_content_is_fully_bilingual(questionnaire) -> None:
    texts = [t for d in questionnaire.dimensions for t, _ in walk_texts(d, ())]
    texts += [t for p in questionnaire.profile for t, _ in walk_texts(p, ())]
    assert texts and all(isinstance(t, Text) and t.en and t.fr for t in texts)


def test_every_question_cites_a_reference(questionnaire) -> None:
    assert [q.id for q in questionnaire.questions.values() if not q.references] == []


def test_misspelt_key_names_file_line_key_and_fix(mini_copy: Path) -> None:
    file = mini_copy / "dimensions" / "01-alpha.yaml"
    edit(file, "    help: {fr: Aide, en: Help}\n", "    hlep: {fr: Aide, en: Help}\n")
    assert problems(mini_copy) == [
        f'{file}: line 8, questions[0].hlep (in alpha.one): unknown key "hlep"\n'
        "  expected: one of core, help, id, indicators, levels, not_applicable_when, references, "
        "scale, text, weight, when\n"
        '  hint: did you mean "help"?'
    ]


def test_duplicate_question_id(mini_copy: Path) -> None:
    file = mini_copy / "dimensions" / "01-alpha.yaml"
    edit(file, "- id: alpha.two", "- id: alpha.one")
    # Rules citing alpha.two now point nowhere too; the duplicate comes first.
    assert problems(mini_copy)[:1] == [
        f'{file}: line 12, questions[1].id (in alpha.one): duplicate question id "alpha.one"\n'
        "  expected: each id once\n"
        f"  hint: already used in {file}; rename one of them"
    ]


def test_dangling_reference_suggests_the_closest_id(mini_copy: Path) -> None:
    file = mini_copy / "dimensions" / "01-alpha.yaml"
    edit(file, "references: [ref_a]", "references: [ref_b]")
    assert problems(mini_copy) == [
        f'{file}: line 11, questions[0].references[0] (in alpha.one): reference "ref_b" does not '
        "exist\n"
        "  expected: one of ref_a\n"
        '  hint: did you mean "ref_a"?'
    ]


def test_dangling_condition_target(mini_copy: Path) -> None:
    file = mini_copy / "red_flags.yaml"
    edit(file, "question: alpha.one", "question: alpha.onne")
    [message] = problems(mini_copy)
    assert 'question "alpha.onne" does not exist' in message
    assert 'did you mean "alpha.one"?' in message
    assert "red_flags[0].when.all[1].answer_in.question (in shadow)" in message


def test_unknown_condition_operator(mini_copy: Path) -> None:
    file = mini_copy / "red_flags.yaml"
    edit(file, "- tool_in_use:", "- tool_in_usage:")
    [message] = problems(mini_copy)
    assert 'unknown condition operator "tool_in_usage"' in message
    assert 'did you mean "tool_in_use"?' in message


def test_answer_condition_is_refused_where_only_the_profile_counts(mini_copy: Path) -> None:
    file = mini_copy / "dimensions" / "01-alpha.yaml"
    edit(
        file,
        "not_applicable_when: {profile_in: {field: establishment_type, values: [ehpad]}}",
        "not_applicable_when: {answer_at_most: {question: alpha.one, level: 1}}",
    )
    [message] = problems(mini_copy)
    assert '"answer_at_most" cannot be used here' in message


def test_alias_bomb_is_refused(mini_copy: Path) -> None:
    file = mini_copy / "references.yaml"
    file.write_text(
        'x: &a ["lol","lol"]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: [*b,*b,*b,*b,*b,*b,*b]\n',
        encoding="utf-8",
    )
    assert problems(mini_copy) == [
        f"{file}: line 1: anchors (&a) are not allowed\n"
        "  hint: remove the anchor and copy the value where it is needed"
    ]


def test_code_execution_tag_is_refused(mini_copy: Path) -> None:
    file = mini_copy / "references.yaml"
    file.write_text("references: !!python/object/apply:os.system ['touch pwned']\n", "utf-8")
    assert problems(mini_copy) == [
        f"{file}: line 1: tags such as !!python/object/apply:os.system are not allowed\n"
        "  hint: remove the tag: content files hold plain text, numbers, lists and mappings only"
    ]
    assert not (Path.cwd() / "pwned").exists()


def test_oversize_file_is_refused(mini_copy: Path) -> None:
    file = mini_copy / "references.yaml"
    file.write_text("# " + "x" * (300 * 1024) + "\nreferences: []\n", encoding="utf-8")
    assert problems(mini_copy) == [
        f"{file}: the file is 300 KB, above the 256 KB limit\n"
        "  hint: split the content into several files"
    ]


def test_missing_translation_is_located(mini_copy: Path) -> None:
    file = mini_copy / "dimensions" / "02-beta.yaml"
    edit(file, "{fr: Rien, en: Nothing}", "{fr: Rien}")
    [message] = problems(mini_copy)
    assert message.startswith(f"{file}: line 10, questions[0].levels[0].label.en (in beta.one)")
    assert "missing English text" in message


def test_wrong_type_gets_a_hint(mini_copy: Path) -> None:
    file = mini_copy / "dimensions" / "01-alpha.yaml"
    edit(file, "weight: 2", "weight: heavy")
    [message] = problems(mini_copy)
    assert "questions[0].weight (in alpha.one)" in message
    assert "expected: a number" in message


def test_level_set_must_be_complete(mini_copy: Path) -> None:
    file = mini_copy / "dimensions" / "02-beta.yaml"
    edit(file, "      - {level: 4, label: {fr: Très bien, en: Very good}}\n", "")
    [message] = problems(mini_copy)
    assert "levels must be 0, 1, 2, 3 and 4, each once (found [0, 1, 2, 3])" in message


def test_missing_required_file(mini_copy: Path) -> None:
    (mini_copy / "scoring.yaml").unlink()
    assert problems(mini_copy) == [f"{mini_copy / 'scoring.yaml'}: required file is missing"]


def test_weights_must_name_existing_types_and_dimensions(mini_copy: Path) -> None:
    edit(mini_copy / "scoring.yaml", "ehpad: {beta: 3}", "ehpad: {betta: 3}\n  clinic: {beta: 1}")
    messages = problems(mini_copy)
    assert any('dimension "betta" does not exist' in m and '"beta"' in m for m in messages)
    assert any('establishment type "clinic" does not exist' in m for m in messages)


def test_all_problems_are_reported_in_one_run(mini_copy: Path) -> None:
    edit(mini_copy / "dimensions" / "01-alpha.yaml", "weight: 2", "wieght: 2")
    edit(mini_copy / "dimensions" / "02-beta.yaml", "short_title:", "shorttitle:")
    assert len(problems(mini_copy)) == 2
