"""The wizard in a real browser: Debian's chromium, driven by Playwright, against `streamlit run`.

These complement the AppTest suite (tests/test_ui_wizard.py) with what AppTest cannot see: the
browser's form submission, file upload and download, the resume token surviving a page reload, and
the charts actually drawn. French UI (the default).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from diagnostic.content import loader as content
from diagnostic.method import answers as answers_mod
from diagnostic.method.scoring import score
from diagnostic.outputs.wording import score_text, stage_name

from .conftest import ROOT, rerun_after, wait_idle

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

EXAMPLE = ROOT / "examples" / "ch-moyen.yaml"
STRATEGY = "1. L'établissement dispose-t-il d'une stratégie ou d'une feuille de route IA"
GOVERNANCE = "Gouvernance et stratégie"


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    """What the app should show and export for examples/ch-moyen.yaml, computed by the library."""
    q = content.load(ROOT / "questionnaires" / "ia-sante")
    example = answers_mod.read(EXAMPLE.read_bytes(), q)
    result = score(q, example)
    return {
        "questionnaire": q,
        "answers": example,
        "document": answers_mod.to_document(example),
        "stage": stage_name(q, result.stage, "fr"),
        "score": score_text(result.overall, "fr"),
        "steps": len(q.dimensions),
    }


# --- helpers ----------------------------------------------------------------------------------


def open_home(page: Any, server: str, query: str = "") -> None:
    page.goto(f"{server}/{query}")
    wait_idle(page, 0)  # the page's first run
    expect(page.get_by_role("heading", name="Huit dimensions")).to_be_visible()


def button(page: Any, name: str) -> Any:
    return page.get_by_role("button", name=name, exact=True)


def click(page: Any, name: str) -> None:
    """Click a button that reruns the script, and wait for that rerun to finish."""
    target = button(page, name)
    expect(target).to_be_enabled()
    rerun_after(page, target.click)


def upload(page: Any, path: Path) -> None:
    """Give a file to the home page's uploader (its input[type=file], what the chooser fills)."""
    field = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    rerun_after(page, lambda: field.set_input_files(str(path)))


def choose(page: Any, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (a React Aria combobox in 1.67)."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    combo = box.get_by_role("combobox")
    listbox = page.get_by_role("listbox")
    # A press of zero duration (Playwright's default) on a selectbox that has a help tooltip opens
    # and closes it at once the first time; a person's press lasts longer. Keyboard as a fallback.
    combo.click(delay=80)
    try:
        expect(listbox).to_be_visible(timeout=2_000)
    except AssertionError:
        combo.press("ArrowDown")
        expect(listbox).to_be_visible()
    listbox.get_by_role("option", name=option, exact=True).click()
    expect(listbox).to_be_hidden()
    expect(combo).to_have_value(option)


def radio_group(page: Any, question_start: str) -> Any:
    return page.get_by_test_id("stRadio").filter(has_text=question_start)


def pick(page: Any, question_start: str, level: int) -> None:
    group = radio_group(page, question_start)
    group.locator("label").filter(has_text=re.compile(rf"^{level} — ")).click()
    expect(group.get_by_role("radio", name=re.compile(rf"^{level} — "))).to_be_checked()


def at_step(page: Any, number: int, total: int) -> None:
    expect(page.get_by_text(f"Étape {number} sur {total}", exact=True)).to_be_visible()


def import_example(page: Any, server: str, path: Path = EXAMPLE) -> None:
    open_home(page, server)
    upload(page, path)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("importé")


def open_results(page: Any) -> None:
    click(page, "Résultats et plan d'action")
    expect(page.get_by_role("heading", name="Résultats du diagnostic")).to_be_visible()


def check_stage(page: Any, expected: dict[str, Any]) -> None:
    metric = page.get_by_test_id("stMetric").filter(has_text="Niveau de maturité")
    expect(metric.get_by_test_id("stMetricValue")).to_have_text(expected["stage"])
    expect(metric).to_contain_text(expected["score"])


def check_charts(page: Any) -> None:
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts.first).to_be_visible()
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        drawing = chart.locator("canvas, svg.marks").first
        expect(drawing).to_be_visible()
        box = drawing.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, (i, box)


# --- tests ------------------------------------------------------------------------------------


