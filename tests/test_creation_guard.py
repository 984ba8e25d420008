"""Creating workshops: the operator's creation token, when set, and the per-client rate limit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from diagnostic.errors import InputError
from diagnostic.workshop import participant as workshop
from diagnostic.workshop import store
from diagnostic.workshop.access_tables import creations
from diagnostic.workshop.creation_guard import CreationRefused
from diagnostic.workshop.key_throttle import REFUSAL_FLOOR, Client
from diagnostic.workshop.queries import workshops

from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

PROFILE = {"establishment_type": "chu", "establishment_name": "CH de Test"}
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def create(engine, q, client: Client | None = None, **kwargs):
    kwargs.setdefault("now", NOW)
    return workshop.create_workshop(
        engine,
        q,
        title="Atelier",
        held_on=date(2026, 3, 2),
        profile=PROFILE,
        client=client,
        **kwargs,
    )


def count(engine) -> int:
    with store.reading(engine) as conn:
        return int(conn.scalar(select(func.count()).select_from(workshops)) or 0)


def test_creation_is_open_by_default(engine, mini, monkeypatch) -> None:
    monkeypatch.delenv("DIAGNOSTIC_CREATION_TOKEN", raising=False)
    create(engine, mini, Client("tab"))
    assert count(engine) == 1


def test_the_creation_token_is_required_when_set(engine, mini, monkeypatch) -> None:
    monkeypatch.setenv("DIAGNOSTIC_CREATION_TOKEN", "jeton-de-l-exploitant-42")
    attacker = Client("attacker-tab", "203.0.113.7")
    sleeps: list[float] = []
    for offered in (None, "", "jeton", "JETON-DE-L-EXPLOITANT-42", "jeton-de-l-exploitant-42x"):
        with pytest.raises(CreationRefused) as err:
            create(engine, mini, attacker, creation_token=offered, sleep=sleeps.append)
        assert (err.value.key, err.value.params) == ("creation.token_refused", {})
    assert count(engine) == 0
    # Guessing the token is throttled like guessing a key: floor, then a doubling delay.
    assert all(0 <= s <= REFUSAL_FLOOR for s in sleeps[0::2])
    assert sleeps[1::2] == [0.5, 1.0, 2.0, 4.0, 8.0]
    # The right token passes, at once, even for the client that guessed.
    right: list[float] = []
    created = create(
        engine, mini, attacker, creation_token=" jeton-de-l-exploitant-42 ", sleep=right.append
    )
    assert right == [] and created.workshop_id and count(engine) == 1


def test_creations_are_limited_per_client_and_hour(engine, mini, monkeypatch) -> None:
    monkeypatch.setenv("DIAGNOSTIC_WORKSHOPS_PER_HOUR", "3")
    tab = Client("tab-1", "198.51.100.9")
    for _ in range(3):
        create(engine, mini, tab)
    with pytest.raises(CreationRefused) as err:
        create(engine, mini, tab)
    assert (err.value.key, err.value.params) == ("creation.too_many", {"limit": 3})
    # A new tab from the same address is the same client; another address is not.
    with pytest.raises(CreationRefused):
        create(engine, mini, Client("tab-2", "198.51.100.9"))
    create(engine, mini, Client("tab-3", "192.0.2.1"))
    # An hour later the client may create again, and the old counts are gone.
    create(engine, mini, tab, now=NOW + timedelta(hours=1, seconds=1))
    assert count(engine) == 5
    with store.reading(engine) as conn:
        assert conn.scalar(select(func.count()).select_from(creations)) == 1


def test_the_default_limit_is_ten_and_zero_means_none(engine, mini, monkeypatch) -> None:
    monkeypatch.delenv("DIAGNOSTIC_WORKSHOPS_PER_HOUR", raising=False)
    tab = Client("tab")
    for _ in range(10):
        create(engine, mini, tab)
    with pytest.raises(CreationRefused):
        create(engine, mini, tab)
    monkeypatch.setenv("DIAGNOSTIC_WORKSHOPS_PER_HOUR", "0")
    create(engine, mini, tab)
    # Without a client (command line, operator scripts) nobody is counted twice.
    monkeypatch.setenv("DIAGNOSTIC_WORKSHOPS_PER_HOUR", "1")
    create(engine, mini)
    create(engine, mini)


@pytest.mark.parametrize("bad", ["dix", "-1", "2.5"])
def test_a_bad_rate_setting_is_explained(engine, mini, monkeypatch, bad) -> None:
    monkeypatch.setenv("DIAGNOSTIC_WORKSHOPS_PER_HOUR", bad)
    with pytest.raises(InputError) as err:
        create(engine, mini, Client("tab"))
    assert err.value.key == "creation.bad_rate_setting"
    assert err.value.params["value"] == bad
