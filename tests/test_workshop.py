"""Workshop mode on SQLite and PostgreSQL: saving, access, privacy, consensus, lifecycle, audit,
and the store under load and faults (concurrent writers, the deferred-transaction guard, a writer
killed mid-workshop). The ``db_url``/``engine`` fixtures come from ``tests/pg.py``.
"""

from __future__ import annotations

import csv
import io
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from diagnostic.content.facts import Facts
from diagnostic.errors import InputError
from diagnostic.method import answers
from diagnostic.method.conditions import is_asked
from diagnostic.method.report import build_report
from diagnostic.method.scoring import score
from diagnostic.workshop import key_throttle, store
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import queries as ws
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop import stats as workshop_stats
from diagnostic.workshop.access import (
    ROLES,
    AccessDenied,
    FacilitatorAccess,
    SaveFailed,
    WorkshopClosed,
)

from .conftest import MINI
from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

PROFILE = {"establishment_type": "chu", "establishment_name": "CH de Test"}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def no_sleep(_: float) -> None:
    pass


def open_workshop(e: Engine, q, profile=PROFILE, **settings):
    created = workshop.create_workshop(
        e, q, title="Atelier IA", held_on=date(2026, 3, 2), profile=profile, **settings
    )
    access = workshop.verify_key(e, created.workshop_id, created.facilitator_key, sleep=no_sleep)
    return created, access


def people(e: Engine, code: str, *roles: str) -> list[str]:
    return [workshop.join(e, code, role).token for role in roles]


def count(e: Engine, table, *where) -> int:
    with store.reading(e) as conn:
        return int(conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)


# --- saving ---------------------------------------------------------------------------------------


def test_saving_the_same_answer_three_times_keeps_one_row_with_the_last_value(engine, mini) -> None:
    created, _ = open_workshop(engine, mini)
    (token,) = people(engine, created.join_code, "dpo")
    for value in (1, 3, 2):
        saved = workshop.save_answer(engine, mini, token, "alpha.one", value, f"v{value}")
        assert saved.value == value
    with store.reading(engine) as conn:
        rows = conn.execute(select(ws.answers)).all()
    assert [(r.question_id, r.value, r.comment) for r in rows] == [("alpha.one", "2", "v2")]


def test_resume_gives_own_answers_and_first_unanswered_question(engine, mini) -> None:
    created, _ = open_workshop(engine, mini)
    token, other = people(engine, created.join_code, "cio", "hr")
    assert workshop.resume(engine, mini, token).next_question == "alpha.one"
    workshop.save_answer(engine, mini, token, "alpha.one", 2)
    workshop.save_answer(engine, mini, other, "alpha.two", 4)
    state = workshop.resume(engine, mini, token)
    assert (state.role, state.next_question, dict(state.answers.answers)) == (
        "cio",
        "alpha.two",
        {"alpha.one": 2},
    )
    # A participant never sees another's answers.
    assert dict(workshop.my_answers(engine, mini, other).answers) == {"alpha.two": 4}
    workshop.save_answer(engine, mini, token, "alpha.one", None)  # clearing an answer
    assert workshop.my_answers(engine, mini, token).answers == {}


def test_saving_refuses_what_the_wizard_would_not_offer(engine, mini) -> None:
    created, _ = open_workshop(engine, mini)
    (token,) = people(engine, created.join_code, "quality")
    cases = [
        ("nope", 1, "workshop.unknown_question"),
        ("alpha.one", 5, "workshop.bad_value"),
        ("alpha.one", True, "workshop.bad_value"),
        ("alpha.three", "not_applicable", "workshop.not_applicable_refused"),  # CHU, not EHPAD
    ]
    for qid, value, key in cases:
        with pytest.raises(InputError) as err:
            workshop.save_answer(engine, mini, token, qid, value)
        assert err.value.key == key
    with pytest.raises(InputError, match=r"workshop\.comment_too_long|2000"):
        workshop.save_answer(engine, mini, token, "alpha.one", 1, "x" * 2001)
    with pytest.raises(InputError) as err:
        workshop.save_answer(engine, mini, "forged-token", "alpha.one", 1)
    assert err.value.key == "workshop.unknown_participant"
    with pytest.raises(InputError):
        workshop.join(engine, created.join_code, "mayor")
    with pytest.raises(InputError):
        workshop.join(engine, "ZZZZZZZZ", "dpo")
    assert count(engine, ws.answers) == 0


