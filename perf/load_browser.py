"""Real Chromium participants on phone-sized screens, answering alongside the simulated ones.

They check what the protocol-level simulator cannot: that a real browser still gets an
interactive page, and how long that takes, while the server is busy. Each opens the shared link,
waits until the join form is usable (its time to interactive), joins with a role and answers the
first questions with the same think time, tapping the level's label as a person does. A tap is
timed from the click to the end of the rerun it caused, counted by the server's ``script_finished``
messages (the counter the browser tests install, ``tests/e2e/conftest.py``).
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any
from urllib.parse import parse_qs, urlparse

from diagnostic.content.facts import Facts
from diagnostic.method.conditions import is_asked
from perf.load_sim import SAVED, VALUES, Participant, Run, pick_value, set_present
from tests.e2e.conftest import CHROMIUM_ARGS, NOT_RUNNING, RUN_COUNTER_JS

CHROMIUM = "/usr/bin/chromium"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TIMEOUT_MS = 120_000  # generous: the server may be far past its knee


async def _runs(page: Any) -> int:
    return int(await page.evaluate("window.__stFinishedRuns || 0"))


async def _rerun(page: Any, action: Any) -> float:
    """Do ``action`` and wait until the rerun it caused has finished; its seconds."""
    before = await _runs(page)
    start = time.perf_counter()
    await action()
    await page.wait_for_function(
        "n => (window.__stFinishedRuns || 0) > n", arg=before, timeout=TIMEOUT_MS
    )
    await page.wait_for_selector(NOT_RUNNING, timeout=TIMEOUT_MS)
    return time.perf_counter() - start


async def _open(page: Any, url: str) -> float:
    """Load the page until the join form is usable: the time to interactive."""
    start = time.perf_counter()
    await page.goto(url)
    await page.wait_for_function("() => (window.__stFinishedRuns || 0) > 0", timeout=TIMEOUT_MS)
    await page.wait_for_selector(NOT_RUNNING, timeout=TIMEOUT_MS)
    await page.get_by_role("button", name="Rejoindre", exact=True).wait_for()
    return time.perf_counter() - start


async def _choose_role(page: Any, run: Run, role: str) -> None:
    label = next(
        o.label.get("fr") for o in run.q.profile_by_id["respondent_role"].options if o.id == role
    )
    combo = page.get_by_test_id("stSelectbox").get_by_role("combobox")
    await combo.click(delay=80)
    listbox = page.get_by_role("listbox")
    try:
        await listbox.wait_for(state="visible", timeout=2_000)
    except Exception:  # a quick tap can open and close it: the keyboard opens it for sure
        await combo.press("ArrowDown")
        await listbox.wait_for(state="visible", timeout=TIMEOUT_MS)
    await listbox.get_by_role("option", name=label, exact=True).click()


async def browse(
    run: Run, p: Participant, browser: Any, start_in: float, answers: int, tti: list[float]
) -> None:
    """One phone: open the link, join, answer ``answers`` questions; never raises."""
    await asyncio.sleep(start_in)
    context = await browser.new_context(locale="fr-FR", **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    await context.add_init_script(RUN_COUNTER_JS)
    opened = False
    try:
        page = await context.new_page()
        tti.append(await run.timed(p, "load", _open(page, f"{run.url}/?view=join&w={run.code}")))
        run.open_sessions, opened = run.open_sessions + 1, True
        await asyncio.sleep(run.rng.uniform(*run.think_s) / 2)
        await _choose_role(page, run, p.role)
        join = page.get_by_role("button", name="Rejoindre", exact=True)
        set_present(run, p, True)
        await run.timed(p, "join", _rerun(page, join.click))
        p.token = parse_qs(urlparse(page.url).query).get("p", [None])[0]
        if not p.token:
            raise RuntimeError(f"no token in {page.url}")
        await _answer(run, p, page, answers)
        p.finished = True
    except Exception as exc:  # reported with the run's errors, never fatal to the others
        p.errors.append(f"browser: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        set_present(run, p, False)
        run.open_sessions -= 1 if opened else 0
        await context.close()


async def _dimension(page: Any) -> int:
    """Index of the dimension on screen, from its "k/8 — title" heading."""
    for text in await page.get_by_test_id("stHeading").all_inner_texts():
        found = re.match(r"(\d+)/\d+ — ", text.strip())
        if found:
            return int(found.group(1)) - 1
    raise RuntimeError("no dimension heading on the page")


async def _answer(run: Run, p: Participant, page: Any, answers: int) -> None:
    """Answer the questions screen after screen, reading which screen is shown before each tap."""
    from perf.load_server import PROFILE

    facts = Facts(profile=PROFILE)
    expected, done = 0, 0
    while done < answers:
        radios = page.get_by_test_id("stRadio")
        for i in range(await radios.count()):
            if done >= answers or time.perf_counter() >= run.deadline:
                return
            await asyncio.sleep(run.rng.uniform(*run.think_s))
            shown = await _dimension(page)
            if shown != expected:
                p.errors.append(f"screen {expected + 1} became {shown + 1} by itself")
                expected = shown
            asked = [x.id for x in run.q.dimensions[shown].questions if is_asked(x, facts)]
            group = radios.nth(i)
            options = group.get_by_role("radio")
            choice = pick_value(run.rng, await options.count())
            label = group.get_by_role("radiogroup").locator("label").nth(choice)
            await run.timed(p, "answer", _rerun(page, label.click))
            saved = await page.get_by_text(SAVED, exact=True).count()
            if saved < i + 1 or not await options.nth(choice).is_checked():
                p.errors.append(f"browser answer {asked[i]} not acknowledged")
            else:
                p.acknowledged[asked[i]] = (VALUES[choice], None)
            done += 1
        following = page.get_by_role("button", name=re.compile("^Suivant"))
        if done >= answers or not await following.count():
            return
        await asyncio.sleep(run.rng.uniform(0.5, 1.0))
        await run.timed(p, "next", _rerun(page, following.first.click))
        expected += 1


async def launch(playwright: Any) -> Any:
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
