"""Hostile answers files: every one is refused with a clear, localised message, and changes nothing.

An answers file comes from outside (an e-mail, a USB key, a hand edit). Whatever it holds, random
bytes, a truncated export, 5,000 levels of nesting, NaN, 5,000-digit numbers, duplicate keys,
unknown ids, out-of-range levels, another questionnaire or version, UTF-16, more than 1 MB, the
import must answer with :class:`~diagnostic.errors.InputError` (French by default, English on
request) and nothing else: no other exception, no answer changed in the session, no row written.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from diagnostic.errors import InputError
from diagnostic.i18n import catalogue
from diagnostic.method import answers as answers_mod
from diagnostic.method.answers import MAX_IMPORT_BYTES, Answers, read
from diagnostic.workshop import store
from diagnostic.workshop.queries import diagnostics

from .wizard_driver import fill_profile, press, session, start

VALID = Answers(
    "mini",
    "1.0",
    {"establishment_type": "chu", "ai_tools": ("imaging_ai",), "establishment_name": "CH Test"},
    {"alpha.one": 3, "alpha.two": "dont_know", "beta.one": 1},
    {"alpha.one": "Charte signée « en 2025 »"},
    {"alpha.one": "documented"},
)
DOC: dict[str, Any] = answers_mod.to_document(VALID)
JSON_BYTES = answers_mod.dump(VALID)
# Keys sorted: schema_version comes last, so any cut of the YAML loses a required value.
YAML_BYTES = yaml.safe_dump(DOC, allow_unicode=True, sort_keys=True).encode("utf-8")
DEPTH = 5000


def _copy() -> dict[str, Any]:
    return json.loads(json.dumps(DOC))


def _encode(doc: Any, as_yaml: bool) -> bytes:
    if as_yaml:
        return yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


# --- the hostile files, one strategy per family ---------------------------------------------------


def _truncated(data: bytes) -> st.SearchStrategy[bytes]:
    end = len(data.rstrip())  # cutting only trailing blanks would leave a valid file
    return st.integers(0, end - 1).map(lambda n: data[:n])


NESTED = {
    "json-list": lambda d: "[" * d + "]" * d,
    "json-object": lambda d: '{"a":' * d + "1" + "}" * d,
    "json-in-answers": lambda d: '{"answers": ' + "[" * d + "]" * d + "}",
    "yaml-flow": lambda d: "a: " + "[" * d + "]" * d,
    "yaml-block": lambda d: "- " * d + "1\n",
    "yaml-flow-map": lambda d: "x: " + "{a: " * d + "1" + "}" * d,
}

# Numbers no answers file may hold: (JSON spelling, YAML spelling).
NUMBERS = [
    ("NaN", ".nan"),
    ("Infinity", ".inf"),
    ("-Infinity", "-.inf"),
    ("1e999", "1e999"),
    ("-1e999", "-1e999"),
    ("1" * 5000, "1" * 5000),
    ("-" + "9" * 5000, "-" + "9" * 5000),
]


@st.composite
def bad_numbers(draw: st.DrawFn) -> bytes:
    """A valid export with one number replaced by NaN, an infinity or a 5,000-digit integer."""
    json_form, yaml_form = draw(st.sampled_from(NUMBERS))
    where = draw(st.sampled_from(["schema_version", "answer", "created_at", "version"]))
    as_yaml = draw(st.booleans())
    doc, marker = _copy(), "__NUMBER__"
    if where == "schema_version":
        doc["schema_version"] = marker
    elif where == "answer":
        doc["answers"][draw(st.sampled_from(sorted(doc["answers"])))]["answer"] = marker
    elif where == "created_at":
        doc["created_at"] = marker
    else:
        doc["questionnaire"]["version"] = marker
    text = _encode(doc, as_yaml).decode("utf-8")
    return re.sub(r"""['"]?__NUMBER__['"]?""", yaml_form if as_yaml else json_form, text).encode()


