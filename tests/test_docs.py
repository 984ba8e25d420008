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
    from diagnostic.yamlsafe import decode, parse

    fr = parse(decode((ROOT / "diagnostic" / "locale" / "fr.yaml").read_bytes())).data
    en = parse(decode((ROOT / "diagnostic" / "locale" / "en.yaml").read_bytes())).data
    assert set(fr) == set(en)


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
            re.findall(r'environ\.get\("(DIAGNOSTIC_[A-Z_]+)"', path.read_text(encoding="utf-8"))
        )
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert used and [name for name in sorted(used) if f"`{name}`" not in guide] == []


def test_every_message_key_used_in_code_is_translated() -> None:
    import re

    from diagnostic.yamlsafe import decode, parse

    fr = parse(decode((ROOT / "diagnostic" / "locale" / "fr.yaml").read_bytes())).data
    pattern = re.compile(
        r'(?:message|InputError|Denied|LockedOut|Closed|Failed|Error)\(\s*"([a-z_]+\.[a-z0-9_.-]+)"'
    )
    used = set()
    for path in (ROOT / "diagnostic").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50
    assert sorted(used - set(fr)) == []
