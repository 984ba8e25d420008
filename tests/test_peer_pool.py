"""The peer pool's storage: what a contribution holds, replacement, withdrawal (SQLite and PostgreSQL).

Attacker's view first: the raw SQLite file and the table rows hold no name, answer, comment or
date finer than the quarter; a withdrawn contribution leaves nothing on disk; a wrong code
withdraws nothing.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import OperationalError

from diagnostic.method import answers as answers_mod
from diagnostic.method import bands
from diagnostic.method.peer_stats import Cell, TooSmall, peer_panel, quarter
from diagnostic.method.report import Report, build_report
from diagnostic.outputs import peer_export
from diagnostic.workshop import peer_pool, store
from diagnostic.workshop.peer_tables import peer_contributions

from .conftest import EXAMPLES
from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

DAY = date(2026, 12, 3)
NAME = "Centre hospitalier de Saint-Aubin-les-Prés"
COMMENT = "Notre DSI teste un outil de dictée vocale depuis mars"


@pytest.fixture(scope="module")
def report(questionnaire) -> Report:
    answers = answers_mod.read((EXAMPLES / "ch-moyen.yaml").read_bytes(), questionnaire)
    answers = dataclasses.replace(answers, comments={"governance.strategy": COMMENT})
    assert answers.profile["establishment_name"] == NAME
    return build_report(questionnaire, answers, {}, today=DAY)


def test_a_contribution_holds_bands_scores_stage_and_quarter_only(
    engine: Engine, report: Report
) -> None:
    record = peer_pool.record_from_report(report, "north_west", DAY)
    done = peer_pool.contribute(engine, record)
    assert done.code and len(done.code.replace("-", "")) == 24  # 24 × 5 bits = 120 bits
    assert done.tag == peer_pool.code_hash(done.code) and done.code not in done.tag
    columns = {c["name"] for c in inspect(engine).get_columns("peer_contributions")}
    assert columns == {
        "id",
        "withdrawal_hash",
        "establishment_type",
        "size_band",
        "region_band",
        "questionnaire_id",
        "questionnaire_version",
        "period",
        "stage",
        "scores",
    }
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(peer_contributions))]
    assert len(rows) == 1
    row = rows[0]
    assert (row["establishment_type"], row["size_band"], row["region_band"]) == (
        "ch",
        "b300_799",
        "north_west",
    )
    assert row["period"] == "2026-T4" and row["stage"] == "emerging"
    assert json.loads(row["scores"]) == {
        d.dimension_id: round(d.score or 0) for d in report.scores.dimensions
    }
    text = json.dumps(row, default=str)
    for secret in (NAME, "Saint-Aubin", COMMENT, done.code, "2026-12", "public", "cio"):
        assert secret not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}", text)  # no date, no time of day
    assert re.fullmatch(r"[0-9a-f]{32}", row["id"])  # random key, not a sequence
    if engine.dialect.name == "sqlite":  # and no hidden rowid counting the inserts
        with engine.connect() as conn, pytest.raises(OperationalError, match="rowid"):
            conn.exec_driver_sql("SELECT rowid FROM peer_contributions")


def test_the_raw_sqlite_file_holds_no_name_answer_or_comment(
    tmp_path: Path, report: Report
) -> None:
    path = tmp_path / "pool.sqlite3"
    engine = store.make_engine(f"sqlite:///{path}")
    done = peer_pool.contribute(engine, peer_pool.record_from_report(report, "unknown", DAY))
    store.scrub(engine)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("pool"))
    for secret in (NAME, "Saint-Aubin", COMMENT, str(done.code), "governance.strategy"):
        assert secret.encode("utf-8") not in raw
    assert b"2026-T4" in raw  # the quarter is what is kept


def test_withdrawal_removes_the_row_from_the_pool_the_panel_the_export_and_the_file(
    tmp_path: Path, report: Report, questionnaire
) -> None:
    path = tmp_path / "pool.sqlite3"
    engine = store.make_engine(f"sqlite:///{path}")
    record = peer_pool.record_from_report(report, "unknown", DAY)
    codes = [peer_pool.contribute(engine, record).code for _ in range(5)]
    pool = peer_pool.pool_for(engine, questionnaire)
    assert len(pool.records) == 5
    assert isinstance(peer_panel(pool, "ch", "b300_799", 5), Cell)
    assert b"type_size,ch,b300_799" in peer_export.pool_csv(pool, 5)
    # One withdrawal: the group falls under the threshold, everywhere.
    assert peer_pool.withdraw(engine, str(codes[0]).lower().replace("-", " "))
    pool = peer_pool.pool_for(engine, questionnaire)
    assert len(pool.records) == 4
    assert peer_panel(pool, "ch", "b300_799", 5) == TooSmall(5)
    assert peer_export.pool_csv(pool, 5).count(b"\n") == 1  # the header only
    # The last one: nothing of its scores' row stays in the file or its WAL.
    for code in codes[1:]:
        assert peer_pool.withdraw(engine, str(code))
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("pool"))
    assert b"2026-T4" not in raw and b"b300_799" not in raw and b'"governance"' not in raw
    assert peer_pool.records(engine) == ()


def test_a_wrong_code_withdraws_nothing_and_says_so(engine: Engine, report: Report) -> None:
    record = peer_pool.record_from_report(report, "unknown", DAY)
    done = peer_pool.contribute(engine, record)
    assert peer_pool.withdraw(engine, peer_pool.new_code()) is False
    assert peer_pool.withdraw(engine, "") is False
    assert peer_pool.withdraw(engine, "x" * 10_000) is False
    assert len(peer_pool.records(engine)) == 1
    assert peer_pool.is_in_pool(engine, done.tag)


def test_contributing_again_from_the_session_replaces_and_keeps_the_code(
    engine: Engine, report: Report
) -> None:
    record = peer_pool.record_from_report(report, "unknown", DAY)
    first = peer_pool.contribute(engine, record)
    again = peer_pool.contribute(
        engine, dataclasses.replace(record, region_band="overseas"), replaces=first.tag
    )
    assert again.code is None and again.tag == first.tag
    rows = peer_pool.records(engine)
    assert len(rows) == 1 and rows[0].region_band == "overseas"
    # Replacing a contribution withdrawn meanwhile makes a new one, with a new code.
    assert peer_pool.withdraw(engine, str(first.code))
    fresh = peer_pool.contribute(engine, record, replaces=first.tag)
    assert fresh.code and fresh.tag != first.tag and len(peer_pool.records(engine)) == 1


def test_a_result_without_type_size_or_every_score_cannot_be_shared(
    questionnaire, report: Report
) -> None:
    profile = dict(report.answers.profile)
    del profile["beds"]
    no_size = build_report(
        questionnaire, dataclasses.replace(report.answers, profile=profile), {}, today=DAY
    )
    with pytest.raises(peer_pool.NotShareable) as caught:
        peer_pool.record_from_report(no_size, "unknown", DAY)
    assert caught.value.key == "peer.needs_size"
    partial = dataclasses.replace(
        report.answers,
        answers={k: v for k, v in report.answers.answers.items() if not k.startswith("ethics.")},
    )
    with pytest.raises(peer_pool.NotShareable) as caught:
        peer_pool.record_from_report(build_report(questionnaire, partial, {}, today=DAY), "", DAY)
    assert caught.value.key == "peer.needs_scores"
    assert "chaque dimension" in caught.value.render("fr")


def test_a_region_that_is_not_a_band_is_stored_as_unknown(report: Report) -> None:
    record = peer_pool.record_from_report(report, "Bretagne <script>", DAY)
    assert record.region_band == bands.UNKNOWN


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (date(2026, 1, 1), "2026-T1"),
        (date(2026, 6, 30), "2026-T2"),
        (date(2027, 12, 31), "2027-T4"),
    ],
)
def test_the_period_is_the_quarter(day: date, period: str) -> None:
    assert quarter(day) == period


def test_migration_7_is_registered() -> None:
    assert store.MIGRATIONS[7].__name__ == "migrate_v7"


def test_cli_export_stats_and_withdraw(
    tmp_path: Path,
    report: Report,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    from diagnostic.cli import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = store.make_engine(url)
    record = peer_pool.record_from_report(report, "unknown", DAY)
    codes = [str(peer_pool.contribute(engine, record).code) for _ in range(5)]
    other = dataclasses.replace(record, establishment_type="chu")
    peer_pool.contribute(engine, other)  # a group of one: never printed, never exported

    assert main(["peers", "stats", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "type_size\tch/b300_799\t5" in out and "chu" not in out
    assert main(["peers", "export", str(tmp_path / "out"), "--database", url]) == 0
    data = (tmp_path / "out" / "peer_pool.csv").read_text(encoding="utf-8")
    dictionary = (tmp_path / "out" / "peer_pool_dictionary.csv").read_text(encoding="utf-8")
    assert "type_size,ch,b300_799" in data and "chu" not in data.split("\n", 1)[1]
    assert "baromètre national" in dictionary
    # Withdraw: the code comes from standard input; a wrong one changes nothing (exit 1).
    monkeypatch.setattr("sys.stdin", io.StringIO("AAAA-BBBB\n"))
    assert main(["peers", "withdraw", "--database", url]) == 1
    assert "rien n'a été retiré" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(codes[0] + "\n"))
    assert main(["peers", "withdraw", "--database", url]) == 0
    assert main(["peers", "export", str(tmp_path / "out"), "--database", url]) == 0
    data = (tmp_path / "out" / "peer_pool.csv").read_text(encoding="utf-8")
    # Four ch left: their cell goes; the five in the pool still make a size and overall cell.
    assert "type_size" not in data and "\nall,,,,5," in data
    monkeypatch.setenv("DIAGNOSTIC_MIN_GROUP", "2")
    assert main(["peers", "stats", "--database", url]) == 2
    assert "at least 3" in capsys.readouterr().err


def test_withdrawal_reaches_the_panel_and_the_export_on_every_database(
    engine: Engine, report: Report, questionnaire
) -> None:
    record = peer_pool.record_from_report(report, "south_west", DAY)
    codes = [str(peer_pool.contribute(engine, record).code) for _ in range(5)]
    pool = peer_pool.pool_for(engine, questionnaire)
    panel = peer_panel(pool, "ch", "b300_799", 5)
    assert isinstance(panel, Cell) and panel.n == 5
    assert peer_pool.withdraw(engine, codes[2])
    assert not peer_pool.withdraw(engine, codes[2])  # once only
    pool = peer_pool.pool_for(engine, questionnaire)
    assert not isinstance(peer_panel(pool, "ch", "b300_799", 5), Cell)
    assert peer_export.pool_csv(pool, 5).count(b"\n") == 1