def test_codes_keys_and_tokens_are_distinct_and_long_enough(engine, mini) -> None:
    created, _ = open_workshop(engine, mini)
    code, key = created.join_code, created.facilitator_key
    assert len(code) == 8 and not set(code) & set("01OI")
    assert len(key.replace("-", "")) * 5 >= 80
    tokens = people(engine, code.lower(), *["dpo"] * 5)  # codes are typed in any case
    assert len(set(tokens)) == 5 and all(len(t) * 6 >= 128 for t in tokens)
    with store.reading(engine) as conn:
        stored = conn.execute(select(ws.workshops.c.key_hash, ws.workshops.c.key_salt)).one()
        hashes = set(conn.scalars(select(ws.participants.c.token_hash)))
    assert key not in stored and key.replace("-", "") not in stored.key_hash
    assert not set(tokens) & hashes  # only hashes of the tokens are stored


def test_roles_are_the_profile_respondent_roles(questionnaire) -> None:
    field = questionnaire.profile_by_id["respondent_role"]
    assert tuple(o.id for o in field.options) == ROLES


def test_a_save_the_database_keeps_refusing_raises_a_clear_error(engine, mini, monkeypatch) -> None:
    created, _ = open_workshop(engine, mini)
    (token,) = people(engine, created.join_code, "dpo")
    attempts: list[int] = []

    @contextmanager
    def locked(_: Engine) -> Iterator[Connection]:
        attempts.append(1)
        raise OperationalError(
            "BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked")
        )
        yield  # pragma: no cover

    monkeypatch.setattr(store, "writing", locked)
    monkeypatch.setattr(store.time, "sleep", no_sleep)
    with pytest.raises(SaveFailed) as err:
        workshop.save_answer(engine, mini, token, "alpha.one", 2)
    assert err.value.key == "workshop.save_failed" and len(attempts) == store.RETRIES
    monkeypatch.undo()
    assert workshop.my_answers(engine, mini, token).answers == {}


def test_serialization_failures_and_locks_are_retried_other_errors_are_not() -> None:
    class Refused(Exception):
        sqlstate = "40001"

    assert store.is_transient(OperationalError("UPDATE", {}, Refused()))
    assert store.is_transient(
        OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
    )
    assert not store.is_transient(
        IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))
    )
    assert not store.is_transient(ValueError("locked"))


# --- facilitator access ---------------------------------------------------------------------------


def test_wrong_key_another_workshops_key_and_forged_access_show_nothing(engine, mini) -> None:
    first, access = open_workshop(engine, mini)
    second, _ = open_workshop(engine, mini)
    with pytest.raises(AccessDenied):
        workshop.verify_key(engine, first.workshop_id, "AAAA-BBBB", sleep=no_sleep)
    with pytest.raises(AccessDenied):
        workshop.verify_key(engine, first.workshop_id, second.facilitator_key, sleep=no_sleep)
    with pytest.raises(AccessDenied):
        workshop.verify_key(engine, "no-such-workshop", first.facilitator_key, sleep=no_sleep)
    forged = [
        FacilitatorAccess(first.workshop_id, access.expires_at, "0" * 64),
        FacilitatorAccess(second.workshop_id, access.expires_at, access.proof),
        access,  # genuine, but for the first workshop
        {"workshop_id": second.workshop_id},
        second.workshop_id,
    ]
    calls = [
        lambda a: workshop_results.dashboard(engine, mini, a, second.workshop_id),
        lambda a: workshop_results.export_answers_csv(engine, mini, a, second.workshop_id, "fr"),
        lambda a: workshop_results.export_consensus(engine, mini, a, second.workshop_id),
        lambda a: workshop_results.consensus_items(engine, mini, a, second.workshop_id),
        lambda a: workshop_results.set_consensus(
            engine, mini, a, second.workshop_id, "beta.one", 1
        ),
        lambda a: workshop_results.disagreements(engine, mini, a, second.workshop_id),
        lambda a: workshop_results.close_workshop(engine, a, second.workshop_id),
        lambda a: workshop_results.delete_workshop(engine, a, second.workshop_id),
        lambda a: workshop_results.audit_trail(engine, a, second.workshop_id),
    ]
    for bad in forged:
        for call in calls:
            with pytest.raises(AccessDenied):
                call(bad)
    assert count(engine, ws.workshops) == 2 and count(engine, ws.consensus) == 0


