"""An attacker against the facilitator key: guessing, locking the facilitator out, telling ids
apart by the answer or its timing; and the operator's unlock and key rotation."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from diagnostic.errors import InputError
from diagnostic.workshop import admin as workshop_admin
from diagnostic.workshop import key_throttle, store
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import results as workshop_results
from diagnostic.workshop.access import AccessDenied
from diagnostic.workshop.audit import audit_log
from diagnostic.workshop.key_throttle import Client
from diagnostic.workshop.queries import workshops

from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

PROFILE = {"establishment_type": "chu", "establishment_name": "CH de Test"}
ATTACKER = Client("attacker-tab", "203.0.113.7")
FACILITATOR = Client("facilitator-tab", "198.51.100.2")


def no_sleep(_: float) -> None:
    pass


def create(e: Engine, q, held_on: date = date(2026, 3, 2)) -> workshop.CreatedWorkshop:
    return workshop.create_workshop(e, q, title="Atelier", held_on=held_on, profile=PROFILE)


def guess(e: Engine, wid: str, client: Client, delays: list[float] | None = None) -> None:
    sleep = delays.append if delays is not None else no_sleep
    with pytest.raises(AccessDenied) as err:
        workshop.verify_key(e, wid, "AAAA-BBBB-CCCC-DDDD-EEEE", client=client, sleep=sleep)
    assert err.value.key == "workshop.access_denied"


def actions(e: Engine, wid: str) -> list[str]:
    with store.reading(e) as conn:
        return list(
            conn.scalars(
                select(audit_log.c.action)
                .where(audit_log.c.workshop_id == wid)
                .order_by(audit_log.c.id)
            )
        )


def test_the_correct_key_is_accepted_during_a_guessing_attack(engine, mini) -> None:
    created = create(engine, mini)
    delays: list[float] = []
    for _ in range(30):  # far beyond the old lock (5 failures)
        guess(engine, created.workshop_id, ATTACKER, delays)
    # The guesser is slowed: each refusal waits the floor, then a doubling delay, capped.
    waits = delays[1::2]
    assert waits[:5] == [0.5, 1.0, 2.0, 4.0, 8.0] and set(waits[5:]) == {key_throttle.MAX_DELAY}
    # The facilitator, on another client, gets in at once, and so does anyone holding the key.
    slept: list[float] = []
    for client in (FACILITATOR, Client("colleague-tab", ATTACKER.address), ATTACKER):
        access = workshop.verify_key(
            engine, created.workshop_id, created.facilitator_key, client=client, sleep=slept.append
        )
        assert access.workshop_id == created.workshop_id
    assert slept == []  # no delay at all for a correct key
    # A new tab does not reset the guesser's delay: its address is still charged.
    fresh_tab: list[float] = []
    guess(engine, created.workshop_id, Client("attacker-new-tab", ATTACKER.address), fresh_tab)
    assert fresh_tab[1] == key_throttle.MAX_DELAY
    # The trace is kept without one row per guess: 1, 2, 4, 8, 16 failures.
    assert actions(engine, created.workshop_id).count("key_refused") == 5


def test_every_refusal_reads_the_same(engine, mini) -> None:
    created = create(engine, mini)
    expired = create(engine, mini, held_on=date(2020, 1, 1))
    with store.writing(engine) as conn:  # retention over: past its expiry date
        conn.execute(
            workshops.update()
            .where(workshops.c.id == expired.workshop_id)
            .values(expires_at="2020-02-01T00:00:00+00:00")
        )
    throttled = Client("throttled", "192.0.2.1")
    for _ in range(8):
        guess(engine, created.workshop_id, throttled)
    attempts = [
        ("no-such-workshop", created.facilitator_key, Client("a")),
        (created.workshop_id, "WRONG-KEY", Client("b")),
        (expired.workshop_id, expired.facilitator_key, Client("c")),
        ("x" * 500, "", Client("d")),
        (created.workshop_id, "WRONG-KEY", throttled),
        ("no-such-workshop", "WRONG-KEY", throttled),
    ]
    texts = set()
    for wid, key, client in attempts:
        with pytest.raises(AccessDenied) as err:
            workshop.verify_key(engine, wid, key, client=client, sleep=no_sleep)
        assert type(err.value) is AccessDenied
        texts |= {(err.value.render("fr"), err.value.render("en"))}
    assert len(texts) == 1


def test_refusals_take_the_same_time_whether_or_not_the_workshop_exists(
    engine, mini, monkeypatch
) -> None:
    """Real sleeps, small delays (the floor itself is the shipped one); medians of 4 tries."""
    monkeypatch.setattr(key_throttle, "BASE_DELAY", 0.02)
    monkeypatch.setattr(key_throttle, "MAX_DELAY", 0.08)
    created = create(engine, mini)
    for _ in range(6):
        guess(engine, created.workshop_id, Client("heavy", "192.0.2.9"))
    kinds = {
        "unknown id": lambda n: ("no-such-workshop", Client(f"u{n}")),
        "wrong key": lambda n: (created.workshop_id, Client(f"w{n}")),
        "throttled, unknown id": lambda n: ("no-such-workshop", Client(f"h{n}", "192.0.2.9")),
        "throttled, wrong key": lambda n: (created.workshop_id, Client(f"k{n}", "192.0.2.9")),
    }
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for n in range(4):
        for kind, attempt in kinds.items():
            wid, client = attempt(n)
            start = time.monotonic()
            with pytest.raises(AccessDenied):
                workshop.verify_key(engine, wid, "WRONG", client=client)
            times[kind].append(time.monotonic() - start)
    medians = {kind: statistics.median(t) for kind, t in times.items()}
    assert min(medians.values()) >= key_throttle.REFUSAL_FLOOR
    # Same client state, same time: existing or not, the difference is noise (< 0.1 s).
    assert abs(medians["unknown id"] - medians["wrong key"]) < 0.1, medians
    assert abs(medians["throttled, unknown id"] - medians["throttled, wrong key"]) < 0.1, medians


def test_rotating_the_key_retires_the_old_key_and_its_accesses(engine, mini) -> None:
    created = create(engine, mini)
    old_access = workshop.verify_key(engine, created.workshop_id, created.facilitator_key)
    new_key = workshop_admin.rotate_key(engine, created.workshop_id)
    assert new_key != created.facilitator_key
    with pytest.raises(AccessDenied):
        workshop.verify_key(engine, created.workshop_id, created.facilitator_key, sleep=no_sleep)
    with pytest.raises(AccessDenied):  # granted for the old key: no longer good
        workshop_results.dashboard(engine, mini, old_access, created.workshop_id)
    access = workshop.verify_key(engine, created.workshop_id, new_key)
    assert workshop_results.dashboard(engine, mini, access, created.workshop_id)
    assert "key_rotated" in actions(engine, created.workshop_id)


def test_unlock_forgets_the_guessers_delays(engine, mini) -> None:
    created = create(engine, mini)
    for _ in range(5):
        guess(engine, created.workshop_id, ATTACKER)
    delays: list[float] = []
    guess(engine, created.workshop_id, ATTACKER, delays)
    assert delays[1] == key_throttle.MAX_DELAY
    assert workshop_admin.unlock(engine, created.workshop_id) == 6
    delays.clear()
    guess(engine, created.workshop_id, ATTACKER, delays)
    assert delays[1] == key_throttle.BASE_DELAY
    assert "throttle_cleared" in actions(engine, created.workshop_id)
    with pytest.raises(InputError) as err:
        workshop_admin.unlock(engine, "nope")
    assert err.value.key == "workshop.no_such_id"


def test_old_failures_age_out(engine, mini) -> None:
    created = create(engine, mini)
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    for minute in range(4):
        with pytest.raises(AccessDenied):
            workshop.verify_key(
                engine,
                created.workshop_id,
                "WRONG",
                client=ATTACKER,
                now=t0 + timedelta(minutes=minute),
                sleep=no_sleep,
            )
    later: list[float] = []
    with pytest.raises(AccessDenied):
        workshop.verify_key(
            engine,
            created.workshop_id,
            "WRONG",
            client=ATTACKER,
            now=t0 + key_throttle.WINDOW + timedelta(minutes=5),
            sleep=later.append,
        )
    assert later[1] == key_throttle.BASE_DELAY


def test_operator_commands(tmp_path, mini) -> None:
    from diagnostic.content import loader as content

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = store.make_engine(url)
    created = workshop.create_workshop(
        engine, content.load_default(), title="Atelier", held_on=date(2026, 3, 2), profile=PROFILE
    )
    del mini

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diagnostic", "workshop", *args, "--database", url],
            capture_output=True,
            text=True,
            timeout=120,
        )

    rotated = run("rotate-key", created.workshop_id)
    assert rotated.returncode == 0, rotated.stderr
    new_key = rotated.stdout.split()[-1]
    assert workshop.verify_key(engine, created.workshop_id, new_key)
    with pytest.raises(AccessDenied):
        workshop.verify_key(engine, created.workshop_id, created.facilitator_key, sleep=no_sleep)
    unlocked = run("unlock", created.workshop_id)
    assert unlocked.returncode == 0 and "1" in unlocked.stdout, unlocked.stderr
    missing = run("unlock", "no-such-id")
    assert missing.returncode == 2 and "no-such-id" in missing.stderr


def test_the_client_address_is_the_one_the_proxy_saw() -> None:
    assert key_throttle.client_address("203.0.113.7", ["10.0.0.1"]) == "203.0.113.7"
    # Behind nginx on loopback: the last X-Forwarded-For entry, the one nginx appended. What the
    # client put before it is ignored (it could name anyone, to dodge its own delays).
    assert key_throttle.client_address("127.0.0.1", ["1.2.3.4, 203.0.113.7"]) == "203.0.113.7"
    assert key_throttle.client_address(None, ["9.9.9.9", "198.51.100.2"]) == "198.51.100.2"
    assert key_throttle.client_address(None, []) is None  # a browser on the server itself
