"""An attacker against establishment histories: reading or extending one without its secret (by a
name that folds to the same key, by a forged access), guessing the secret, telling refusals apart;
and the owner, who is never locked out, and the operator, who hands old histories a secret."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from diagnostic.errors import InputError
from diagnostic.method.answers import Answers, dump
from diagnostic.workshop import history, history_access, store
from diagnostic.workshop.access_tables import histories
from diagnostic.workshop.history_access import HistoryAccess, HistoryDenied
from diagnostic.workshop.key_throttle import REFUSAL_FLOOR, Client
from diagnostic.workshop.queries import diagnostics

from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

ATTACKER = Client("attacker-tab", "203.0.113.7")
OWNER = Client("owner-tab", "198.51.100.2")


def answers(mini, name: str | None, values: dict | None = None) -> Answers:
    profile = {"establishment_type": "chu"}
    if name is not None:
        profile["establishment_name"] = name
    values = values if values is not None else {"alpha.one": 3, "alpha.two": 2, "beta.one": 1}
    return Answers(mini.id, mini.version, profile, values, {"alpha.one": "commentaire secret"})


def beta(engine: Engine, mini) -> tuple[HistoryAccess, str, history.DiagnosticEntry]:
    return history.start_history(
        engine, "CH Beta", date(2026, 3, 1), "self", answers(mini, "CH Beta")
    )


def refused(engine: Engine, secret: str, client: Client, sleeps: list[float]) -> str:
    with pytest.raises(HistoryDenied) as err:
        history_access.open_history(engine, secret, client=client, sleep=sleeps.append)
    return f"{err.value.key}|{err.value.params}"


def test_a_name_folding_to_the_same_key_gets_nothing(engine, mini) -> None:
    victim, _, entry = beta(engine, mini)
    # The attacker's workshop names "ch  BÉTA": it starts a history of its own, empty of Beta's.
    mine, _, own = history.start_history(
        engine, "ch  BÉTA", date(2026, 4, 1), "workshop", answers(mini, "ch  BÉTA", {})
    )
    assert mine.establishment == victim.establishment == "ch-beta"
    assert mine.history_id != victim.history_id
    assert [d.id for d in history.list_diagnostics(engine, mine)] == [own.id]
    with pytest.raises(InputError):  # Beta's entry id, through the attacker's own history
        history.load_diagnostic(engine, mine, mini, entry.id)
    # Nor can anything be added to Beta's history through the attacker's access.
    history.save_diagnostic(engine, mine, date(2026, 5, 1), "self", answers(mini, "CH Beta"))
    assert [d.id for d in history.list_diagnostics(engine, victim)] == [entry.id]


def test_forged_or_altered_accesses_are_refused(engine, mini) -> None:
    victim, _, entry = beta(engine, mini)
    mine, _, _ = history.start_history(
        engine, "Autre", date(2026, 4, 1), "self", answers(mini, "Autre")
    )
    forged = [
        HistoryAccess(victim.history_id, "ch-beta", "CH Beta", "0" * 64),
        dataclasses.replace(mine, history_id=victim.history_id),
        dataclasses.replace(mine, establishment="ch-beta"),
        {"history_id": victim.history_id},
        None,
    ]
    for fake in forged:
        for attempt in (
            lambda f=fake: history.list_diagnostics(engine, f),
            lambda f=fake: history.load_diagnostic(engine, f, mini, entry.id),
            lambda f=fake: history.save_diagnostic(
                engine, f, date(2026, 5, 1), "self", answers(mini, "CH Beta")
            ),
        ):
            with pytest.raises(HistoryDenied):
                attempt()
    assert [d.id for d in history.list_diagnostics(engine, victim)] == [entry.id]


def test_wrong_secrets_are_throttled_with_one_uniform_refusal(engine, mini) -> None:
    _, secret, _ = beta(engine, mini)
    sleeps: list[float] = []
    wrong = ["", "x", secret[:-1], secret + "x", secret.upper(), "AAAA-BBBB-CCCC-DDDD-EEEE"]
    answers_seen = {refused(engine, guess, ATTACKER, sleeps) for guess in wrong * 2}
    assert answers_seen == {"history.access_denied|{}"}
    # Each refusal: the floor (minus the time already spent), then the client's delay doubling.
    floors, delays = sleeps[0::2], sleeps[1::2]
    assert all(0 <= f <= REFUSAL_FLOOR for f in floors)
    assert delays[:5] == [0.5, 1.0, 2.0, 4.0, 8.0] and set(delays[5:]) == {8.0}
    # A new tab from the same address is not a fresh start.
    later: list[float] = []
    refused(engine, "y", Client("new-tab", ATTACKER.address), later)
    assert later[1] == 8.0


def test_the_correct_secret_is_accepted_during_a_guessing_attack(engine, mini) -> None:
    _, secret, entry = beta(engine, mini)
    for _ in range(30):
        refused(engine, "guess", ATTACKER, [])
    for who in (OWNER, ATTACKER):  # not even the guesser's own client is kept out
        sleeps: list[float] = []
        opened = history_access.open_history(
            engine, " " + secret + " ", client=who, sleep=sleeps.append
        )
        assert sleeps == []
        assert [d.id for d in history.list_diagnostics(engine, opened)] == [entry.id]


def test_the_secret_is_kept_only_as_a_hash(tmp_path: Path, mini) -> None:
    db = tmp_path / "h.sqlite3"
    engine = store.make_engine(f"sqlite:///{db}")
    _, secret, _ = beta(engine, mini)
    assert len(secret) >= 20  # 120 bits of token_urlsafe
    with store.reading(engine) as conn:
        stored = conn.scalar(select(histories.c.secret_hash))
    assert stored == hashlib.sha256(secret.encode()).hexdigest()
    store.scrub(engine)
    engine.dispose()
    for path in tmp_path.iterdir():
        assert secret.encode() not in path.read_bytes(), path.name


def test_an_import_naming_another_establishment_needs_confirmation(engine, mini) -> None:
    access, _, _ = beta(engine, mini)
    tilleuls = answers(mini, "EHPAD Les Tilleuls")
    assert history.import_needs_confirmation(access, tilleuls) == ("CH Beta", "EHPAD Les Tilleuls")
    assert history.import_needs_confirmation(access, answers(mini, None)) == ("CH Beta", "")
    assert history.import_needs_confirmation(access, answers(mini, "!!!")) == ("CH Beta", "!!!")
    assert history.import_needs_confirmation(access, answers(mini, "ch  BÉTA ")) is None
    with pytest.raises(HistoryDenied):
        history.import_needs_confirmation(dataclasses.replace(access, proof="x"), tilleuls)


def test_operator_claims_a_history_saved_before_secrets(engine, mini) -> None:
    # A diagnostic stored the old way, by name alone: no history reaches it until claimed.
    document = dump(answers(mini, "CH Gamma")).decode()
    with store.writing(engine) as conn:
        conn.execute(
            diagnostics.insert().values(
                establishment="ch-gamma",
                held_on="2025-03-01",
                source="self",
                questionnaire_id=mini.id,
                questionnaire_version=mini.version,
                document=document,
                saved_at="2025-03-01T10:00:00+00:00",
            )
        )
    beta(engine, mini)  # claimed already: not listed
    assert history_access.unclaimed(engine) == (("ch-gamma", 1),)
    count, secret = history_access.claim(engine, "ch-gamma")
    assert count == 1 and history_access.unclaimed(engine) == ()
    opened = history_access.open_history(engine, secret)
    [entry] = history.list_diagnostics(engine, opened)
    assert history.load_diagnostic(engine, opened, mini, entry.id).answers["alpha.one"] == 3
    with pytest.raises(InputError) as err:
        history_access.claim(engine, "ch-gamma")
    assert err.value.key == "history.nothing_to_claim"


def test_a_workshop_consensus_is_checked_against_the_workshop_name(engine, mini) -> None:
    access, _, _ = beta(engine, mini)
    consensus = answers(mini, None)
    assert history.import_needs_confirmation(access, consensus, "ch beta") is None
    assert history.import_needs_confirmation(access, consensus, "CH Gamma") == (
        "CH Beta",
        "CH Gamma",
    )


def test_operator_history_commands(tmp_path: Path, mini) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = store.make_engine(url)
    with store.writing(engine) as conn:
        conn.execute(
            diagnostics.insert().values(
                establishment="ch-delta",
                held_on="2025-03-01",
                source="self",
                questionnaire_id=mini.id,
                questionnaire_version=mini.version,
                document=dump(answers(mini, "CH Delta")).decode(),
                saved_at="2025-03-01T10:00:00+00:00",
            )
        )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diagnostic", "history", *args, "--database", url],
            capture_output=True,
            text=True,
            timeout=120,
        )

    listed = run("unclaimed")
    assert listed.returncode == 0 and "ch-delta\t1 diagnostic(s)" in listed.stdout, listed.stderr
    claimed = run("claim", "ch-delta")
    assert claimed.returncode == 0, claimed.stderr
    opened = history_access.open_history(engine, claimed.stdout.split()[-1])
    assert len(history.list_diagnostics(engine, opened)) == 1
    again = run("claim", "ch-delta")
    assert again.returncode == 2 and "ch-delta" in again.stderr and "Traceback" not in again.stderr
    assert run("claim").returncode == 2
    assert "every stored diagnostic" in run("unclaimed").stdout


def test_a_database_from_before_history_codes_is_upgraded(db_url, monkeypatch, mini) -> None:
    from diagnostic.workshop import participant as workshop

    with monkeypatch.context() as m:  # the previous release: migrations 1 to 3
        m.setattr(store, "MIGRATIONS", {v: f for v, f in store.MIGRATIONS.items() if v < 4})
        old = store.make_engine(db_url)
        with store.writing(old) as conn:
            conn.execute(
                diagnostics.insert().values(
                    establishment="ch-beta",
                    held_on="2025-03-01",
                    source="workshop",
                    questionnaire_id=mini.id,
                    questionnaire_version=mini.version,
                    document=dump(answers(mini, "CH Beta")).decode(),
                    saved_at="2025-03-01T10:00:00+00:00",
                )
            )
        old.dispose()
    engine = store.make_engine(db_url)  # migrations 4 and 5
    # The old entry is out of reach of a new "CH Beta" history, until an operator claims it.
    mine, _, _ = beta(engine, mini)
    assert len(history.list_diagnostics(engine, mine)) == 1
    assert history_access.unclaimed(engine) == (("ch-beta", 1),)
    workshop.create_workshop(
        engine, mini, title="A", held_on=date(2026, 3, 2), profile={}, client=OWNER
    )
    engine.dispose()


def test_rotating_a_history_code_ends_the_old_code_and_its_accesses(tmp_path: Path, mini) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'rotate.sqlite3'}"
    engine = store.make_engine(url)
    access, old_secret, entry = beta(engine, mini)
    history.start_history(engine, "Autre", date(2026, 4, 1), "self", answers(mini, "Autre"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diagnostic", "history", *args, "--database", url],
            capture_output=True,
            text=True,
            timeout=120,
        )

    listed = run("list")
    assert listed.returncode == 0, listed.stderr
    assert f"{access.history_id}\tch-beta\t1 diagnostic(s)" in listed.stdout
    assert old_secret not in listed.stdout and "CH Beta" not in listed.stdout
    rotated = run("rotate", str(access.history_id))
    assert rotated.returncode == 0, rotated.stderr
    new_secret = rotated.stdout.split()[-1]
    # The old code, and the access it opened in a running app, stop working at once.
    with pytest.raises(HistoryDenied):
        history_access.open_history(engine, old_secret, sleep=lambda _: None)
    for attempt in (
        lambda: history.list_diagnostics(engine, access),
        lambda: history.load_diagnostic(engine, access, mini, entry.id),
        lambda: history.save_diagnostic(
            engine, access, date(2026, 5, 1), "self", answers(mini, "CH Beta")
        ),
    ):
        with pytest.raises(HistoryDenied):
            attempt()
    opened = history_access.open_history(engine, new_secret)
    assert [d.id for d in history.list_diagnostics(engine, opened)] == [entry.id]
    missing = run("rotate", "999")
    assert missing.returncode == 2 and "999" in missing.stderr and "Traceback" not in missing.stderr
    assert run("rotate", "abc").returncode == 2
