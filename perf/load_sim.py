"""Simulated workshop participants: join through the UI, answer everything, drop and come back.

Each one is a :class:`~perf.stclient.StClient` driving the real participant page: it opens the
link the facilitator shares (``?view=join&w=<code>``), submits the join form with a role, then,
on each dimension's screen, thinks 3–10 s before each answer (the radio's change saves it), adds
a comment to some, and goes on with "next" until the last screen. An answer counts as
acknowledged only when its rerun finished with "✓ enregistré" under that question and no error
on the page: the store must then hold exactly that value and comment.

A participant with a :class:`Drop` loses its connection uncleanly after a number of answers and
comes back either as the still-open tab does (same Streamlit session, within the server's
session TTL) or by reopening its link ``?p=<token>`` (a new session); the page must then show the
dimension of the first unanswered question, that question empty, the earlier ones answered.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from diagnostic.content.facts import Facts
from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method.conditions import is_asked
from perf.stclient import ClientError, StClient

SAVED = message("ws.saved", "fr")
# Radio options in the order the page offers them (diagnostic.ui.wizard.options_for).
VALUES: list[int | str] = [0, 1, 2, 3, 4, "dont_know", "not_applicable"]
# Job roles of a hospital workshop, weighted the way such a room usually looks.
ROLE_WEIGHTS = {
    "care_director": 4, "medical_chair": 4, "quality": 3, "cio": 3, "director": 2, "dpo": 1,
    "ciso": 1, "hr": 1, "purchasing": 1, "consultant": 1, "other": 2,
}  # fmt: skip


@dataclass(frozen=True)
class Drop:
    """Lose the connection after ``after`` answers, stay away ``away_s``, come back by ``how``."""

    label: str  # "30s" or "3min": the results key it counts towards
    after: int
    away_s: float
    how: str  # "tab": same session id (the open tab reconnecting); "link": reopen ?p=<token>


@dataclass
class Sample:
    who: int
    kind: str  # load, join, answer, comment, next, reconnect
    sent_at: float  # seconds since the start of the run
    latency: float
    active: int


@dataclass
class Participant:
    index: int
    wave: int
    role: str
    browser: bool = False
    drop: Drop | None = None
    token: str | None = None
    acknowledged: dict[str, tuple[int | str, str | None]] = field(default_factory=dict)
    finished: bool = False
    resumed_ok: bool | None = None
    errors: list[str] = field(default_factory=list)
    present: bool = False
    client: StClient | None = field(default=None, repr=False)  # the tab in use, to close at the end


@dataclass
class Run:
    """What all participants share: the clock, the counters and every measurement."""

    q: Questionnaire
    url: str
    code: str
    think_s: tuple[float, float]
    comment_share: float
    deadline: float  # perf_counter value after which nobody starts another action
    rng: random.Random
    t0: float = field(default_factory=time.perf_counter)
    active: int = 0  # joined, not finished, not away
    open_sessions: int = 0
    samples: list[Sample] = field(default_factory=list)

    async def timed(self, who: Participant, kind: str, action: Awaitable[float]) -> float:
        """Await an action that returns its own latency; record it with the load at send time."""
        active, sent = self.active, time.perf_counter() - self.t0
        latency = await action
        self.samples.append(Sample(who.index, kind, sent, latency, active))
        return latency

    def asked(self) -> list[str]:
        from perf.load_server import PROFILE

        facts = Facts(profile=PROFILE)
        return [x.id for d in self.q.dimensions for x in d.questions if is_asked(x, facts)]


def pick_role(rng: random.Random) -> str:
    return rng.choices(list(ROLE_WEIGHTS), weights=list(ROLE_WEIGHTS.values()))[0]


def pick_value(rng: random.Random, options: int) -> int:
    """Index of a plausible answer: mostly a level, sometimes "don't know" or N/A if offered."""
    roll = rng.random()
    if roll < 0.08:
        return 5
    if roll < 0.12 and options > 6:
        return 6
    return rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])


def comment_text(rng: random.Random, who: int, qid: str) -> str:
    return f"Participant {who} : l'équipe « {qid} » doit vérifier — point n°{rng.randint(1, 99)}"


async def _think(run: Run, low: float, high: float) -> bool:
    """Wait like a person reading and choosing; False when the run's time is up."""
    await asyncio.sleep(run.rng.uniform(low, high))
    return time.perf_counter() < run.deadline


def _acknowledged(client: StClient, key: str) -> bool:
    return not client.page.errors and SAVED in client.page.texts_after(key, "wq:")


def set_present(run: Run, p: Participant, here: bool) -> None:
    """Count the participant in or out of the active ones (answering, connected)."""
    if here != p.present:
        run.active += 1 if here else -1
        p.present = here