# --- dashboard and privacy ------------------------------------------------------------------------


def fill(e: Engine, q, code: str, plan: dict[str, list[tuple[dict, str]]]) -> dict[str, list[str]]:
    """plan: role → list of (answers, comment) per participant; returns role → tokens."""
    tokens: dict[str, list[str]] = {}
    for role, persons in plan.items():
        for values, comment in persons:
            token = workshop.join(e, code, role).token
            tokens.setdefault(role, []).append(token)
            for qid, value in values.items():
                workshop.save_answer(e, q, token, qid, value, comment or None)
    return tokens


def test_dashboard_figures_equal_a_recomputation_from_the_database(engine, mini) -> None:
    created, access = open_workshop(engine, mini)
    fill(
        engine,
        mini,
        created.join_code,
        {
            "care_director": [({"alpha.one": 1, "alpha.two": 2, "beta.one": 0}, "")] * 3,
            "director": [({"alpha.one": 4, "alpha.two": "dont_know", "beta.one": 3}, "")] * 2
            + [({"alpha.one": 3, "beta.warehouse": 2}, "")],
        },
    )
    board = workshop_results.dashboard(engine, mini, access, created.workshop_id)
    with store.reading(engine) as conn:
        rows = conn.execute(
            select(ws.participants.c.id, ws.answers.c.question_id, ws.answers.c.value).join(
                ws.answers, ws.answers.c.participant_id == ws.participants.c.id
            )
        ).all()
    for stats in board.questions:
        values = [r.value for r in rows if r.question_id == stats.question_id]
        levels = [int(v) for v in values if v.isdigit()]
        assert stats.distribution.levels == tuple(levels.count(n) for n in range(5))
        assert stats.distribution.dont_know == values.count("dont_know")
        assert stats.median == (statistics.median(levels) if levels else None)
    by_person: dict[int, dict[str, ws.AnswerValue]] = {}
    for r in rows:
        by_person.setdefault(r.id, {})[r.question_id] = ws.decode_value(r.value)
    for dim in board.dimensions:
        scores = []
        for values in by_person.values():  # weighted mean of levels × 25, dont_know as 0
            asked = [x for x in mini.dimension(dim.dimension_id).questions if x.id in values]
            if asked:
                levels = [values[x.id] if isinstance(values[x.id], int) else 0 for x in asked]
                total = sum(x.weight for x in asked)
                scores.append(
                    sum(x.weight * lv for x, lv in zip(asked, levels, strict=True)) / total * 25
                )
        assert dim.respondents == len(scores)
        assert dim.mean == pytest.approx(statistics.fmean(scores))
        assert dim.stdev == pytest.approx(statistics.pstdev(scores))
    assert len(board.participants) == 6 and board.participants[0].asked == {"alpha": 3, "beta": 2}
    assert [
        a.action for a in workshop_results.audit_trail(engine, access, created.workshop_id)
    ].count("dashboard_opened") == 1
    workshop_results.dashboard(engine, mini, access, created.workshop_id, record_view=False)
    assert [
        a.action for a in workshop_results.audit_trail(engine, access, created.workshop_id)
    ].count("dashboard_opened") == 1


