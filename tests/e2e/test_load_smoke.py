"""The load test's simulator against a real server, in small: nothing lost, reconnects resume.

Three simulated participants speak Streamlit's WebSocket protocol to a real ``streamlit run``
(started by ``perf.load`` on its own SQLite file): they join through the form, answer with
comments, and two of them lose their connection uncleanly mid-questionnaire, one coming back as
the open tab does (same session) and one by reopening its link after the server's session TTL
(cut to 2 s) has expired. Every answer the page acknowledged must then be in the store, equal;
and the comparison must see a loss when there is one. No browser needed; speed is not asserted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, select

from diagnostic.content import loader as content
from diagnostic.workshop import queries as ws
from perf import load
from perf.load_report import lost_answers
from perf.load_sim import Drop

pytestmark = pytest.mark.e2e

PLAN = replace(
    load.QUICK,
    waves=(3,),
    think_s=(0.01, 0.05),
    drop_think_s=(0.01, 0.05),
    comment_share=0.15,
    drops=(Drop("30s", 3, 0.5, "tab"), Drop("3min", 6, 2.5, "link")),
    budget_s=20,
    progress_every_s=60,
)


def test_simulated_participants_lose_nothing_and_resume_at_the_next_question(
    tmp_path: Path,
) -> None:
    out = load.execute(PLAN, work=tmp_path)

    assert [p.errors for p in out.people] == [[], [], []], load.Server(tmp_path, "").log_tail()
    dropped = [p for p in out.people if p.drop]
    assert [p.resumed_ok for p in dropped] == [True, True]
    # All went well past their drop, and comments were sent and acknowledged too.
    assert all(len(p.acknowledged) > 10 for p in out.people)
    assert any(comment for p in out.people for _, comment in p.acknowledged.values())
    assert out.lost == {p.index: [] for p in out.people}
    kinds = {s.kind for s in out.run.samples}
    assert {"load", "join", "answer", "comment", "reconnect"} <= kinds

    # The comparison sees a loss: remove one acknowledged answer from the store.
    db_url = f"sqlite:///{tmp_path / 'load.sqlite3'}"
    engine = create_engine(db_url)
    with engine.begin() as conn:
        row = conn.execute(select(ws.answers.c.participant_id, ws.answers.c.question_id)).first()
        assert row is not None
        conn.execute(
            delete(ws.answers).where(
                (ws.answers.c.participant_id == row.participant_id)
                & (ws.answers.c.question_id == row.question_id)
            )
        )
    engine.dispose()
    again = lost_answers(db_url, content.load_default(), out.people)
    assert sum(len(x) for x in again.values()) == 1
