"""The shipped advice content: enough of it, sourced, and consistent with the questionnaire."""

from __future__ import annotations

from diagnostic.method import benchmarks


def test_use_case_catalogue(questionnaire) -> None:
    assert len(questionnaire.use_cases) >= 12
    assert all(u.prerequisites and u.references for u in questionnaire.use_cases)


def test_targets_for_every_type_of_establishment(questionnaire) -> None:
    types = {o.id for o in questionnaire.profile_by_id["establishment_type"].options}
    assert questionnaire.targets is not None
    assert set(questionnaire.targets.by_type) == types
    dims = {d.id for d in questionnaire.dimensions}
    assert set(questionnaire.targets.default.targets) == dims


def test_calendar_and_levers_exist(questionnaire) -> None:
    assert len(questionnaire.calendar) >= 10
    assert len(questionnaire.levers) >= 6
    used = {lv for r in questionnaire.rules for lv in r.levers}
    assert used <= set(questionnaire.levers)


def test_every_benchmark_figure_has_a_source_and_a_date(questionnaire) -> None:
    editions = benchmarks.load_editions()
    assert editions, "no benchmark edition shipped"
    assert benchmarks.check_editions(questionnaire, editions) == []
    for edition in editions.values():
        for ind in edition.indicators:
            assert ind.reference in questionnaire.references, ind.id
            assert ind.period, ind.id
            assert ind.population.fr and ind.population.en, ind.id
            if ind.kind == "target":
                assert ind.author, ind.id


def test_barometer_figures_keep_their_sample(questionnaire) -> None:
    editions = benchmarks.load_editions()
    ifop = [i for e in editions.values() for i in e.indicators if i.reference == "ifop_barometer"]
    # Sub-populations (e.g. users only) may leave the sample size out, never state another one.
    assert any(i.sample_size == 1051 for i in ifop)
    assert all(i.sample_size in (1051, None) for i in ifop)


def test_every_mapped_comparison_names_a_shipped_indicator(questionnaire) -> None:
    assert len(questionnaire.comparisons) >= 6
    latest = benchmarks.load_editions()[max(benchmarks.load_editions())]
    ids = {i.id for i in latest.indicators}
    assert [c.indicator for c in questionnaire.comparisons if c.indicator not in ids] == []
