"""81 XSS and Markdown payloads in every free-text field and in YAML labels: shown as text only.

The corpus (``tests/fixtures/xss_payloads.txt``) holds script and event-handler tags, javascript:,
vbscript: and data: links, entity-encoded and pre-escaped variants, Markdown image and link
tricks, code spans, HTML comments, template syntax, Streamlit directives and Unicode tricks. Each
payload goes into every field a person can type in (wizard comments, establishment name, imported
files, workshop title, participant comments, consensus rationale) and into the questionnaire's own
labels. On every page AppTest shows, no Markdown string may render as markup (see
:mod:`tests.xss_check`) and each payload shown must read as typed; the PDF and the Word copy hold
every payload literally. Payloads are packed several per field to keep the runs few.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pypdf import PdfReader

from diagnostic.content import loader as content
from diagnostic.method import answers as answers_mod
from diagnostic.method import benchmarks
from diagnostic.method.answers import Answers
from diagnostic.method.report import build_report
from diagnostic.outputs import docx_export, pdf
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop import store

from .conftest import MINI
from .wizard_driver import fill_profile, press, session, start
from .xss_check import PAYLOADS, chunks, page_problems, page_text, printable, squash

MINI_BENCH = Path(__file__).resolve().parent / "fixtures" / "mini_benchmarks"
NAME_LIMIT = 200  # establishment name and workshop title
COMMENT_LIMIT = 2000


def test_the_corpus_is_large_and_varied() -> None:
    assert len(PAYLOADS) >= 60 and len(set(PAYLOADS)) == len(PAYLOADS)
    for family in ("<script", "onerror", "onload", "javascript:", "vbscript:", "data:text/html",
                   "&#", "![", "`", "<!--", "{{", "${", "\u202e"):  # fmt: skip
        assert any(family in p for p in PAYLOADS), family


def pdf_text(data: bytes) -> str:
    return squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return squash(" ".join([p.text for p in document.paragraphs] + cells))


def assert_literal_in_documents(report: Any, payloads: list[str]) -> None:
    as_pdf = printable(pdf_text(pdf.render(report, "fr")))
    as_word = docx_text(docx_export.render(report, "fr"))
    missing_pdf = [p for p in payloads if printable(p) not in as_pdf]
    missing_word = [p for p in payloads if squash(p) not in as_word]
    assert not missing_pdf, missing_pdf
    assert not missing_word, missing_word


@pytest.fixture
def mini_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app on the small fixture questionnaire (fast reruns)."""
    monkeypatch.setenv("DIAGNOSTIC_QUESTIONNAIRES", str(MINI))
    monkeypatch.setenv("DIAGNOSTIC_BENCHMARKS", str(MINI_BENCH))


# --- typed and imported free text ---------------------------------------------------------------


def test_typed_comments_and_names_are_inert_on_screen_and_literal_in_documents(
    mini_app, mini
) -> None:
    comments = chunks(COMMENT_LIMIT)
    names = chunks(NAME_LIMIT)
    at = start()
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "chu", "establishment_name": names[0]})
    press(at, "Suivant")
    assert not page_problems(at)
    questions = [r.key for r in at.radio if r.key and r.key.startswith("q:")]
    assert len(questions) >= len(comments)
    for key, text in zip(questions, comments, strict=False):
        at.radio(key=key).set_value(2)
        at.text_area(key=f"c:{key[2:]}").input(text)
    press(at, "Suivant")
    assert not page_problems(at)
    press(at, "Voir les résultats")
    assert session(at).view == "results" and not at.exception
    typed = session(at).answers
    assert sorted(typed.comments.values()) == sorted(comments)
    assert not page_problems(at)
    assert squash(names[0]) in page_text(at)
    report = build_report(mini, typed, benchmarks.load_editions(MINI_BENCH))
    assert_literal_in_documents(report, PAYLOADS)


def test_imported_names_and_comments_are_inert_on_every_page(mini_app) -> None:
    """Each name chunk comes in through the upload; the results page then shows it as text."""
    comments = chunks(COMMENT_LIMIT)
    at = start()
    for name in chunks(NAME_LIMIT):
        imported = Answers(
            "mini",
            "1.0",
            {"establishment_type": "ehpad", "establishment_name": name},
            {"alpha.one": 1, "beta.one": 3},
            {"alpha.one": comments[0], "beta.one": comments[-1]},
        )
        press(at, "Accueil")
        at.file_uploader(key="upload-home").set_value(
            ("a.json", answers_mod.dump(imported), "application/json")
        ).run()
        assert session(at).answers.profile["establishment_name"] == name
        assert not page_problems(at)  # the wizard, with the imported comments in its fields
        press(at, "Résultats")
        assert not at.exception and not page_problems(at)
        assert squash(name) in page_text(at)


# --- the questionnaire's own labels ---------------------------------------------------------------


