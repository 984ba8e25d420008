"""The published method matches the content it describes (datasette style: docs cover settings)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("doc", "lang"), [("method.md", "fr"), ("method.en.md", "en")])
def test_method_lists_every_stage_with_its_threshold(questionnaire, doc, lang) -> None:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    for stage in questionnaire.stages:
        assert f"| {stage.name.get(lang)} | {stage.min_score:.0f} |" in text


@pytest.mark.parametrize(("doc", "lang"), [("method.md", "fr"), ("method.en.md", "en")])
def test_method_describes_every_red_flag(questionnaire, doc, lang) -> None:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8").lower()
    keywords = {
        "patient_data_in_consumer_ai": ("grand public", "consumer"),
        "clinical_ai_without_dpia": ("aipd", "dpia"),
        "unknown_hosting_of_health_data": ("hds", "hds"),
        "prohibited_practice_unreviewed": ("pratiques interdites", "prohibited practices"),
        "incidents_not_reported": ("incidents", "incidents"),
    }
    assert set(keywords) == {f.id for f in questionnaire.red_flags}
    for fr, en in keywords.values():
        assert (fr if lang == "fr" else en) in text


def test_locales_have_the_same_keys() -> None:
    from diagnostic.i18n import catalogue, locale_files

    assert set(catalogue("fr")) == set(catalogue("en"))
    fragments = {lang: [p.name for p in locale_files(lang)[1:]] for lang in ("fr", "en")}
    assert fragments["fr"] == fragments["en"]


def test_readme_documents_the_two_commands_and_the_cli() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in (
        "make run",
        "make test",
        "diagnostic validate",
        "diagnostic score",
        "diagnostic report",
        "diagnostic pdf",
    ):
        assert needle in text


def test_operations_guide_documents_every_setting() -> None:
    import re

    used = set()
    for path in (ROOT / "diagnostic").rglob("*.py"):
        used |= set(
            re.findall(
                r'(?:environ\.get\(|getenv\(|environ\[)\s*"(DIAGNOSTIC_[A-Z0-9_]+)"',
                path.read_text(encoding="utf-8"),
            )
        )
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert used and [name for name in sorted(used) if f"`{name}`" not in guide] == []


def test_every_message_key_used_in_code_is_translated() -> None:
    import re

    from diagnostic.i18n import catalogue

    fr = catalogue("fr")
    pattern = re.compile(
        r'(?:message|InputError|Denied|LockedOut|Closed|Failed|Error)\(\s*"([a-z_]+\.[a-z0-9_.-]+)"'
    )
    used = set()
    for path in (ROOT / "diagnostic").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50
    assert sorted(used - set(fr)) == []


# The figures `make perf` writes (issue 7); the guide's capacity table must list each one.
PERF_KEYS = (
    "empty_app_rerun_ms", "wizard_step_rerun_ms", "results_page_rerun_ms", "score_100k_s",
    "score_loop_100k_s", "pdf_warm_s", "pdf_cold_s", "browser_first_paint_s", "load_50_p95_s",
    "load_50_lost", "load_100_p95_s", "load_100_lost", "load_knee_participants",
    "session_memory_mb",
)  # fmt: skip


def test_operations_guide_has_a_capacity_row_for_every_perf_figure() -> None:
    import importlib

    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    capacity = guide.split("## Capacity", 1)[1].split("\n## ", 1)[0]
    rows = {
        line.split("|")[1].strip().strip("`") for line in capacity.splitlines() if line[:3] == "| `"
    }
    # Keys `make perf` itself knows, so that a figure added there is documented too.
    printed = set(getattr(importlib.import_module("perf.__main__"), "TARGETS", {}))
    assert sorted((set(PERF_KEYS) | printed) - rows) == []
    assert "2 cores" in capacity and "make perf" in capacity


def test_operations_guide_csp_allows_streamlits_inline_script() -> None:
    """A Streamlit upgrade that changes index.html's inline script must update the documented CSP.

    The hash in the nginx example is what lets that script run; a stale one blocks it on every
    page load.
    """
    import base64
    import hashlib
    import re

    import streamlit

    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in guide, script


def test_a_message_defined_twice_across_locale_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diagnostic import i18n

    (tmp_path / "fr").mkdir()
    (tmp_path / "fr.yaml").write_text('a.b: "un"\n', encoding="utf-8")
    (tmp_path / "fr" / "area.yaml").write_text('a.b: "deux"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "_LOCALE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"a\.b is defined twice"):
            i18n.catalogue("fr")
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()
