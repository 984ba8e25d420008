"""The pulse store against an attacker and a curious operator: an answer row carries no
identifier, time is coarse, ids are random, a browser answers once, owner keys are isolated,
throttled and refused uniformly."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import Engine, inspect, select, text

from diagnostic.workshop import pulse as store_pulse
from diagnostic.workshop import store
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.pulse import PulseDenied, PulseError
from diagnostic.workshop.pulse_tables import pulse_answers, pulse_markers

from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

DAY = date(2026, 12, 2)  # a Wednesday of ISO week 49
ANSWER = {
    "perception": "rather_positive",
    "personal_tools": "sometimes",
    "training": "none",
    "charter": "never_heard",
    "visibility": "vague",
    "obstacles": ["reliability", "no_time"],
    "benefits": ["admin_tasks"],
    "role_family": "care",
}
ATTACKER = Client("attacker-tab", "203.0.113.7")


def no_sleep(_: float) -> None:
    pass


def open_pulse(engine: Engine, q, title: str = "Baromètre IA") -> tuple[store_pulse.PulseInfo, str]:
    return store_pulse.create(engine, title, date(2026, 12, 1), date(2026, 12, 15), q.id)


def answer(engine: Engine, q, code: str, marker: str, **changes: object) -> None:
    store_pulse.submit(engine, q.pulse, code, {**ANSWER, **changes}, marker, DAY)


def test_an_answer_row_holds_the_pulse_the_role_and_the_answers_only(engine, questionnaire) -> None:
    info, _ = open_pulse(engine, questionnaire)
    answer(engine, questionnaire, info.join_code, "marker-1")
    columns = {c["name"] for c in inspect(engine).get_columns("pulse_answers")}
    assert columns == {"id", "pulse_id", "week", "role_family", "answers"}
    # The marker table has no link to an answer and no time.
    assert {c["name"] for c in inspect(engine).get_columns("pulse_markers")} == {
        "pulse_id",
        "marker_hash",
    }
    with store.reading(engine) as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(pulse_answers))]
        markers = [dict(r._mapping) for r in conn.execute(select(pulse_markers))]
    assert len(rows) == 1
    row = rows[0]
    assert row["week"] == "2026-W49"  # the week, never the day or the hour
    assert json.loads(row["answers"]) == {k: v for k, v in ANSWER.items() if k != "role_family"}
    assert row["role_family"] == "care"
    raw = json.dumps(row) + json.dumps(markers)
    for needle in ("203.0.113", "127.0.0.1", "Mozilla", "marker-1", "2026-12-02", "session"):
        assert needle not in raw
    assert markers[0]["marker_hash"] != "marker-1" and len(markers[0]["marker_hash"]) == 64


def test_ids_are_random_and_rows_do_not_follow_arrival(engine, questionnaire) -> None:
    info, _ = open_pulse(engine, questionnaire)
    for i in range(12):
        answer(engine, questionnaire, info.join_code, f"m{i}")
    with store.reading(engine) as conn:
        ids = list(conn.scalars(select(pulse_answers.c.id)))
    assert len(set(ids)) == 12 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert not any(i.isdigit() for i in ids)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            sql = conn.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'pulse_answers'")
            ).scalar_one()
        assert "WITHOUT ROWID" in sql  # no hidden rowid keeps the order of arrival
        # Stored order is the random key's order, whatever the order of arrival.
        with engine.connect() as conn:
            stored = list(conn.execute(text("SELECT id FROM pulse_answers")).scalars())
        assert stored == sorted(stored)


def test_a_second_answer_from_the_same_browser_is_refused(engine, questionnaire) -> None:
    info, _ = open_pulse(engine, questionnaire)
    answer(engine, questionnaire, info.join_code, "same-browser")
    with pytest.raises(PulseError) as err:
        answer(engine, questionnaire, info.join_code, "same-browser", perception="neutral")
    assert err.value.key == "pulse.already_answered"
    answer(engine, questionnaire, info.join_code, "other-browser")
    with store.reading(engine) as conn:
        assert len(conn.execute(select(pulse_answers)).all()) == 2


def test_the_same_marker_on_two_pulses_is_stored_unlinkably(engine, questionnaire) -> None:
    one, _ = open_pulse(engine, questionnaire)
    two, _ = open_pulse(engine, questionnaire, "Autre")
    answer(engine, questionnaire, one.join_code, "shared")
    answer(engine, questionnaire, two.join_code, "shared")
    with store.reading(engine) as conn:
        hashes = list(conn.scalars(select(pulse_markers.c.marker_hash)))
    assert len(set(hashes)) == 2


def test_closed_unknown_and_not_yet_open_pulses_refuse_answers(engine, questionnaire) -> None:
    info, key = open_pulse(engine, questionnaire)
    with pytest.raises(PulseError) as err:
        store_pulse.submit(engine, questionnaire.pulse, "ZZZZZZZZ", ANSWER, "m", DAY)
    assert err.value.key == "pulse.unknown"
    with pytest.raises(PulseError) as err:
        store_pulse.submit(
            engine, questionnaire.pulse, info.join_code, ANSWER, "m", date(2026, 11, 30)
        )
    assert err.value.key == "pulse.not_open"
    access = store_pulse.verify_key(engine, info.id, key)
    store_pulse.close(engine, access)
    with pytest.raises(PulseError) as err:
        answer(engine, questionnaire, info.join_code, "m")
    assert err.value.key == "pulse.closed"


def test_bad_answers_are_refused_with_the_question_named(engine, questionnaire) -> None:
    info, _ = open_pulse(engine, questionnaire)
    with pytest.raises(PulseError) as err:
        answer(
            engine,
            questionnaire,
            info.join_code,
            "m",
            obstacles=["reliability", "ethics", "no_time"],
        )
    assert err.value.key == "pulse.too_many"
    with pytest.raises(PulseError) as err:
        store_pulse.submit(
            engine, questionnaire.pulse, info.join_code, {**ANSWER, "service": "urgences"}, "m", DAY
        )
    assert err.value.key == "pulse.unknown_item"  # nothing but the items is ever stored
    with pytest.raises(PulseError) as err:
        answer(engine, questionnaire, info.join_code, "m", role_family="director")
    assert "Famille de métiers" in err.value.render(
        "fr"
    ) or "famille de métiers" in err.value.render("fr")


def test_an_owner_key_opens_its_own_pulse_only(engine, questionnaire) -> None:
    mine, my_key = open_pulse(engine, questionnaire)
    theirs, their_key = open_pulse(engine, questionnaire, "Autre")
    assert my_key != their_key and re.fullmatch(r"([A-Z2-9]{4}-){4}[A-Z2-9]{4}", my_key)
    access = store_pulse.verify_key(engine, mine.id, my_key)
    assert store_pulse.owned(engine, access).id == mine.id
    with pytest.raises(PulseDenied):
        store_pulse.verify_key(engine, theirs.id, my_key, client=ATTACKER, sleep=no_sleep)
    # A forged or altered access is refused.
    forged = store_pulse.PulseAccess(theirs.id, access.expires_at, access.proof, access.key_tag)
    with pytest.raises(PulseDenied):
        store_pulse.answer_count(engine, forged)
    with pytest.raises(PulseDenied):
        store_pulse.answers(engine, object(), 5, DAY)
    # The key is stored hashed, never in clear.
    with engine.connect() as conn:
        dump = " ".join(str(v) for r in conn.execute(text("SELECT * FROM pulses")) for v in r)
    assert my_key not in dump and my_key.replace("-", "") not in dump


def test_wrong_key_and_unknown_pulse_are_refused_alike_and_slowed(engine, questionnaire) -> None:
    info, _ = open_pulse(engine, questionnaire)
    delays: list[float] = []
    messages = []
    for pulse_id in (info.id, "no-such-pulse", info.id, "x" * 300):
        with pytest.raises(PulseDenied) as err:
            store_pulse.verify_key(
                engine, pulse_id, "AAAA-BBBB-CCCC-DDDD-EEEE", client=ATTACKER, sleep=delays.append
            )
        messages.append((err.value.key, err.value.render("fr")))
    assert len(set(messages)) == 1
    waits = delays[1::2]  # each refusal waits the floor, then the client's delay
    assert waits == sorted(waits) and waits[-1] > waits[0]


def test_results_stay_hidden_until_the_threshold_or_the_close(engine, questionnaire) -> None:
    info, key = open_pulse(engine, questionnaire)
    access = store_pulse.verify_key(engine, info.id, key)
    for i in range(4):
        answer(engine, questionnaire, info.join_code, f"m{i}")
    assert store_pulse.answer_count(engine, access) == 4
    assert store_pulse.answers(engine, access, 5, DAY) is None
    answer(engine, questionnaire, info.join_code, "m4")
    rows = store_pulse.answers(engine, access, 5, DAY)
    assert rows is not None and len(rows) == 5
    other, other_key = open_pulse(engine, questionnaire, "Clos tôt")
    answer(engine, questionnaire, other.join_code, "x")
    other_access = store_pulse.verify_key(engine, other.id, other_key)
    assert store_pulse.answers(engine, other_access, 5, DAY) is None
    store_pulse.close(engine, other_access)
    closed = store_pulse.answers(engine, other_access, 5, DAY)
    assert closed is not None and len(closed) == 1  # the statistics still hide a group of one


def test_a_deleted_pulse_leaves_no_answer_on_disk(tmp_path, questionnaire) -> None:
    db = tmp_path / "pulse.sqlite3"
    engine = store.make_engine(f"sqlite:///{db}")
    info, key = open_pulse(engine, questionnaire, "ZQpulsetitleQZ")
    answer(engine, questionnaire, info.join_code, "m1")
    files = (db, db.with_name(db.name + "-wal"))
    before = b"".join(p.read_bytes() for p in files if p.exists())
    assert b"ZQpulsetitleQZ" in before and b"never_heard" in before
    access = store_pulse.verify_key(engine, info.id, key)
    store_pulse.delete(engine, access)
    after = b"".join(p.read_bytes() for p in files if p.exists())
    assert b"ZQpulsetitleQZ" not in after and b"never_heard" not in after
    with pytest.raises(PulseDenied):
        store_pulse.answer_count(engine, access)
    assert store_pulse.find(engine, info.join_code) is None