@st.composite
def duplicate_keys(draw: st.DrawFn) -> bytes:
    """The same key twice, at the top, in the questionnaire block or among the answers."""
    where = draw(st.sampled_from(["top", "questionnaire", "answers", "entry"]))
    as_yaml = draw(st.booleans())
    text = _encode(DOC, as_yaml).decode("utf-8")
    if as_yaml:
        line = {
            "top": "schema_version: 1",
            "questionnaire": "  id: mini",
            "answers": "  beta.one:",
            "entry": "    answer: 1",
        }[where]
        lines = text.splitlines()
        index = lines.index(line)
        block = [line] + (["    answer: 2"] if where == "answers" else [])
        return "\n".join(lines[: index + 1] + block + lines[index + 1 :]).encode() + b"\n"
    needle, extra = {
        "top": ('"schema_version": 1', ', "schema_version": 1'),
        "questionnaire": ('"id": "mini"', ', "id": "mini"'),
        "answers": ('"beta.one": {"answer": 1}', ', "beta.one": {"answer": 2}'),
        "entry": ('{"answer": 1', ', "answer": 1'),
    }[where]
    assert needle in text, (needle, text)
    return text.replace(needle, needle + extra, 1).encode()


MINI_IDS = {"alpha.one", "alpha.two", "alpha.three", "beta.one", "beta.warehouse"}
ID_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@st.composite
def wrong_semantics(draw: st.DrawFn) -> bytes:
    """Well-formed files whose content is wrong for this questionnaire."""
    doc, kind = (
        _copy(),
        draw(
            st.sampled_from(
                [
                    "unknown-id",
                    "many-unknown",
                    "level",
                    "questionnaire",
                    "version",
                    "schema",
                    "profile",
                    "evidence",
                    "comment",
                    "missing",
                    "extra",
                ]
            )
        ),
    )
    if kind == "unknown-id":
        qid = draw(ID_TEXT.filter(lambda t: t not in MINI_IDS))
        doc["answers"][qid] = {"answer": draw(st.integers(0, 4))}
    elif kind == "many-unknown":  # ten thousand commented entries, all unknown (JSON: fast)
        doc["answers"] = {f"zz.q{i}": {"answer": 1, "comment": "x" * 40} for i in range(10_000)}
        return _encode(doc, as_yaml=False)
    elif kind == "level":
        bad = draw(
            st.integers().filter(lambda n: not 0 <= n <= 4)
            | st.floats(allow_nan=False)
            | st.booleans()
            | st.none()
            | ID_TEXT.filter(lambda t: t not in ("dont_know", "not_applicable"))
            | st.lists(st.integers(0, 4), max_size=3)
        )
        doc["answers"]["beta.one"]["answer"] = bad
    elif kind == "questionnaire":
        doc["questionnaire"]["id"] = draw(ID_TEXT.filter(lambda t: t != "mini"))
    elif kind == "version":
        doc["questionnaire"]["version"] = draw(
            ID_TEXT.filter(lambda t: t not in ("1.0", "0.9") and len(t) <= 20)
        )
    elif kind == "schema":
        doc["schema_version"] = draw(st.integers().filter(lambda n: n != 1))
    elif kind == "profile":
        field = draw(st.sampled_from(["establishment_type", "ai_tools", "size"]))
        doc["profile"][field] = draw(ID_TEXT.filter(lambda t: t not in ("chu", "ehpad")))
    elif kind == "evidence":
        doc["answers"]["alpha.one"]["evidence"] = draw(
            ID_TEXT.filter(lambda t: t not in ("declared", "documented", "verified"))
        )
    elif kind == "comment":
        doc["answers"]["alpha.one"]["comment"] = "x" * draw(st.integers(2001, 5000))
    elif kind == "missing":
        del doc[draw(st.sampled_from(["schema_version", "questionnaire", "answers"]))]
    else:
        doc[draw(ID_TEXT.filter(lambda t: t not in DOC))] = 1
    return _encode(doc, draw(st.booleans()))


@st.composite
def other_encodings(draw: st.DrawFn) -> bytes:
    """The right content in UTF-16/32 (with or without BOM) or Latin-1 with accents."""
    encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1"]))
    return JSON_BYTES.decode("utf-8").encode(encoding)


