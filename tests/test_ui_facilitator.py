"""The facilitator's screens under AppTest: consensus defaults that follow the answers, the
consolidated result on screen, the projector-ready live panel and the empty CSV's reason."""

from __future__ import annotations

from .test_ui_workshop import create, open_results, participant
from .wizard_driver import press

STRATEGY = "governance.strategy"


def test_consensus_opened_before_answers_takes_the_median_after_refresh() -> None:
    at, code, ident, key = create()
    open_results(at, ident, key)
    assert at.selectbox(key=f"wa:{STRATEGY}").value is None  # nobody has answered yet
    for role, level in (("director", 2), ("cio", 4)):
        participant(code, role).radio(key=f"wq:{STRATEGY}").set_value(level).run()
    press(at, "Actualiser")
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 2  # the lower median of 2 and 4
    assert any("2 réponses reçues" in c.value for c in at.caption)


def test_a_level_chosen_by_hand_survives_a_refresh_and_new_answers() -> None:
    at, code, ident, key = create()
    participant(code, "director").radio(key=f"wq:{STRATEGY}").set_value(1).run()
    open_results(at, ident, key)
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 1
    at.selectbox(key=f"wa:{STRATEGY}").set_value(3).run()
    participant(code, "cio").radio(key=f"wq:{STRATEGY}").set_value(0).run()
    press(at, "Actualiser")
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 3
    at.button(key=f"wb:{STRATEGY}").click().run()
    press(at, "Actualiser")
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 3