def test_groups_under_the_threshold_stay_hidden_in_dashboard_and_exports(engine, mini) -> None:
    created, access = open_workshop(engine, mini, min_group=3)
    fill(
        engine,
        mini,
        created.join_code,
        {
            "care_director": [({"alpha.one": 1, "beta.one": 1}, "care says =1+1")] * 3,
            "director": [({"alpha.one": 3, "beta.one": 2}, "boss view")] * 3,
            "dpo": [({"alpha.one": 4, "beta.one": 4}, "SECRET-DPO")],
            "ciso": [({"alpha.one": 0, "beta.one": 0}, "SECRET-CISO")],
        },
    )
    board = workshop_results.dashboard(engine, mini, access, created.workshop_id)
    groups = {g.key: g for g in board.groups}
    assert groups["other_roles"].roles == ("dpo", "ciso") and not groups["other_roles"].shown
    assert groups["care_director"].shown and groups["director"].shown
    for dim in ("alpha", "beta"):
        cells = {c.group: c for c in board.divergence if c.dimension_id == dim}
        hidden = [c for c in cells.values() if c.mean is None]
        assert cells["other_roles"].mean is None
        # Complementary suppression: the hidden cells hold 0 or at least 3 people.
        assert sum(c.respondents for c in hidden) >= 3 and len(hidden) >= 2
    texts = {c.text for c in board.comments}
    assert texts == {"care says =1+1", "boss view"}
    exported = workshop_results.export_answers_csv(
        engine, mini, access, created.workshop_id, "en", include_comments=True
    ).decode("utf-8-sig")
    assert "SECRET" not in exported and "dpo" not in exported and "ciso" not in exported
    rows = list(csv.reader(io.StringIO(exported)))
    # The two hidden people plus the smallest shown group (3) are left out together: otherwise
    # the dashboard's whole-room distribution minus these rows would rebuild the hidden answers.
    assert {r[0] for r in rows[1:]} == {"director"} and len(rows) == 1 + 3 * 2
    assert "care says" not in exported


def test_with_three_small_roles_pooled_the_other_group_is_shown(engine, mini) -> None:
    created, access = open_workshop(engine, mini)
    fill(
        engine,
        mini,
        created.join_code,
        {
            "care_director": [({"alpha.one": 1}, "")] * 3,
            "dpo": [({"alpha.one": 2}, "=cmd|' /C calc'!A0")],
            "ciso": [({"alpha.one": 3}, "")],
            "hr": [({"alpha.one": 4}, "")],
        },
    )
    board = workshop_results.dashboard(engine, mini, access, created.workshop_id)
    cells = {c.group: c.mean for c in board.divergence if c.dimension_id == "alpha"}
    assert cells == {"care_director": 25.0, "other_roles": 75.0}
    exported = workshop_results.export_answers_csv(
        engine, mini, access, created.workshop_id, "fr", include_comments=True
    ).decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in exported and ";=cmd" not in exported  # formula-safe
    plain = workshop_results.export_answers_csv(engine, mini, access, created.workshop_id, "fr")
    assert b"calc" not in plain  # free text only on request
    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))
    assert sorted(r[1] for r in rows[1:]) == [f"P{n}" for n in range(1, 7)]
    assert {r[0] for r in rows[1:]} == {"care_director", "other_roles"}


def test_suppression_rule_hides_a_complement() -> None:
    hidden = workshop_stats.suppressed({"a": 5, "b": 3, "c": 1}, {"c"}, 3)
    assert hidden == {"b", "c"}
    assert workshop_stats.suppressed({"a": 5, "b": 3}, set(), 3) == set()


# --- consensus ------------------------------------------------------------------------------------


def test_default_proposal_is_the_lower_median_and_handles_dont_know() -> None:
    assert workshop_stats.proposal([1, 2, 4]) == 2
    assert workshop_stats.proposal([1, 2]) == 1
    assert workshop_stats.proposal([3, "dont_know"]) == 3
    assert workshop_stats.proposal(["dont_know", "dont_know", 3]) == "dont_know"
    assert workshop_stats.proposal(["not_applicable", "not_applicable", 1]) == "not_applicable"
    assert workshop_stats.proposal([]) is None


