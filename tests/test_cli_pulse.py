"""``diagnostic pulse results``: the key on stdin, hidden results, then disclosed groups only."""

from __future__ import annotations

import io
from datetime import date

import pytest

from diagnostic import cli
from diagnostic.workshop import pulse as pulses
from diagnostic.workshop import store

from .test_pulse_store import ANSWER


def _open(url: str, q, answers: int) -> tuple[str, str]:
    engine = store.make_engine(url)
    info, key = pulses.create(engine, "Baromètre CLI", date.today(), date.today(), q.id)
    for i in range(answers):
        pulses.submit(engine, q.pulse, info.join_code, ANSWER, f"m{i}", date.today())
    engine.dispose()
    return info.id, key


def _run(monkeypatch, capsys, *argv: str, stdin: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_results_with_the_key_on_stdin(tmp_path, monkeypatch, capsys, questionnaire) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    ident, key = _open(url, questionnaire, 5)
    code, out, _ = _run(
        monkeypatch, capsys, "pulse", "results", ident, "--database", url, stdin=key + "\n"
    )
    assert code == 0
    assert "Baromètre CLI" in out and "n=5" in out
    assert "Ensemble (n = 5)" in out and "Soignante et rééducation (n = 5)" in out
    assert "Baromètre national" in out and "n = 1\u202f051" in out


def test_hidden_results_and_a_wrong_key(tmp_path, monkeypatch, capsys, questionnaire) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    ident, key = _open(url, questionnaire, 2)
    code, out, _ = _run(
        monkeypatch, capsys, "pulse", "results", ident, "--database", url, stdin=key
    )
    assert code == 0 and "restent cachés" in out and "(n =" not in out
    monkeypatch.setattr("diagnostic.workshop.pulse.time.sleep", lambda _: None)
    code, out, err = _run(
        monkeypatch, capsys, "pulse", "results", ident, "--database", url, stdin="AAAA-BBBB\n"
    )
    assert code == 2 and "Clé refusée" in err and not out
    code, _, err = _run(
        monkeypatch, capsys, "pulse", "results", ident, "--database", url, "--answers",
        str(tmp_path / "missing.json"), stdin=key,
    )  # fmt: skip
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize("stdin", ["", "\n"])
def test_no_key_is_refused(tmp_path, monkeypatch, capsys, stdin) -> None:
    code, _, err = _run(monkeypatch, capsys, "pulse", "results", "x", stdin=stdin)
    assert code == 2 and "Clé refusée" in err