def manage_texts(at) -> str:
    """Everything written on the page (the tabs all render under AppTest)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts).replace("\\", "")  # as read: without Markdown escapes


def downloads(at) -> list[str]:
    return [e.proto.label for e in at.get("download_button")]


def test_consolidated_result_is_on_screen_and_marked_indicative_when_partial() -> None:
    at, code, ident, key = create()
    for role, level in (("director", 0), ("cio", 4)):
        participant(code, role).radio(key=f"wq:{STRATEGY}").set_value(level).run()
    open_results(at, ident, key)
    assert not at.exception
    stage = next(m for m in at.metric if m.label == "Niveau de maturité")
    assert "indicatif" in stage.value
    # Markdown escapes dropped: what the reader sees.
    [warning] = [w.value.replace("\\", "") for w in at.warning if "indicatif" in w.value]
    assert "Dimensions renseignées : 1 sur 8" in warning
    assert "Sans réponse :" in warning and "Gouvernance" not in warning.split("Sans réponse")[1]
    table = next(t.value for t in at.dataframe if "Couverture" in t.value.columns)
    assert len(table) == 8 and "None" not in table.to_string()
    text = manage_texts(at)
    assert "Là où nous avons divergé" in text
    assert "(réponses de 0 à 4)" in text
    assert "Actions prioritaires" in text and "**[P" in text
    # Above the downloads, and the CSV explains why it is empty: two roles of one person each.
    assert "Plan d'action (PDF)" in downloads(at)
    assert "Réponses (CSV)" not in downloads(at)
    assert "moins de 3 personnes" in text


def test_csv_download_says_why_it_is_empty_then_appears() -> None:
    at, code, ident, key = create()
    open_results(at, ident, key)
    assert "aucune réponse n'a encore été reçue" in manage_texts(at)
    assert "Réponses (CSV)" not in downloads(at)
    assert any("Pas encore de résultat consolidé" in i.value for i in at.info)
    for _ in range(3):
        participant(code, "director").radio(key=f"wq:{STRATEGY}").set_value(2).run()
    press(at, "Actualiser")
    assert "Réponses (CSV)" in downloads(at)
    assert "aucune réponse n'a encore été reçue" not in manage_texts(at)


def test_live_panel_is_made_for_a_projector() -> None:
    """No table to scroll, no "None", full question texts, one chart per answered dimension."""
    at, code, ident, key = create()
    open_results(at, ident, key)
    live = at.tabs[0]
    assert any("Personne n'a encore rejoint" in m.value for m in live.markdown)
    for role, level in (("director", 1), ("cio", 3)):
        phone = participant(code, role)
        phone.radio(key=f"wq:{STRATEGY}").set_value(level).run()
        for _ in range(4):  # to the data step
            phone.button(key="ws-next").click().run()
        phone.radio(key="wq:data.governance").set_value(2).run()
    press(at, "Actualiser")
    live = at.tabs[0]
    assert not live.dataframe  # wide tables scroll sideways and cut texts: none here
    texts = [e.value for e in live.markdown] + [c.value for c in live.caption]
    assert not any("None" in t for t in texts)
    as_read = "\n".join(texts).replace("\\", "")
    q_text = "L'établissement dispose-t-il d'une stratégie ou d'une feuille de route IA validée"
    assert q_text in as_read  # the whole question, not cut
    charts = [e for e in live if getattr(e, "type", "") == "vega_lite_chart"]
    assert len(charts) == 2  # governance and data: one chart each
    assert as_read.count("Pas encore de réponse") == 6  # the other six dimensions say so
    assert at.metric[1].label == "Réponses reçues" and at.metric[1].value == "4"


def live_read(at) -> tuple[str, int]:
    """The live tab as read (Markdown escapes dropped) and how many charts it draws."""
    live = at.tabs[0]
    texts = [e.value for e in live.markdown] + [c.value for c in live.caption]
    texts += [p.proto.text for p in live.get("progress")]
    charts = [e for e in live if getattr(e, "type", "") == "vega_lite_chart"]
    return "\n".join(texts).replace("\\", ""), len(charts)


def test_answers_held_back_until_revealed_dimension_by_dimension() -> None:
    at, code, ident, key = create()
    open_results(at, ident, key)
    at.toggle(key="ws-hide-toggle").set_value(True).run()
    # Three people of one role: enough for their group's comments and gaps to be shown at all.
    for i, level in enumerate((1, 3, 3)):
        phone = participant(code, "director")
        phone.radio(key=f"wq:{STRATEGY}").set_value(level).run()
        if i == 0:
            phone.text_area(key=f"wc:{STRATEGY}").input("Feuille de route en chantier").run()
            for _ in range(4):  # to the data step
                phone.button(key="ws-next").click().run()
            phone.radio(key="wq:data.governance").set_value(2).run()
    press(at, "Actualiser")
    assert not at.exception
    text, charts = live_read(at)
    # Progress stays: people, answers received, each one's bar.
    assert at.metric[1].label == "Réponses reçues" and at.metric[1].value == "4"
    assert "P1 — 2 / " in text and "P3 — 1 / " in text
    # No figure of the answers anywhere in the tab: no chart, count, mean, comment or gap.
    assert charts == 0
    assert "**1** :" not in text and "Score moyen" not in text
    assert "Feuille de route en chantier" not in text
    assert "3 répondant(s) — réponses masquées" in text  # governance
    assert "1 répondant(s) — réponses masquées" in text  # data
    assert "Écarts entre fonctions masqués" in text
    assert "Des commentaires restent masqués" in text
    # Nor in the other tabs, drawn in the same page: no counts, no proposal, no result.
    page = manage_texts(at)
    assert "Réponses par niveau" not in page and "3 réponse(s) reçue(s), masquées" in page
    assert at.selectbox(key=f"wa:{STRATEGY}").value is None
    assert "Résultat consolidé masqué" in page
    assert not [m for m in at.metric if m.label == "Niveau de maturité"]

    at.button(key="ws-reveal:governance").click().run()
    text, charts = live_read(at)
    assert charts == 2  # governance's levels and the gaps between roles for governance alone
    assert "**1** : 1" in text and "**3** : 2" in text  # strategy's counts by level
    assert "Feuille de route en chantier" in text
    assert text.count("réponses masquées") == 1  # data still hidden
    assert "Des commentaires restent masqués" not in text
    assert at.selectbox(key=f"wa:{STRATEGY}").value == 3  # the proposal now: the median
    assert "Résultat consolidé masqué" in manage_texts(at)  # data is still held back

    at.button(key="ws-reveal-all").click().run()
    text, charts = live_read(at)
    assert charts == 3 and "réponses masquées" not in text
    assert [m for m in at.metric if m.label == "Niveau de maturité"]
    # Switching the option starts a new round: everything hidden again.
    at.toggle(key="ws-hide-toggle").set_value(False).run()
    at.toggle(key="ws-hide-toggle").set_value(True).run()
    text, charts = live_read(at)
    assert charts == 0 and text.count("réponses masquées") == 2


def test_hiding_is_off_by_default() -> None:
    at, code, ident, key = create()
    open_results(at, ident, key)
    assert at.toggle(key="ws-hide-toggle").value is False
    participant(code, "director").radio(key=f"wq:{STRATEGY}").set_value(2).run()
    press(at, "Actualiser")
    text, charts = live_read(at)
    assert charts == 1 and "réponses masquées" not in text and "Score moyen" in text