def test_consensus_is_scored_like_a_single_diagnostic(engine, mini) -> None:
    created, access = open_workshop(engine, mini)
    fill(
        engine,
        mini,
        created.join_code,
        {
            "director": [({"alpha.one": 0, "alpha.two": 2, "beta.one": 1}, "")],
            "cio": [({"alpha.one": 4, "alpha.two": 2, "beta.one": 2}, "")],
            "dpo": [({"alpha.one": 3, "alpha.two": 3, "beta.one": "dont_know"}, "")],
        },
    )
    items = {
        i.question_id: i
        for i in workshop_results.consensus_items(engine, mini, access, created.workshop_id)
    }
    assert (items["alpha.one"].proposal, items["alpha.two"].proposal) == (3, 2)
    assert items["beta.one"].proposal == 1
    found = workshop_results.disagreements(engine, mini, access, created.workshop_id)
    assert [d.question_id for d in found] == ["alpha.one"] and (found[0].low, found[0].high) == (
        0,
        4,
    )
    workshop_results.set_consensus(
        engine, mini, access, created.workshop_id, "alpha.one", 2, "=SUM(A1) on a pilot only"
    )
    workshop_results.set_consensus(engine, mini, access, created.workshop_id, "beta.one", 1, "")
    agreed = workshop_results.consensus_answers(engine, mini, access, created.workshop_id)
    assert dict(agreed.answers) == {"alpha.one": 2, "beta.one": 1}
    assert dict(agreed.profile) == PROFILE
    single = answers.Answers(mini.id, mini.version, PROFILE, {"alpha.one": 2, "beta.one": 1})
    assert score(mini, agreed) == score(mini, single)
    report = build_report(mini, agreed, {}, today=date(2026, 3, 2))
    assert report.scores.overall == score(mini, single).overall
    filled = workshop_results.consensus_answers(
        engine, mini, access, created.workshop_id, fill_with_proposals=True
    )
    assert dict(filled.answers) == {"alpha.one": 2, "alpha.two": 2, "beta.one": 1}
    exported = workshop_results.export_consensus(engine, mini, access, created.workshop_id)
    assert answers.read(exported, mini).answers == agreed.answers
    assert answers.read(exported, mini).comments == {"alpha.one": "=SUM(A1) on a pilot only"}
    trail = workshop_results.audit_trail(engine, access, created.workshop_id)
    assert next(e.detail for e in trail if e.action == "consensus_set") == {
        "question": "alpha.one",
        "value": 2,
    }
    assert [e.detail for e in trail if e.action == "exported"] == [{"format": "consensus"}]


# --- lifecycle ------------------------------------------------------------------------------------


def test_closing_makes_the_workshop_read_only(engine, mini) -> None:
    created, access = open_workshop(engine, mini)
    (token,) = people(engine, created.join_code, "dpo")
    workshop.save_answer(engine, mini, token, "alpha.one", 1)
    workshop_results.close_workshop(engine, access, created.workshop_id)
    with pytest.raises(WorkshopClosed) as err:
        workshop.save_answer(engine, mini, token, "alpha.one", 3)
    assert err.value.key == "workshop.closed"
    with pytest.raises(WorkshopClosed):
        workshop.join(engine, created.join_code, "cio")
    with pytest.raises(WorkshopClosed):
        workshop_results.set_consensus(engine, mini, access, created.workshop_id, "alpha.one", 1)
    assert dict(workshop.my_answers(engine, mini, token).answers) == {"alpha.one": 1}
    assert workshop.erase_my_answers(engine, token) == 1  # erasing stays possible
    assert workshop_results.dashboard(engine, mini, access, created.workshop_id).workshop.closed


def test_deleting_removes_everything_but_the_audit_entry(engine, mini) -> None:
    created, access = open_workshop(engine, mini)
    kept, _ = open_workshop(engine, mini)
    for code in (created.join_code, kept.join_code):
        (token,) = people(engine, code, "dpo")
        workshop.save_answer(engine, mini, token, "alpha.one", 1, "CANARY")
    workshop_results.set_consensus(engine, mini, access, created.workshop_id, "alpha.one", 1)
    with pytest.raises(AccessDenied):
        workshop.verify_key(engine, created.workshop_id, "WRONG", sleep=no_sleep)
    workshop_results.delete_workshop(engine, access, created.workshop_id)
    wid = created.workshop_id
    assert count(engine, ws.workshops, ws.workshops.c.id == wid) == 0
    assert count(engine, ws.participants, ws.participants.c.workshop_id == wid) == 0
    assert count(engine, ws.consensus, ws.consensus.c.workshop_id == wid) == 0
    attempts = key_throttle.key_attempts
    assert count(engine, attempts, attempts.c.workshop_id == wid) == 0
    assert count(engine, ws.answers) == 1 and count(engine, ws.participants) == 1  # the other one
    assert (
        count(
            engine,
            ws.audit_log,
            ws.audit_log.c.action == "deleted",
            ws.audit_log.c.workshop_id == wid,
        )
        == 1
    )
    with pytest.raises(AccessDenied):
        workshop_results.dashboard(engine, mini, access, wid)