async def join(run: Run, p: Participant) -> StClient:
    client = p.client = StClient(run.url, f"view=join&w={run.code}")
    await run.timed(p, "load", client.connect())
    run.open_sessions += 1
    await asyncio.sleep(run.rng.uniform(*run.think_s) / 2)  # picks a role; the code is filled in
    role_label = client.options("ws-role")[_role_index(run, p.role)]
    button = next(k for k in client.page.widgets if k.startswith("FormSubmitter:ws-join"))
    set_present(run, p, True)
    await run.timed(p, "join", client.submit_form(button, {"ws-role": role_label}))
    token = parse_qs(client.query_string).get("p", [None])[0]
    if not token or client.page.errors:
        raise ClientError(f"join failed: {client.page.errors or client.query_string}")
    p.token = token
    return client


def _role_index(run: Run, role: str) -> int:
    return [o.id for o in run.q.profile_by_id["respondent_role"].options].index(role)


def check_resume(run: Run, p: Participant, client: StClient) -> bool:
    """The page shows the first unanswered question, empty, after the answered ones, as saved."""
    pending = [x for x in run.asked() if x not in p.acknowledged]
    if not pending:
        return "ws-next" not in client.page.widgets
    key = f"wq:{pending[0]}"
    if key not in client.page.widgets or client.value(key) is not None:
        return False
    progress = message(
        "wizard.progress", "fr", answered=len(p.acknowledged), asked=len(run.asked())
    )
    if progress not in client.page.texts:
        return False
    for k in client.page.widgets:
        qid = k[3:]
        if k.startswith("wq:") and qid in p.acknowledged:
            options = client.options(k)
            if client.value(k) != options[VALUES.index(p.acknowledged[qid][0])]:
                return False
    return True


async def reconnect(run: Run, p: Participant, client: StClient) -> StClient:
    drop = p.drop
    assert drop is not None
    await client.drop()
    set_present(run, p, False)
    run.open_sessions -= 1
    await asyncio.sleep(drop.away_s)
    if drop.how == "tab":
        again, resume = client, client.session_id
    else:
        again, resume = StClient(run.url, f"p={p.token}"), None
        p.client = again
    await run.timed(p, "reconnect", again.connect(resume_session=resume))
    run.open_sessions += 1
    set_present(run, p, True)
    p.resumed_ok = check_resume(run, p, again)
    return again


async def answer_page(
    run: Run, p: Participant, client: StClient, think: tuple[float, float]
) -> StClient:
    """Answer every question of the current screen that is not acknowledged yet."""
    keys = [k for kind, k in client.page.items if kind == "widget" and k.startswith("wq:")]
    for key in keys:
        qid = key[3:]
        if qid in p.acknowledged:
            continue
        if not await _think(run, *think):
            return client
        choice = pick_value(run.rng, len(client.options(key)))
        label = client.options(key)[choice]
        await run.timed(p, "answer", client.set_string(key, label))
        if not _acknowledged(client, key):
            p.errors.append(f"{qid}: not acknowledged {client.page.errors}")
            continue
        p.acknowledged[qid] = (VALUES[choice], None)
        if run.rng.random() < run.comment_share:
            await asyncio.sleep(run.rng.uniform(1.0, 2.0) * think[0] / 3)
            text = comment_text(run.rng, p.index, qid)
            await run.timed(p, "comment", client.set_string(f"wc:{qid}", text))
            if _acknowledged(client, key):
                p.acknowledged[qid] = (VALUES[choice], text)
            else:
                p.errors.append(f"{qid}: comment not acknowledged {client.page.errors}")
        if p.drop and len(p.acknowledged) == p.drop.after and p.resumed_ok is None:
            client = await reconnect(run, p, client)
            return await answer_page(run, p, client, think)
    return client


async def simulate(run: Run, p: Participant, start_in: float, think: tuple[float, float]) -> None:
    """One participant from opening the link to the last screen (or the run's deadline)."""
    await asyncio.sleep(start_in)
    try:
        client = await join(run, p)
        while time.perf_counter() < run.deadline:
            client = await answer_page(run, p, client, think)
            if time.perf_counter() >= run.deadline:
                break
            if "ws-next" not in client.page.widgets:
                p.finished = len(p.acknowledged) == len(run.asked())
                break
            if not await _think(run, think[0] / 6, think[0] / 3):
                break
            await run.timed(p, "next", client.click("ws-next"))
    except (ClientError, OSError) as exc:
        p.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        set_present(run, p, False)
        if p.client is not None and p.client.connected:
            run.open_sessions -= 1
            await p.client.close()