@st.composite
def oversize(draw: st.DrawFn) -> bytes:
    """A valid export made larger than 1 MB (blank padding or one huge comment)."""
    extra = draw(st.integers(1, 1024 * 1024))
    if draw(st.booleans()):
        return JSON_BYTES + b" " * (MAX_IMPORT_BYTES - len(JSON_BYTES) + extra)
    doc = _copy()
    doc["answers"]["alpha.one"]["comment"] = "é" * (MAX_IMPORT_BYTES // 2 + extra)
    return _encode(doc, draw(st.booleans()))


@st.composite
def with_bom(draw: st.DrawFn, inner: st.SearchStrategy[bytes]) -> bytes:
    return b"\xef\xbb\xbf" + draw(inner)


FAMILIES = st.one_of(
    st.binary(max_size=3000),
    _truncated(JSON_BYTES),
    _truncated(YAML_BYTES),
    st.builds(
        lambda f, d: f(d).encode(),
        st.sampled_from(list(NESTED.values())),
        st.sampled_from([DEPTH, 65, 1000]),
    ),
    bad_numbers(),
    duplicate_keys(),
    wrong_semantics(),
    other_encodings(),
    oversize(),
    with_bom(st.one_of(_truncated(JSON_BYTES), duplicate_keys(), wrong_semantics())),
)


def _template_start(key: str, lang: str) -> str:
    """The catalogue sentence up to its first value: proof the message is in that language."""
    return catalogue(lang)[key].split("{")[0]


def assert_clear_refusal(raw: bytes, q) -> InputError:
    with pytest.raises(InputError) as caught:
        read(raw, q)
    error = caught.value
    french, english = error.render("fr"), error.render("en")
    for lang, text in (("fr", french), ("en", english)):
        assert error.key in catalogue(lang), f"{error.key} missing from {lang}.yaml"
        assert text.strip() and text.startswith(_template_start(error.key, lang))
        text.encode("utf-8")  # no lone surrogate: it could not be sent to the browser
        assert len(text) < 1200 and "\n" not in text
    assert french != english
    return error


@settings(deadline=None)  # a 1 MB case can pass 200 ms on a busy 2-core machine
@given(raw=FAMILIES)
def test_every_hostile_file_gets_a_clear_localised_refusal(mini, raw: bytes) -> None:
    assert_clear_refusal(raw, mini)


def test_the_valid_export_and_its_bom_variant_are_accepted(mini) -> None:
    """The positive control: the families above are refusals because of what was changed."""
    assert (
        read(JSON_BYTES, mini) == read(YAML_BYTES, mini) == read(b"\xef\xbb\xbf" + JSON_BYTES, mini)
    )
    assert read(JSON_BYTES, mini).answers == VALID.answers


@pytest.mark.parametrize(
    ("raw", "key", "english"),
    [
        pytest.param(
            ("1" * 5000).encode(), "import.number_too_long", "far too long", id="5000-digits"
        ),
        pytest.param(
            json.dumps({**DOC, "answers": {"\ud800x": {"answer": 1}}}).encode(),
            "import.unknown_questions",
            ": \ufffdx.",
            id="lone-surrogate-id",
        ),
        pytest.param(
            json.dumps({**DOC, "answers": {"a\nb\n\n# c": {"answer": 1}}}).encode(),
            "import.unknown_questions",
            ": a b # c.",
            id="multi-line-id",
        ),
        pytest.param(
            b"2020-01-01: 1\n", "import.yaml_key", 'The key "2020-01-01" (line 1)', id="date-key"
        ),
        pytest.param(
            json.dumps({**DOC, "answers": {"x" * 500: {"answer": 1}}}).encode(),
            "import.unknown_questions",
            "x" * 79 + "…",
            id="long-id-cut",
        ),
    ],
)
def test_quoted_values_are_one_short_printable_line(mini, raw, key, english) -> None:
    """What the file holds is quoted back readable: no Python internals, no control characters."""
    error = assert_clear_refusal(raw, mini)
    assert error.key == key
    assert english in error.render("en")
    assert "sys.set_int_max_str_digits" not in error.render("en")


# --- through the interface: the session and the store are left as they were ----------------------

UI_SAMPLES = {
    "random-bytes": bytes(range(256)) * 3,
    "truncated-export": b'{"schema_version": 1, "questionnaire": {"id": "ia_sante", "vers',
    "deep-json": NESTED["json-object"](DEPTH).encode(),
    "deep-yaml": NESTED["yaml-block"](DEPTH).encode(),
    "nan": b'{"schema_version": NaN, "questionnaire": {}, "answers": {}}',
    "5000-digits": b'{"schema_version": ' + b"1" * 5000 + b"}",
    "duplicate-key": b'{"answers": {}, "answers": {}}',
    "utf-16": json.dumps({"schema_version": 1}).encode("utf-16"),
    "oversize": b"{" + b" " * (MAX_IMPORT_BYTES + 1) + b"}",
    "markup-in-unknown-id": json.dumps(
        {
            "schema_version": 1,
            "questionnaire": {"id": "ia_sante", "version": "1.0"},
            "answers": {"[clic](https://evil.example) <img src=x onerror=alert(1)>": {"answer": 1}},
        }
    ).encode(),
    "other-version": json.dumps(
        {"schema_version": 1, "questionnaire": {"id": "ia_sante", "version": "9"}, "answers": {}}
    ).encode(),
    "level-9": json.dumps(
        {
            "schema_version": 1,
            "questionnaire": {"id": "ia_sante", "version": "1.0"},
            "answers": {"governance.strategy": {"answer": 9}},
        }
    ).encode(),
}


# "<" or "](" not preceded by a backslash: markup the error message would render.
UNESCAPED_MARKUP = re.compile(r"(?<!\\)<|(?<!\\)\]\(")


def _rows(engine) -> dict[str, list[tuple[Any, ...]]]:
    with store.reading(engine) as conn:
        return {
            "drafts": [tuple(r) for r in conn.execute(select(store.drafts)).all()],
            "diagnostics": [tuple(r) for r in conn.execute(select(diagnostics)).all()],
        }


def test_home_upload_keeps_session_and_store_unchanged(questionnaire) -> None:
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "ch", "legal_status": "public"})
    press(at, "Suivant")
    at.radio(key="q:governance.strategy").set_value(2)
    press(at, "Enregistrer")
    before = session(at).answers
    press(at, "Accueil")
    engine = store.make_engine(store.database_url())
    rows = _rows(engine)
    assert len(rows["drafts"]) == 1  # the saved step: the import must leave it alone
    for name, raw in UI_SAMPLES.items():
        at.file_uploader(key="upload-home").set_value((f"{name}.json", raw, "application/json"))
        at.run()
        assert not at.exception, name
        messages = [e.value for e in at.error]
        assert len(messages) == 1 and messages[0].strip(), (name, messages)
        assert not UNESCAPED_MARKUP.search(messages[0]), messages[0]
        assert session(at).answers == before, name
        assert session(at).view == "home", name
        assert _rows(engine) == rows, name