def test_a_participant_erases_their_answers_or_leaves(engine, mini) -> None:
    created, _ = open_workshop(engine, mini)
    token, other = people(engine, created.join_code, "hr", "hr")
    for t in (token, other):
        workshop.save_answer(engine, mini, t, "alpha.one", 2)
        workshop.save_answer(engine, mini, t, "beta.one", 2)
    assert workshop.erase_my_answers(engine, token) == 2
    assert workshop.my_answers(engine, mini, token).answers == {}
    assert workshop.erase_my_answers(engine, token, leave=True) == 0
    with pytest.raises(InputError):
        workshop.resume(engine, mini, token)
    assert len(workshop.my_answers(engine, mini, other).answers) == 2


def test_purge_deletes_workshops_past_their_retention(engine, mini) -> None:
    old = workshop.create_workshop(
        engine,
        mini,
        title="Old",
        held_on=date(2026, 1, 5),
        profile=PROFILE,
        retention_days=30,
        now=datetime(2026, 1, 5, tzinfo=UTC),
    )
    young, _ = open_workshop(engine, mini, retention_days=365)
    people(engine, young.join_code, "cio")
    assert workshop_results.purge_expired(engine, now=datetime(2026, 2, 10, tzinfo=UTC)) == (
        old.workshop_id,
    )
    assert count(engine, ws.workshops) == 1
    assert count(engine, ws.audit_log, ws.audit_log.c.action == "purged") == 1
    # An expired workshop refuses its key even before the purge has run.
    with pytest.raises(AccessDenied):
        workshop.verify_key(
            engine,
            young.workshop_id,
            young.facilitator_key,
            now=datetime(2028, 1, 1, tzinfo=UTC),
            sleep=no_sleep,
        )


def test_creation_checks_its_settings(engine, mini) -> None:
    bad = [
        {"title": "  "},
        {"retention_days": 0},
        {"min_group": 2},
        {"expected_roles": ["mayor"]},
        {"profile": {"establishment_type": "castle"}},
    ]
    for change in bad:
        kwargs = {"title": "T", "held_on": date(2026, 3, 2), "profile": PROFILE} | change
        with pytest.raises(InputError):
            workshop.create_workshop(engine, mini, **kwargs)
    assert count(engine, ws.workshops) == 0


def test_audit_log_refuses_updates_and_deletes(engine, mini) -> None:
    open_workshop(engine, mini)
    for sql in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), store.writing(engine) as conn:
            conn.execute(text(sql))
    assert count(engine, ws.audit_log) == 2  # created, key_accepted


def test_expected_roles_not_yet_joined_are_listed(engine, mini) -> None:
    created, access = open_workshop(engine, mini, expected_roles=["dpo", "ciso", "director"])
    people(engine, created.join_code, "ciso")
    board = workshop_results.dashboard(engine, mini, access, created.workshop_id)
    assert board.missing_roles == ("dpo", "director")


# --- the store under load and faults (DB-01, DB-02, DB-03, DB-05) --------------------------------

SHIPPED_PROFILE = {"establishment_type": "chu", "ai_tools": ["imaging_ai", "consumer_genai"]}
THREADS, ANSWERS_EACH = 50, 40


def hammer(e: Engine, q) -> tuple[int, list[BaseException]]:
    """50 participants save 40 answers each at once, while 3 readers refresh the dashboard."""
    created, access = open_workshop(e, q, SHIPPED_PROFILE, max_participants=THREADS)
    tokens = people(e, created.join_code, *[ROLES[n % len(ROLES)] for n in range(THREADS)])
    profile = workshop.resume(e, q, tokens[0]).workshop.profile
    asked = [x for x in q.questions if is_asked(q.questions[x], Facts(profile=profile))]
    assert len(asked) >= ANSWERS_EACH
    errors: list[BaseException] = []
    done = threading.Event()
    start = threading.Barrier(THREADS + 3)

    def writer(n: int) -> None:
        start.wait()
        for i, qid in enumerate(asked[:ANSWERS_EACH]):
            try:
                workshop.save_answer(e, q, tokens[n], qid, (n + i) % 5)
            except Exception as exc:  # counted: any error here would reach a participant
                errors.append(exc)

    def reader() -> None:
        start.wait()
        while not done.is_set():
            workshop_results.dashboard(e, q, access, created.workshop_id, record_view=False)

    writers = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    readers = [threading.Thread(target=reader) for _ in range(3)]
    for t in writers + readers:
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in readers:
        t.join()
    return count(e, ws.answers), errors