def _text_slots(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every French text (``{fr: …}``) and reference title/issuer in a content file."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        if isinstance(node.get("fr"), str):
            found.append((*path, "fr"))
        for key in ("title", "issuer"):
            if isinstance(node.get(key), str) and "url" in node:
                found.append((*path, key))
        for key, value in node.items():
            found += _text_slots(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _text_slots(value, (*path, index))
    return found


@pytest.fixture
def hostile_mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> content.Questionnaire:
    """A copy of the fixture whose every French label carries payloads (question texts: all)."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    cycle = iter(PAYLOADS * 3)
    question_texts = chunks(1000)
    for file in sorted(root.rglob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        if file.name == "profile.yaml":  # help texts too (the fixture has none)
            for question in doc["questions"]:
                question["help"] = {"fr": "Aide", "en": "Help"}
        for path in _text_slots(doc):
            parent = doc
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = f"{parent[path[-1]]} {next(cycle)}"
        file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    # Every payload also in a scored question's text, which the PDF appendix prints in full.
    for file, texts in zip(sorted((root / "dimensions").glob("*.yaml")), (question_texts[:3],
                           question_texts[3:]), strict=True):  # fmt: skip
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        for question, text in zip(doc["questions"], texts, strict=False):
            question["text"]["fr"] = text
        file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    monkeypatch.setenv("DIAGNOSTIC_QUESTIONNAIRES", str(root))
    monkeypatch.setenv("DIAGNOSTIC_BENCHMARKS", str(MINI_BENCH))
    return content.load(root)


def test_yaml_labels_are_inert_on_every_page_and_literal_in_documents(hostile_mini) -> None:
    q = hostile_mini
    assert len(chunks(1000)) <= 5  # the five scored questions hold every payload
    shown: list[str] = []
    at = start()
    assert not page_problems(at)
    shown.append(page_text(at))
    press(at, "Commencer")
    fill_profile(at, {"establishment_type": "chu", "ai_tools": ["consumer_genai"]})
    assert not page_problems(at)
    press(at, "Suivant")
    for _ in q.dimensions:
        for radio in at.radio:
            if radio.key and radio.key.startswith("q:"):
                radio.set_value(0)
        assert not page_problems(at)
        shown.append(page_text(at))
        press(at, "Suivant", "Voir les résultats")
    assert session(at).view == "results" and not at.exception
    assert not page_problems(at)
    shown.append(page_text(at))
    report = build_report(q, session(at).answers, benchmarks.load_editions(MINI_BENCH))
    assert report.scores.red_flags and report.plan.actions  # flags and rules are on the page
    everything = " ".join(shown)
    assert not [p for p in PAYLOADS if squash(p) not in everything]
    assert_literal_in_documents(report, PAYLOADS)


def test_wizard_step_buttons_and_profile_help_are_inert(hostile_mini) -> None:
    at = start()
    press(at, "Commencer")
    assert not page_problems(at)


# --- workshops ------------------------------------------------------------------------------------


def test_workshop_title_comments_and_rationale_are_inert(questionnaire) -> None:
    from .test_ui_workshop import create, open_results, participant

    engine = store.make_engine(store.database_url())
    titles = chunks(NAME_LIMIT)
    comments = chunks(COMMENT_LIMIT)
    facilitator, code, ident, key = create(titles[0])
    assert not facilitator.exception and not page_problems(facilitator)
    phone = participant(code, "director")
    phone.radio(key="wq:governance.strategy").set_value(1).run()
    for qid, text in zip(("governance.strategy", "governance.ai_lead"), comments, strict=False):
        phone.text_area(key=f"wc:{qid}").input(text).run()
    assert not phone.exception and not page_problems(phone)
    assert squash(titles[0]) in page_text(phone)
    open_results(facilitator, ident, key)
    assert not facilitator.exception and not page_problems(facilitator)
    rationale = chunks(COMMENT_LIMIT)[0]
    facilitator.text_input(key="wr:governance.strategy").input(rationale)
    facilitator.button(key="wb:governance.strategy").click().run()
    assert not facilitator.exception and not page_problems(facilitator)
    access = workshop.verify_key(engine, ident, key)
    consensus = workshop_results.consensus_answers(
        engine, questionnaire, access, ident, fill_with_proposals=True
    )
    assert consensus.comments["governance.strategy"] == rationale
    report = build_report(questionnaire, consensus, benchmarks.load_editions())
    assert_literal_in_documents(report, [p for p in PAYLOADS if squash(p) in squash(rationale)])
    # The other title chunks: workshops made through the library, seen from a participant's phone.
    for title in titles[1:]:
        created = workshop.create_workshop(
            engine,
            questionnaire,
            title=title,
            held_on=date(2026, 11, 28),
            profile={"establishment_type": "ch"},
        )
        token = workshop.join(engine, created.join_code, "cio").token
        screen = start(p=token)
        assert not screen.exception and not page_problems(screen)
        assert squash(title) in page_text(screen)
