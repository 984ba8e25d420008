"""Anonymity properties of the pulse results (Hypothesis): no group under the threshold is shown
or exported, and no hidden group can be recovered by subtracting two shown ones — in the text
tables the screen shows and in the PDF's data."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.content.loader import load
from diagnostic.method import benchmarks
from diagnostic.method import perception_gap as gap
from diagnostic.method.pulse_stats import TOTAL, PulseAnswer, results
from diagnostic.outputs import pulse_pdf, pulse_text
from diagnostic.outputs.blocks import Table

from .conftest import SHIPPED

QUESTIONNAIRE = load(SHIPPED)
PULSE = QUESTIONNAIRE.pulse
ROLES = [o.id for o in PULSE.item("role_family").options]
EDITIONS = benchmarks.load_editions()
N_IN_HEADING = re.compile(r"\(n = (\d+)\)")


@st.composite
def pulses(draw: st.DrawFn) -> tuple[list[PulseAnswer], int]:
    k = draw(st.integers(min_value=3, max_value=6))
    out = []
    for role in ROLES:
        for _ in range(draw(st.integers(min_value=0, max_value=9))):
            choice: dict[str, object] = {"role_family": role}
            for item in PULSE.questions:
                ids = [o.id for o in item.options]
                if item.kind == "single":
                    choice[item.id] = draw(st.sampled_from(ids))
                else:
                    most = item.max_choices or len(ids)
                    choice[item.id] = tuple(
                        draw(st.lists(st.sampled_from(ids), min_size=1, max_size=most, unique=True))
                    )
            out.append(PulseAnswer(f"a{len(out)}", role, choice))  # type: ignore[arg-type]
    return out, k


def _check_sizes(sizes: dict[str, int], total: int, by_role: dict[str, int], k: int) -> None:
    assert all(n >= k for n in sizes.values()), sizes
    for key, n in sizes.items():
        assert n == (total if key == TOTAL else by_role[key])  # the n shown is the true size
    if TOTAL in sizes:
        families = [key for key in sizes if key != TOTAL]
        rest = total - sum(sizes[f] for f in families)
        assert rest == 0 or rest >= k, (sizes, by_role)  # the hidden families, together
        for f in families:  # two shown groups: the total and one family
            assert total - sizes[f] == 0 or total - sizes[f] >= k


@settings(max_examples=150, deadline=None)
@given(pulses())
def test_no_small_or_recoverable_group_on_screen(case) -> None:
    answers, k = case
    by_role = {r: sum(a.role_family == r for a in answers) for r in ROLES}
    found = results(PULSE, answers, k)
    for item in PULSE.questions:
        table = pulse_text.item_table(QUESTIONNAIRE, found, item, "fr")
        sizes = dict(table.groups)
        _check_sizes(sizes, len(answers), by_role, k)
        shown_n = [int(n) for h in table.headings for n in N_IN_HEADING.findall(h)]
        assert sorted(shown_n) == sorted(sizes.values())
        for row in table.rows:
            assert len(row) == len(table.headings)
    # A hidden group's figures do not even exist in the results object.
    assert set(found.groups).isdisjoint(found.hidden)
    comparisons = gap.compare(QUESTIONNAIRE, found, EDITIONS, {"training.charter": 3})
    if found.overall is None:
        assert all(c.management is None or c.management.staff_share is None for c in comparisons)


@settings(max_examples=60, deadline=None)
@given(pulses())
def test_no_small_or_recoverable_group_in_the_pdf_data(case) -> None:
    answers, k = case
    by_role = {r: sum(a.role_family == r for a in answers) for r in ROLES}
    found = results(PULSE, answers, k)
    comparisons = gap.compare(QUESTIONNAIRE, found, EDITIONS, {"training.trained_share": 3})
    summary = pulse_pdf.PulseSummary(
        "Baromètre", date(2026, 12, 1), date(2026, 12, 15), len(answers)
    )
    doc = pulse_pdf.build(QUESTIONNAIRE, summary, found, comparisons, "fr", date(2026, 12, 16))
    labels = {pulse_text.role_label(QUESTIONNAIRE, r, "fr"): r for r in [TOTAL, *ROLES]}
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        sizes = {}
        for heading in block.headings:
            match = N_IN_HEADING.search(heading)
            if match:
                label = heading[: match.start()].strip()
                sizes[labels[label]] = int(match.group(1))
        if sizes:
            _check_sizes(sizes, len(answers), by_role, k)
