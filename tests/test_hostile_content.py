"""Broken questionnaire YAML: a valid questionnaire or one content error per problem, located.

Content authors edit YAML by hand, and a questionnaire folder may come from someone else. Whatever
the files hold (a missing or duplicated id, a wrong type, a weight of zero, a dangling reference,
an alias bomb, a code-execution tag, 10,000 questions, a 100 KB label, a BOM, Latin-1 bytes,
tabs), loading gives either a questionnaire or :class:`~diagnostic.errors.ContentError` whose every
problem names a file of the folder and a location in it (line or key path), never another
exception. The specific cases run on a copy of the shipped questionnaire; the Hypothesis mutations
on the small fixture, whose parsed files are cached so each example writes and loads one file.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.content import loader as content
from diagnostic.content.loader import Questionnaire
from diagnostic.errors import ContentError

from .conftest import MINI

# Whole-file problems, where a line would mean nothing: the size limit, an empty file.
FILE_LEVEL = ("above the 256 KB limit", "the file is empty")


def outcome(root: Path) -> Questionnaire | ContentError:
    """Load ``root``; a content error is returned after checking that each problem is located."""
    try:
        return content.load(root)
    except ContentError as exc:
        assert exc.problems, "a content error with no problem in it"
        files = {str(p) for p in root.rglob("*.yaml")}
        for problem in exc.problems:
            assert problem.file in files, f"not a file of the folder: {problem.file}"
            assert problem.problem.strip()
            if not any(whole in problem.problem for whole in FILE_LEVEL):
                assert problem.location.strip(), f"no location: {problem}"
        return exc


def refused(root: Path) -> list[str]:
    result = outcome(root)
    assert isinstance(result, ContentError), "the broken content was accepted"
    return [str(p) for p in result.problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


GOVERNANCE = Path("dimensions") / "01-governance.yaml"


# --- specific cases on the shipped questionnaire ------------------------------------------------


def test_missing_question_id_is_located(shipped_copy: Path) -> None:
    edit(shipped_copy / GOVERNANCE, "  - id: governance.strategy\n    text:", "  - text:")
    [message] = refused(shipped_copy)
    assert 'line 13, questions[0] (in governance): missing key "id"' in message


def test_duplicate_dimension_and_rule_ids(shipped_copy: Path) -> None:
    edit(shipped_copy / "dimensions" / "02-compliance.yaml", "id: compliance", "id: governance")
    messages = refused(shipped_copy)
    assert any("governance" in m and "02-compliance.yaml" in m for m in messages), messages


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        pytest.param("weight: 1.5", "weight: 0", "greater than 0", id="weight-zero"),
        pytest.param("weight: 1.5", "weight: -1", "greater than 0", id="weight-negative"),
        pytest.param("weight: 1.5", "weight: .inf", "questions[0].weight", id="weight-infinite"),
        pytest.param("weight: 1.5", "weight: [1]", "expected: a number", id="weight-as-list"),
        pytest.param('title: {fr: "Gouvernance et stratégie"', 'title: {fr: ["Gouvernance"]',
                     "title.fr", id="text-as-list"),
        pytest.param("id: governance\n", "id: 12\n", "expected: text", id="id-as-number"),
        pytest.param('short_title: {fr: "Gouvernance", en: "Governance"}', "short_title: yes",
                     "expected: a mapping", id="mapping-as-bool"),
    ],
)  # fmt: skip
def test_wrong_values_are_located(shipped_copy: Path, old: str, new: str, fragment: str) -> None:
    edit(shipped_copy / GOVERNANCE, old, new)
    messages = refused(shipped_copy)
    assert any(fragment in m for m in messages), messages


def test_dangling_references_name_the_file_that_cites_them(shipped_copy: Path) -> None:
    edit(shipped_copy / GOVERNANCE, "governance.strategy", "governance.strategie")
    messages = refused(shipped_copy)
    # Rules, red flags, benchmark map... cite the old id: each is reported where it is cited.
    assert len({m.split(":")[0] for m in messages}) >= 2, messages
    assert any('did you mean "governance.strategie"' in m for m in messages), messages


def test_billion_laughs_is_refused_at_the_first_anchor(shipped_copy: Path) -> None:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    (shipped_copy / GOVERNANCE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refused(shipped_copy) == [
        f"{shipped_copy / GOVERNANCE}: line 1: anchors (&lol0) are not allowed\n"
        "  hint: remove the anchor and copy the value where it is needed"
    ]


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/new:os.system", "!!python/object/apply:os.system", "!!python/name:os.system"],
)
def test_code_tags_run_nothing(shipped_copy: Path, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    edit(
        shipped_copy / GOVERNANCE,
        "id: governance\n",
        f"id: governance\nextra: {tag} [touch {marker}]\n",
    )
    [message] = refused(shipped_copy)
    assert "line 3: tags such as !!python/" in message
    assert not marker.exists()


def test_ten_thousand_questions_fail_on_the_size_limit(shipped_copy: Path) -> None:
    template = (
        "  - {{id: governance.q{n}, text: {{fr: Question {n}, en: Question {n}}},"
        " help: {{fr: Aide, en: Help}}, scale: share_of_staff}}\n"
    )
    text = (shipped_copy / GOVERNANCE).read_text(encoding="utf-8")
    text += "".join(template.format(n=n) for n in range(10_000))
    (shipped_copy / GOVERNANCE).write_text(text, encoding="utf-8")
    [message] = refused(shipped_copy)
    assert "KB, above the 256 KB limit" in message


def test_a_100_kb_label_loads(shipped_copy: Path) -> None:
    edit(shipped_copy / GOVERNANCE, '{fr: "Gouvernance",', '{fr: "' + "G" * 100_000 + '",')
    loaded = outcome(shipped_copy)
    assert isinstance(loaded, Questionnaire)
    assert len(loaded.dimension("governance").short_title.fr) == 100_000


def test_bom_is_accepted(shipped_copy: Path) -> None:
    path = shipped_copy / GOVERNANCE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert isinstance(outcome(shipped_copy), Questionnaire)


def test_latin1_bytes_are_located_by_line(shipped_copy: Path) -> None:
    path = shipped_copy / GOVERNANCE
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    [message] = refused(shipped_copy)
    assert ": line 3: the file is not UTF-8 text" in message  # the first "é" is on line 3
    assert "save the file as UTF-8" in message


def test_nul_byte_is_located_by_line(shipped_copy: Path) -> None:
    edit(shipped_copy / GOVERNANCE, "short_title:", "short_title:\x00")
    [message] = refused(shipped_copy)
    assert ": line 4: the file contains NUL bytes" in message


def test_tab_indentation_is_a_located_syntax_error(shipped_copy: Path) -> None:
    edit(shipped_copy / GOVERNANCE, "\n    text:\n", "\n\ttext:\n")
    [message] = refused(shipped_copy)
    assert "line 14" in message and "YAML syntax error" in message


# --- Hypothesis: random structural mutations of every file of the small fixture ------------------

BASE: dict[str, Any] = {
    str(p.relative_to(MINI)): yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted(MINI.rglob("*.yaml"))
}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node (the root included), in document order."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _ids(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["id"]} if isinstance(node.get("id"), str) else set()
        return own.union(*(_ids(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_ids(v) for v in node))
    return set()


IDS = sorted(set().union(*(_ids(doc) for doc in BASE.values())))
OTHER_VALUES = st.sampled_from(
    [None, 0, -1, 0.0, 1.5, 5, 1e300, True, "", "texte", "x" * 300, [], {}, [1], {"fr": "x"}]
) | st.sampled_from(IDS)


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, Any]:
    """One file of the fixture with one or two random structural changes."""
    name = draw(st.sampled_from(sorted(BASE)))
    doc = copy.deepcopy(BASE[name])
    for _ in range(draw(st.integers(1, 2))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        target = _at(doc, path)
        kind = draw(st.sampled_from(["delete", "duplicate", "rename", "replace", "text"]))
        if kind == "delete" and isinstance(target, dict) and target:
            del target[draw(st.sampled_from(sorted(target)))]
        elif kind == "delete" and isinstance(target, list) and target:
            del target[draw(st.integers(0, len(target) - 1))]
        elif kind == "duplicate" and isinstance(target, list) and target:
            target.append(copy.deepcopy(draw(st.sampled_from(target))))
        elif kind == "rename" and isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            target[draw(st.sampled_from([key + "s", key[:-1] or "k", key.upper()]))] = target.pop(
                key
            )
        elif kind == "text" and isinstance(target, str) and path:  # often still valid
            _at(doc, path[:-1])[path[-1]] = draw(st.text(max_size=60))
        elif path:  # replace this node (retype a scalar, swap an id for another one)
            _at(doc, path[:-1])[path[-1]] = draw(OTHER_VALUES)
        else:
            doc = draw(OTHER_VALUES)
    return name, doc


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("hostile-content") / "mini"
    shutil.copytree(MINI, target)
    return target


@settings(deadline=None)
@given(change=mutations())
def test_random_mutations_give_a_questionnaire_or_located_errors(work: Path, change) -> None:
    name, doc = change
    path = work / name
    original = path.read_bytes()
    try:
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
        outcome(work)
    finally:
        path.write_bytes(original)


def test_the_mutation_base_is_valid(work: Path) -> None:
    """The control: unmutated, the fixture loads (so each refusal above comes from a mutation)."""
    assert isinstance(outcome(work), Questionnaire)
    assert len(IDS) > 20
