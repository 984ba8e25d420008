"""Campaign screens under AppTest: create → key step → panel; an entry link → answers → "J'ai
terminé" → the owner's panel shows it; the entry page names nobody else; the end date."""

from __future__ import annotations

from datetime import date

from diagnostic.ui import resources
from diagnostic.workshop import peer_pool
from diagnostic.workshop.campaign_access import open_campaign
from diagnostic.workshop.campaigns import rows

from .campaign_fixture import AFTER, DURING, make
from .test_campaigns import answered
from .wizard_driver import complete, press, session, start

PASTED = (
    "nom\ttype\ttaille\tzone\tght\n"
    "CH de Saint-Aubin\tch\tb300_799\tnorth_west\tGHT Loire\n"
    "EHPAD Les Tilleuls\tEHPAD\tMoins de 100 lits et places\t\tGHT Loire\n"
)


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += (
        [w.value for w in at.warning] + [i.value for i in at.info] + [s.value for s in at.success]
    )
    parts += (
        [t.value for t in at.title] + [h.value for h in at.subheader] + [e.value for e in at.error]
    )
    return "\n".join(parts).replace("\\", "")


def create_in(at, pasted: str = PASTED):
    press(at, "Campagne (responsable)")
    at.text_input(key="cc:title").input("Campagne ARS 2026")
    at.date_input(key="cc:start").set_value(date(2026, 10, 1))
    at.date_input(key="cc:end").set_value(date(2026, 12, 31))
    at.text_area(key="cc:paste").input(pasted)
    return press(at, "Créer la campagne")


def test_create_shows_the_key_once_then_opens_the_panel() -> None:
    at = create_in(start())
    assert not at.exception
    [number] = [c.value for c in at.code]  # the key is masked: not even sent
    assert "liens" in texts(at) and len(at.dataframe[0].value) == 2
    links = list(at.dataframe[0].value.iloc[:, 1])
    assert all("?c=" in link for link in links)
    at.toggle(key="cc-reveal").set_value(True).run()
    key = [c.value for c in at.code][1]
    assert len(key.replace("-", "")) == 20
    press(at, "J'ai noté la clé")
    assert not at.exception
    page = texts(at)
    assert "Campagne ARS 2026" in page and f"n° {number}" in page
    assert [m.value for m in at.metric] == ["2", "0", "0"]
    assert key not in page
    # Reminders to copy name the deadline.
    assert any("31 décembre 2026" in c.value for c in at.code)


def test_bad_pasted_rows_are_named_and_nothing_typed_is_lost() -> None:
    at = create_in(start(), "nom;type\nCH A;hôpital\n;ch\n")
    page = texts(at)
    assert "2 problème(s)" in page
    assert "Ligne 2, colonne « type »" in page and "Ligne 3, colonne « nom »" in page
    assert at.text_input(key="cc:title").value == "Campagne ARS 2026"
    assert at.text_area(key="cc:paste").value.startswith("nom;type")
    assert not [c.value for c in at.code]  # no campaign was created


def test_an_entry_page_shows_its_own_name_only_and_reaches_the_panel_finished(
    questionnaire,
) -> None:
    engine = resources.engine()
    made = make(engine)
    mine = made.links[0]
    at = start(c=mine.token)
    at.session_state["ce-today"] = DURING
    at.run()
    assert not at.exception
    page = texts(at)
    assert "Campagne ARS 2026" in page and mine.name in page
    assert "verra vos réponses" in page
    for other in made.links[1:]:
        assert other.name not in page
    # Pre-filled from the invitation: the type and the size band.
    s = session(at)
    assert s.answers.profile["establishment_type"] == "ch"
    assert s.answers.profile["beds"] == "b300_799"
    a = answered(questionnaire)
    complete(at, a)
    assert session(at).view == "results" and not at.exception
    # Its results page offers the peer pool (opt-in, off by default): finishing shares nothing.
    assert any("Se comparer à des établissements comparables" in h.value for h in at.subheader)
    assert all(c.value is False for c in at.checkbox if c.key == "results-peer-optin")
    press(at, "Ma participation")
    press(at, "J'ai terminé")
    assert "terminé" in texts(at)
    assert peer_pool.records(engine) == ()
    owner = open_campaign(engine, made.campaign_id, made.owner_key)
    statuses = [r.status for r in rows(engine, questionnaire, owner)]
    assert statuses == ["finished", "not_started", "not_started"]
    # The owner's panel, opened with the number and key in another browser.
    panel = start()
    press(panel, "Campagne (responsable)")
    panel.text_input(key="co:id").input(str(made.campaign_id))
    panel.text_input(key="co:key").input(made.owner_key)
    press(panel, "Ouvrir")
    assert not panel.exception
    assert [m.value for m in panel.metric] == ["2", "0", "1"]
    assert "Niveaux de maturité" in texts(panel)
    assert "Scores des 1 établissement(s) ayant terminé, parmi 3 invité(s)" in texts(panel)
    # Filters by type and size band; the GHT view lists its members side by side.
    panel.selectbox(key="co-filter-type").set_value("ehpad").run()
    assert "Scores des 0 établissement(s) ayant terminé, parmi 1 invité(s)" in texts(panel)
    panel.selectbox(key="co-filter-type").set_value(None).run()
    panel.selectbox(key="co-filter-size").set_value("b300_799").run()
    assert "parmi 1 invité(s)" in texts(panel)
    assert panel.selectbox(key="co-ght").value == "GHT Loire"
    members = next(t.value for t in panel.dataframe if "Score global" in t.value.columns)
    assert list(members["Établissement"]) == ["CH de Saint-Aubin", "EHPAD Les Tilleuls"]
    assert any("Relances" in h.value for h in panel.header)


def test_after_the_end_the_entry_is_read_only(questionnaire) -> None:
    engine = resources.engine()
    made = make(engine)
    at = start(c=made.links[0].token)
    at.session_state["ce-today"] = AFTER
    at.run()
    assert "La campagne est terminée" in texts(at)
    labels = [b.label for b in at.button if not str(b.key or "").startswith("nav-")]
    assert not any("questionnaire" in x.lower() or "terminé" in x for x in labels)


def test_a_wrong_link_says_so_without_a_traceback() -> None:
    at = start(c="not-a-real-link-000000")
    assert not at.exception
    assert "n'ouvre aucun établissement" in texts(at)


def test_a_wrong_owner_key_gets_the_uniform_refusal() -> None:
    made = make(resources.engine())
    at = start()
    press(at, "Campagne (responsable)")
    at.text_input(key="co:id").input(str(made.campaign_id))
    at.text_input(key="co:key").input("AAAA-BBBB-CCCC-DDDD-EEEE")
    press(at, "Ouvrir")
    assert "clé du responsable refusé" in texts(at)
    assert not at.metric


def test_an_entry_can_run_as_a_workshop_and_shows_the_key_once() -> None:
    made = make(resources.engine())
    at = start(c=made.links[1].token)
    at.session_state["ce-today"] = DURING
    at.run()
    press(at, "Créer l'atelier de cette participation")
    assert not at.exception
    assert "Animer un atelier" in texts(at)
    [ident] = [c.value for c in at.code]  # the workshop id; the key is masked
    press(at, "J'ai noté")
    assert not at.exception
    assert "se fait en atelier" in texts(at)
    assert not any("J'ai terminé" in b.label for b in at.button)
    assert ident