def test_fifty_concurrent_participants_lose_nothing(db_url, questionnaire) -> None:
    e = store.make_engine(db_url)
    stored, errors = hammer(e, questionnaire)
    assert errors == [] and stored == THREADS * ANSWERS_EACH
    if db_url.startswith("sqlite"):
        with store.reading(e) as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    e.dispose()


def test_the_concurrency_test_catches_deferred_transactions(
    tmp_path, questionnaire, monkeypatch
) -> None:
    """DB-02: with plain BEGIN instead of BEGIN IMMEDIATE, the same load must produce errors."""

    @contextmanager
    def deferred(engine: Engine) -> Iterator[Connection]:
        with engine.connect().execution_options(immediate=False) as conn, conn.begin():
            yield conn

    monkeypatch.setattr(store, "writing", deferred)
    e = store.make_engine(f"sqlite:///{tmp_path / 'deferred.sqlite3'}")
    stored, errors = hammer(e, questionnaire)
    print(f"deferred transactions: {len(errors)} of {THREADS * ANSWERS_EACH} saves failed")
    assert errors and stored < THREADS * ANSWERS_EACH
    assert all(isinstance(exc, SaveFailed) for exc in errors)
    e.dispose()


WRITER = """
import random, sys
from diagnostic.content import loader as content
from diagnostic.workshop import store
from diagnostic.workshop import participant as workshop
url, mini, first, tokens = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
q = content.load(mini)
engine = store.make_engine(url)
questions = ["alpha.one", "alpha.two", "beta.one", "beta.warehouse"]
print("ready", flush=True)
sys.stdin.readline()  # wait for "go": the next writer starts up while this one is killed
seq = first
while True:
    seq += 1
    who, qid, value = random.randrange(len(tokens)), random.choice(questions), random.randint(0, 4)
    workshop.save_answer(engine, q, tokens[who], qid, value, f"seq {seq}")
    print(who, qid, value, seq, flush=True)  # acknowledged: printed only after the commit
"""
KILLS = 20


def test_a_writer_killed_twenty_times_loses_no_acknowledged_answer(tmp_path, mini) -> None:
    """DB-03 (20 kills): SIGKILL at random moments; every acknowledged answer survives."""
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    e = store.make_engine(url)
    created, _ = open_workshop(e, mini)
    tokens = people(e, created.join_code, "dpo", "cio", "hr")

    def spawn(run: int) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(MINI), str(run * 1_000_000), *tokens],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        return child

    acknowledged: dict[tuple[int, str], tuple[int, int]] = {}  # key → (seq, value)
    rng = random.Random(20)
    current = spawn(0)
    for run in range(1, KILLS + 1):
        upcoming = spawn(run) if run < KILLS else None
        assert current.stdin is not None
        current.stdin.write("go\n")
        current.stdin.flush()
        time.sleep(rng.uniform(0.05, 0.4))
        current.send_signal(signal.SIGKILL)
        output, errors = current.communicate()
        assert current.returncode == -signal.SIGKILL, errors
        for line in output.splitlines(keepends=True):
            if line.endswith("\n"):  # a line cut by the kill was never acknowledged
                who, qid, value, seq = line.split()
                acknowledged[(int(who), qid)] = (int(seq), int(value))
        if upcoming is None:
            break
        current = upcoming
    assert len(acknowledged) >= 6  # the writers did get work done between kills
    with store.reading(e) as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    for (who, qid), (seq, value) in acknowledged.items():
        state = workshop.my_answers(e, mini, tokens[who])
        stored_seq = int(state.comments[qid].split()[1])
        assert stored_seq >= seq  # the acknowledged value, or one written after it
        if stored_seq == seq:
            assert state.answers[qid] == value
    e.dispose()
