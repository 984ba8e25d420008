"""An establishment's history: diagnostics kept by date, and what moved between two of them."""

from __future__ import annotations

from datetime import date

import pytest

from diagnostic.errors import InputError
from diagnostic.method.answers import Answers
from diagnostic.method.scoring import score
from diagnostic.workshop import history, history_access

from .pg import db_url_fixture, engine_fixture, postgres_server_fixture  # noqa: F401

PROFILE = {"establishment_type": "chu", "establishment_name": "CH de Saint-Étienne"}


def answers(mini, values: dict, comments: dict | None = None) -> Answers:
    return Answers(mini.id, mini.version, PROFILE, values, comments or {})


def test_diagnostics_are_listed_by_date_and_read_back(engine, mini) -> None:
    first = answers(mini, {"alpha.one": 1, "alpha.two": 1, "beta.one": 0})
    second = answers(
        mini, {"alpha.one": 3, "alpha.two": 1, "beta.one": 2}, {"alpha.one": "charte signée"}
    )
    # Saved out of order; the first save starts the history and issues its secret.
    access, secret, later = history.start_history(
        engine, "CH de Saint-Étienne", date(2027, 3, 1), "workshop", second
    )
    assert len(secret) >= 20
    earlier = history.save_diagnostic(engine, access, date(2026, 3, 1), "self", first)
    history.start_history(engine, "CHU Ailleurs", date(2026, 6, 1), "self", first)
    reopened = history_access.open_history(engine, secret)
    listed = history.list_diagnostics(engine, reopened)
    assert [(d.id, d.held_on, d.source) for d in listed] == [
        (earlier.id, date(2026, 3, 1), "self"),
        (later.id, date(2027, 3, 1), "workshop"),
    ]
    assert {d.establishment for d in listed} == {"ch-de-saint-etienne"}
    loaded = history.load_diagnostic(engine, reopened, mini, later.id)
    assert (loaded.answers, loaded.comments) == (second.answers, second.comments)
    assert history.delete_diagnostic(engine, earlier.id)
    assert not history.delete_diagnostic(engine, earlier.id)
    assert [d.id for d in history.list_diagnostics(engine, access)] == [later.id]
    with pytest.raises(InputError):
        history.load_diagnostic(engine, access, mini, earlier.id)


def test_compare_shows_the_change_per_dimension_and_the_answers_that_moved(mini) -> None:
    old = answers(mini, {"alpha.one": 1, "alpha.two": 1, "beta.one": 0})
    new = answers(
        mini,
        {"alpha.one": 3, "alpha.two": 1, "beta.one": 0, "beta.warehouse": "dont_know"},
        {"alpha.one": "charte signée en CME"},
    )
    result = history.compare(old, new, mini)
    alpha = next(d for d in result.dimensions if d.dimension_id == "alpha")
    assert alpha.old == score(mini, old).dimension("alpha").score
    assert alpha.delta == pytest.approx(
        score(mini, new).dimension("alpha").score - score(mini, old).dimension("alpha").score
    )
    assert alpha.delta > 0
    assert [(c.question_id, c.old, c.new, c.why) for c in result.changes] == [
        ("alpha.one", 1, 3, "charte signée en CME"),
        ("beta.warehouse", None, "dont_know", ""),
    ]
    assert [c.question_id for c in result.changes_in("beta")] == ["beta.warehouse"]
    assert result.overall_new is not None and result.overall_old is not None
    assert result.profile_changes == ()


def test_establishment_keys_and_sources_are_checked(engine, mini) -> None:
    assert history.establishment_key("  Clinique  l'Œillet (Lyon) ") == "clinique-l-oeillet-lyon"
    for bad in ("", "  ", "!!!"):
        with pytest.raises(InputError):
            history.establishment_key(bad)
    with pytest.raises(InputError):
        history.start_history(engine, "CH", date(2026, 1, 1), "guess", answers(mini, {}))  # type: ignore[arg-type]