def test_history_import_writes_nothing_on_error(questionnaire) -> None:
    """The facilitator's "add a self-assessment" upload: a refused file adds no history row."""
    from .test_ui_workshop import create, open_results

    at, _code, ident, key = create("Atelier historique")
    open_results(at, ident, key)
    press(at, "Démarrer un nouvel historique")  # the upload needs an opened history
    engine = store.make_engine(store.database_url())
    with store.reading(engine) as conn:
        count = conn.scalar(select(func.count()).select_from(diagnostics))
    assert count == 1
    for name, raw in UI_SAMPLES.items():
        at.file_uploader(key="hist-upload").set_value((f"{name}.json", raw, "application/json"))
        at.run()
        assert not at.exception, name
        assert any(e.value.strip() for e in at.error), name
        with store.reading(engine) as conn:
            assert conn.scalar(select(func.count()).select_from(diagnostics)) == 1, name
    named = {"establishment_name": "Atelier historique"}  # the history's own name: no confirmation
    good = answers_mod.dump(
        Answers(questionnaire.id, questionnaire.version, named, {"governance.strategy": 1})
    )
    at.file_uploader(key="hist-upload").set_value(("good.json", good, "application/json")).run()
    with store.reading(engine) as conn:  # the control: a valid file is kept
        assert conn.scalar(select(func.count()).select_from(diagnostics)) == 2


def test_compare_upload_error_quotes_the_file_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The results page's "compare with an earlier file" upload, on the small questionnaire."""
    from .conftest import MINI
    from .xss_check import page_problems

    monkeypatch.setenv("DIAGNOSTIC_QUESTIONNAIRES", str(MINI))
    monkeypatch.setenv("DIAGNOSTIC_BENCHMARKS", str(MINI.parent / "mini_benchmarks"))
    at = start()
    s = session(at)
    s.answers = s.answers.with_answer("alpha.one", 2)  # results need at least one answer
    s.view = "results"
    at.run()
    hostile = {**DOC, "answers": {"[clic](https://evil.example) <img src=x>": {"answer": 1}}}
    at.file_uploader(key="compare-upload").set_value(
        ("old.json", json.dumps(hostile).encode(), "application/json")
    ).run()
    assert at.error and not at.exception
    assert not page_problems(at)
