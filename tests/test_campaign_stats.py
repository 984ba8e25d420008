"""Campaign statistics: the scored table equals the one-set scorer, the owner's summary, filters
and a GHT's consolidated priorities."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic.content.loader import Questionnaire
from diagnostic.method.campaign_rows import STATUSES, CampaignRow
from diagnostic.method.campaign_stats import (
    CampaignFilter,
    ght_view,
    ghts,
    scored_table,
    summary,
    table_columns,
)
from diagnostic.method.disclosure import distribution
from diagnostic.method.plan import PRIORITIES
from diagnostic.method.report import build_report
from diagnostic.method.scoring import score

from .campaign_sample import DAY, GHT, example, row, sample_rows
from .strategies import answer_sets


def _none(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_scored_table_equals_the_one_set_scorer(questionnaire: Questionnaire, data) -> None:
    q = questionnaire
    sets = data.draw(st.lists(st.one_of(st.none(), answer_sets(q)), min_size=0, max_size=6))
    statuses = data.draw(
        st.lists(st.sampled_from(STATUSES), min_size=len(sets), max_size=len(sets))
    )
    rows = [
        row(i, f"E{i}", a, status=s if a is not None else "not_started")
        for i, (a, s) in enumerate(zip(sets, statuses, strict=True))
    ]
    table = scored_table(q, rows)
    assert list(table.columns) == table_columns(q)
    kept = [r for r in rows if r.answers is not None]
    assert table["entry_id"].tolist() == [r.entry_id for r in kept]
    for rec, r in zip(table.to_dict("records"), kept, strict=True):
        assert r.answers is not None
        expected = score(q, r.answers)
        for d in expected.dimensions:
            assert _none(rec[d.dimension_id]) == d.score  # exactly: same sums, same order
        assert _none(rec["overall"]) == expected.overall
        assert rec["stage"] == expected.stage
        assert rec["red_flags"] == ";".join(f.flag_id for f in expected.red_flags)
        assert (rec["status"], rec["name"], rec["ght"]) == (r.status, r.name, r.ght)


def test_no_answers_gives_an_empty_table_with_every_column(questionnaire) -> None:
    table = scored_table(questionnaire, [row(1, "A", None, status="not_started")])
    assert table.empty and list(table.columns) == table_columns(questionnaire)


def test_summary_counts_every_status_and_describes_finished_entries_only(questionnaire) -> None:
    q, rows = questionnaire, sample_rows(questionnaire)
    s = summary(q, rows, CampaignFilter())
    assert s.invited == 7
    assert dict(s.statuses) == {"not_started": 2, "started": 1, "finished": 4}
    assert s.scored == 4  # the started entry has answers but is left out of the figures
    finished = [score(q, r.answers) for r in rows if r.status == "finished" and r.answers]
    for d in q.dimensions:
        values = [x.dimension(d.id).score for x in finished]
        assert s.dimensions[d.id] == distribution([v for v in values if v is not None])
    assert s.overall == distribution([x.overall for x in finished if x.overall is not None])
    assert sum(s.stages.values()) == 4 and list(s.stages) == [x.id for x in q.stages]
    for x in finished:
        assert x.stage is not None and s.stages[x.stage] >= 1
    expected = {f.id: sum(f.id in {r.flag_id for r in x.red_flags} for x in finished)
                for f in q.red_flags}  # fmt: skip
    assert dict(s.red_flags) == {k: v for k, v in expected.items() if v}
    assert list(s.red_flags.values()) == sorted(s.red_flags.values(), reverse=True)


def test_summary_without_any_finished_entry(questionnaire) -> None:
    s = summary(questionnaire, [row(1, "A", None, status="not_started")])
    assert s.scored == 0 and s.overall is None and not s.red_flags
    assert all(v is None for v in s.dimensions.values())
    assert set(s.stages.values()) == {0}


def test_filter_by_type_and_size_band(questionnaire) -> None:
    q, rows = questionnaire, sample_rows(questionnaire)
    by_type = summary(q, rows, CampaignFilter(establishment_type="ch"))
    assert by_type.invited == 4 and by_type.scored == 2  # two CH finished, one started, one not
    assert dict(by_type.statuses) == {"not_started": 1, "started": 1, "finished": 2}
    by_size = summary(q, rows, CampaignFilter(size_band="lt_100"))
    assert by_size.invited == 1 and by_size.scored == 1
    ehpad = score(q, example(q, "ehpad"))
    assert by_size.overall is not None and by_size.overall.median == ehpad.overall
    both = summary(q, rows, CampaignFilter(establishment_type="ch", size_band="lt_100"))
    assert both.invited == 0 and both.scored == 0
    nobody = summary(q, rows, CampaignFilter(establishment_type="had"))
    assert nobody.invited == 0


def _plan(q: Questionnaire, r: CampaignRow) -> set[str]:
    assert r.answers is not None
    return {i.id for i in build_report(q, r.answers, {}, today=DAY).composition.items}


def test_ght_priorities_keep_what_two_members_share(questionnaire) -> None:
    """Three finished members: EHPAD and CH share actions the CHU does not have, and each has
    actions of its own; a not-started member is shown without scores and has no plan."""
    q, rows = questionnaire, sample_rows(questionnaire)
    view = ght_view(q, rows, GHT, DAY)
    assert view.ght == GHT and view.finished == 3
    assert [m.name for m in view.members] == [r.name for r in rows if r.ght == GHT]
    clinic = view.members[-1]
    assert clinic.status == "not_started" and clinic.overall is None and clinic.stage is None
    assert set(clinic.scores.values()) == {None}
    ehpad, ch, chu = (_plan(q, r) for r in rows[:3])
    shared_two = (ehpad & ch) - chu
    only_chu = chu - ehpad - ch
    assert shared_two and only_chu  # the crafted case really has both kinds of actions
    listed = {s.action_id: s for s in view.priorities}
    expected = {a for a in ehpad | ch | chu if sum(a in p for p in (ehpad, ch, chu)) >= 2}
    assert set(listed) == expected
    for action in shared_two:
        assert listed[action].members == ("EHPAD Les Tilleuls", "CH de Saint-Aubin")
        assert listed[action].member_ids == (1, 2)
    assert not (only_chu & set(listed))
    keys = [(-s.count, PRIORITIES.index(s.priority), s.action_id) for s in view.priorities]
    assert keys == sorted(keys)
    chu_member = view.members[2]
    assert chu_member.overall == score(q, example(q, "chu-grand")).overall


def test_ght_priorities_do_not_depend_on_row_order(questionnaire) -> None:
    q, rows = questionnaire, sample_rows(questionnaire)
    shuffled = rows[:]
    random.Random(3).shuffle(shuffled)
    ids = [s.action_id for s in ght_view(q, rows, GHT, DAY).priorities]
    assert ids == [s.action_id for s in ght_view(q, shuffled, GHT, DAY).priorities]


def test_a_single_finished_member_gives_its_whole_plan(questionnaire) -> None:
    q = questionnaire
    ehpad = example(q, "ehpad")
    rows = [
        row(1, "Seul", ehpad, ght=" GHT A "),
        row(2, "Pas encore", None, status="started", ght="GHT A"),
    ]
    view = ght_view(q, rows, "GHT A", DAY)
    assert view.finished == 1 and len(view.members) == 2
    assert {s.action_id for s in view.priorities} == _plan(q, rows[0])
    assert all(s.members == ("Seul",) for s in view.priorities)


def test_a_ght_without_finished_members_or_unknown(questionnaire) -> None:
    q = questionnaire
    rows = [row(1, "A", None, status="not_started", ght="GHT B")]
    assert ght_view(q, rows, "GHT B", DAY).priorities == ()
    unknown = ght_view(q, rows, "GHT Z", DAY)
    assert unknown.members == () and unknown.finished == 0
    assert ght_view(q, rows, "", DAY).members == ()  # "no GHT" is not a GHT


def test_ghts_lists_names_once_sorted() -> None:
    rows = [
        row(i, "x", None, status="not_started", ght=g)
        for i, g in enumerate(["B", "", "A", " B ", "  "])
    ]
    assert ghts(rows) == ["A", "B"]


@pytest.mark.parametrize("status", ["started", "not_started"])
def test_a_member_that_has_not_finished_has_no_plan(questionnaire, status) -> None:
    q = questionnaire
    ch = example(q, "ch-moyen")
    rows = [row(1, "A", ch, ght="G"), row(2, "B", replace(ch), status=status, ght="G")]
    view = ght_view(q, rows, "G", DAY)
    assert view.finished == 1 and all(s.member_ids == (1,) for s in view.priorities)
