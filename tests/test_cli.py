"""The command line: summaries, JSON, and exit code 2 with one clear message on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diagnostic.cli import main

from .conftest import EXAMPLES, MINI


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diagnostic", *args], capture_output=True, text=True, timeout=60
    )


def test_validate_prints_one_summary_line(capsys) -> None:
    assert main(["validate", str(MINI), "--benchmarks", str(MINI.parent / "mini_benchmarks")]) == 0
    assert capsys.readouterr().out == (
        "mini 1.0: valid — 2 dimensions, 5 questions, 3 profile questions, 1 red flags, "
        "1 references, 5 rules, 2 use cases, 3 calendar dates, 4 indicators in edition 2025, "
        "all sourced, 1 indicators in edition 2026, all sourced\n"
    )


def test_validate_shipped_content_counts(questionnaire) -> None:
    out = run("validate", "questionnaires/")
    assert out.returncode == 0, out.stderr
    assert "8 dimensions" in out.stdout
    assert int(out.stdout.split(" dimensions, ")[1].split(" questions")[0]) >= 45


def test_validate_misspelt_key_exits_2_naming_file_and_key(mini_copy: Path) -> None:
    file = mini_copy / "questionnaire.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("title:", "titel:"), "utf-8")
    out = run("validate", str(mini_copy), "--benchmarks", str(MINI.parent / "mini_benchmarks"))
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith(f'{file}: line 3, titel (in mini): unknown key "titel"')
    assert 'did you mean "title"?' in out.stderr
    assert "Traceback" not in out.stderr


def test_validate_missing_directory() -> None:
    out = run("validate", "/nonexistent/place")
    assert out.returncode == 2
    assert "not a directory" in out.stderr


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_score_json_gives_every_dimension(example: Path, questionnaire) -> None:
    out = run("score", str(example), "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert [d["dimension_id"] for d in result["dimensions"]] == [
        d.id for d in questionnaire.dimensions
    ]
    assert all(d["score"] is not None for d in result["dimensions"])
    assert result["stage"] in {s.id for s in questionnaire.stages}


def test_three_contrasted_examples_exist() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.yaml")) == ["ch-moyen", "chu-grand", "ehpad"]


def test_score_table_is_readable(tmp_path: Path) -> None:
    out = run("score", str(EXAMPLES / "chu-grand.yaml"), "--lang", "en")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["Dimension", "Score", "Stage", "Coverage", "Visibility"]
    assert any(line.startswith("Overall stage: ") for line in lines)


def test_score_bad_file_exits_2_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "answers.json"
    bad.write_bytes(
        b'{"schema_version": 1, "questionnaire": {"id": "ia_sante", "version": "9.9"}, "answers": {}}'
    )
    out = run("score", str(bad), "--lang", "en")
    assert out.returncode == 2
    assert "version 9.9 of the questionnaire" in out.stderr
    assert "Traceback" not in out.stderr


def test_score_missing_file_exits_2() -> None:
    out = run("score", "/nonexistent/answers.yaml")
    assert out.returncode == 2
    assert "Impossible de lire /nonexistent/answers.yaml" in out.stderr


def test_purge_deletes_expired_drafts_and_keeps_current_ones(capsys) -> None:
    """The daily timer's command: the database is the one DIAGNOSTIC_DATABASE_URL names."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from diagnostic.workshop import store

    e = store.make_engine()
    store.save_draft(e, "old", "ia_sante", "{}")
    store.save_draft(e, "new", "ia_sante", "{}")
    old = (datetime.now(UTC) - store.DRAFT_RETENTION - timedelta(days=1)).isoformat()
    with store.writing(e) as conn:
        conn.execute(
            update(store.drafts)
            .where(store.drafts.c.token == store.hash_token("old"))
            .values(updated_at=old)
        )
    assert main(["purge"]) == 0
    assert "1 expired draft(s) and 0 expired workshop(s) deleted" in capsys.readouterr().out
    with store.reading(e) as conn:
        assert list(
            conn.scalars(store.drafts.select().with_only_columns(store.drafts.c.token))
        ) == [store.hash_token("new")]