def test_import_then_click_through_every_step_to_the_results(page, server, expected) -> None:
    total = expected["steps"] + 1
    answered = len(expected["answers"].answers)
    progress = f"{answered} réponses sur {answered} questions"
    import_example(page, server)
    # The file is complete, so the wizard opens on its last step.
    at_step(page, total, total)
    expect(button(page, "Voir les résultats →")).to_be_visible()
    # Back to the first dimension, then submit every step's form with what the browser shows.
    click(page, f"✅ {GOVERNANCE}")
    for number in range(2, total):
        at_step(page, number, total)
        expect(page.get_by_text(progress, exact=True)).to_be_visible()
        click(page, "Suivant →")
    at_step(page, total, total)
    click(page, "Voir les résultats →")
    expect(page.get_by_role("heading", name="Résultats du diagnostic")).to_be_visible()
    check_stage(page, expected)
    expect(page.get_by_role("heading", name="Plan d'action priorisé")).to_be_visible()
    check_charts(page)


def test_downloads_and_reimport_in_a_new_context(new_page, server, expected, tmp_path) -> None:
    page = new_page()
    import_example(page, server)
    open_results(page)

    with page.expect_download() as answers_dl:
        button(page, "Fichier de réponses (pour reprendre ou refaire le diagnostic)").click()
    answers_file = tmp_path / answers_dl.value.suggested_filename
    answers_dl.value.save_as(answers_file)
    with page.expect_download() as csv_dl:
        button(page, "Résultats au format CSV (tableur)").click()
    csv_file = tmp_path / csv_dl.value.suggested_filename
    csv_dl.value.save_as(csv_file)

    # What, whose, when, which language (exports.download_name).
    assert re.fullmatch(
        r"diagnostic-ia-reponses_[a-z0-9-]+_\d{4}-\d{2}-\d{2}_fr\.json", answers_file.name
    )
    assert re.fullmatch(
        r"diagnostic-ia-resultats_[a-z0-9-]+_\d{4}-\d{2}-\d{2}_fr\.csv", csv_file.name
    )
    document = json.loads(answers_file.read_text("utf-8"))
    assert document["schema_version"] == 1
    assert document["questionnaire"] == expected["document"]["questionnaire"]
    assert document["profile"] == expected["document"]["profile"]
    assert document["answers"] == expected["document"]["answers"]

    raw_csv = csv_file.read_bytes()
    assert raw_csv.startswith(b"\xef\xbb\xbf")
    assert "rubrique" in raw_csv.decode("utf-8-sig").splitlines()[0]

    fresh = new_page()  # a new browser context: a new Streamlit session, no shared state
    import_example(fresh, server, answers_file)
    open_results(fresh)
    check_stage(fresh, expected)


def test_reload_mid_way_restores_answers_from_the_token(page, server, expected) -> None:
    total = expected["steps"] + 1
    open_home(page, server)
    click(page, "Commencer le diagnostic")
    choose(page, "Type d'établissement", "Centre hospitalier (CH)")
    choose(page, "Statut juridique", "Public")
    click(page, "Suivant →")
    at_step(page, 2, total)
    expect(page).to_have_url(re.compile(r"[?&]r=[\w-]+"))
    pick(page, STRATEGY, 3)
    click(page, "Suivant →")
    at_step(page, 3, total)
    token = re.search(r"[?&]r=([\w-]+)", page.url)
    assert token, page.url

    page.reload()
    wait_idle(page, 0)
    expect(page.get_by_text("Vos réponses ont été retrouvées", exact=False)).to_be_visible()
    assert f"r={token.group(1)}" in page.url
    # Governance is the first incomplete step; open it explicitly from the sidebar anyway.
    click(page, f"◐ {GOVERNANCE}")
    at_step(page, 2, total)
    group = radio_group(page, STRATEGY)
    expect(group.get_by_role("radio", name=re.compile(r"^3 — "))).to_be_checked()
    expect(group.get_by_role("radio", checked=True)).to_have_count(1)
    # The profile came back too.
    click(page, "← Précédent")
    at_step(page, 1, total)
    expect(page.get_by_role("combobox", name="Type d'établissement *")).to_have_value(
        "Centre hospitalier (CH)"
    )


def test_results_page_screenshot(page, server, tmp_path) -> None:
    import_example(page, server)
    open_results(page)
    check_charts(page)
    # Streamlit scrolls an inner container, so "full page" only means the viewport: make the
    # viewport as tall as the content first.
    height = page.get_by_test_id("stMain").evaluate("el => el.scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(int(height), 20_000)})
    expect(page.get_by_role("heading", name="Résultats du diagnostic")).to_be_in_viewport()
    check_charts(page)
    shot = tmp_path / "results.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.exists()
    assert shot.stat().st_size > 10 * 1024
