"""Sources and freshness of the regulatory content (issue 13).

Official issuers link their own sites, commentaries are labelled as such, an "expected" date never
slips silently into the past, reports say how fresh the content is and show issuer and kind rather
than raw reference ids, and the text report and JSON carry the same calendar caveats as the PDF.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from diagnostic.cli import main
from diagnostic.content import loader as content
from diagnostic.content.provenance import OFFICIAL_HOSTS, host_allowed, host_of, official_issuers
from diagnostic.errors import ContentError
from diagnostic.method import answers as answers_mod
from diagnostic.method import benchmarks
from diagnostic.method.answers import Answers
from diagnostic.method.report import build_report
from diagnostic.outputs import report_text

from .conftest import EXAMPLES, MINI

SHIPPED_REVIEW = date(2026, 12, 3)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("CNIL", ("CNIL",)),
        ("HAS / CNIL", ("HAS", "CNIL")),
        ("Union européenne (Parlement européen et Conseil)", ("Union européenne",)),
        ("ANS / CERT Santé", ("ANS",)),
        ("ANSM", ("ANSM",)),
        ("ANSSI", ("ANSSI",)),
        ("Ifop pour Acteurs publics, UniHA et CAIH", ()),
        ("DSIH (commentaire)", ()),
        ("HASSELT University", ()),
    ],
)
def test_official_issuers_are_recognised_by_name(issuer: str, expected: tuple[str, ...]) -> None:
    assert official_issuers(issuer) == expected


def test_shipped_official_references_link_their_issuer(questionnaire) -> None:
    wrong = []
    for ref in questionnaire.references.values():
        names = official_issuers(ref.issuer)
        hosts = sum((OFFICIAL_HOSTS[n] for n in names), ())
        if names and not host_allowed(host_of(ref.url), hosts):
            wrong.append((ref.id, ref.issuer, ref.url))
        if ref.kind == "commentary":
            assert not names, f"{ref.id}: a commentary under an official label"
        assert not host_of(ref.url).endswith("."), f"{ref.id}: malformed host in {ref.url}"
    assert wrong == []


def test_shipped_eu_law_is_cited_from_eur_lex(questionnaire) -> None:
    for rid in ("ai_act", "ai_act_deployers", "digital_omnibus", "mdr_rule11", "gdpr", "ehds"):
        ref = questionnaire.references[rid]
        assert ref.kind == "official_text"
        assert host_of(ref.url) == "eur-lex.europa.eu", rid
    omnibus = questionnaire.references["digital_omnibus"]
    assert "2026/1744" in omnibus.title and omnibus.url.endswith("/eli/reg/2026/1744/oj")


def test_official_issuer_on_a_blog_fails_validation(mini_copy: Path) -> None:
    _replace(
        mini_copy / "references.yaml",
        'issuer: Émetteur, kind: guidance, date: "2025-01-02", url: "https://example.org/a"',
        'issuer: CNIL, kind: guidance, date: "2025-01-02", url: "https://blog.example.org/cnil"',
    )
    with pytest.raises(ContentError) as err:
        content.load(mini_copy)
    assert "names CNIL as issuer but links blog.example.org" in str(err.value)


def test_commentary_under_an_official_label_fails_validation(mini_copy: Path) -> None:
    _replace(
        mini_copy / "references.yaml",
        "issuer: Émetteur, kind: guidance",
        "issuer: HAS, kind: commentary",
    )
    with pytest.raises(ContentError) as err:
        content.load(mini_copy)
    assert "commentary" in str(err.value) and "official issuer" in str(err.value)


def test_expected_entry_past_the_review_date_fails_validation(mini_copy: Path) -> None:
    _replace(
        mini_copy / "questionnaire.yaml",
        'version: "1.0"\n',
        'version: "1.0"\nreviewed_on: "2028-01-15"\n',
    )
    with pytest.raises(ContentError) as err:
        content.load(mini_copy)
    assert 'entry "future_rule" is still "expected" on 2027-12' in str(err.value)
    _replace(mini_copy / "questionnaire.yaml", "2028-01-15", "2027-11-30")
    assert content.load(mini_copy).meta.reviewed_on == "2027-11-30"


def test_validate_warns_when_content_is_over_six_months_old(mini_copy: Path, capsys) -> None:
    bench = str(MINI.parent / "mini_benchmarks")
    today = date.today()
    fresh = today.replace(day=1).isoformat()
    _replace(
        mini_copy / "questionnaire.yaml",
        'version: "1.0"\n',
        f'version: "1.0"\nreviewed_on: "{fresh}"\n',
    )
    assert main(["validate", str(mini_copy), "--benchmarks", bench]) == 0
    assert "warning" not in capsys.readouterr().err
    old = date(today.year - 1, today.month, 1).isoformat()
    _replace(mini_copy / "questionnaire.yaml", fresh, old)
    assert main(["validate", str(mini_copy), "--benchmarks", bench]) == 0
    err = capsys.readouterr().err
    assert f"reviewed on {old}, more than six months ago" in err


def _mini_report(mini_dir: Path, today: date, profile: dict[str, object] | None = None):
    q = content.load(mini_dir)
    editions = benchmarks.load_editions(MINI.parent / "mini_benchmarks")
    answers = Answers("mini", "1.0", profile or {"establishment_type": "ehpad"}, {})
    return build_report(q, answers, editions, today=today)


def test_an_expected_date_in_the_past_is_never_already_applicable(mini) -> None:
    report = _mini_report(MINI, date(2028, 2, 1))
    states = {d.entry.id: d.state for d in report.deadlines}
    assert states == {"past_rule": "applies", "future_rule": "unconfirmed_past"}
    text = report_text.render(report, "fr")
    future = next(line for line in text.splitlines() if "Futur" in line)
    assert "date passée, non confirmée" in future and "déjà applicable" not in future
    assert "(déjà applicable) — Passé" in text
    before = _mini_report(MINI, date(2026, 1, 1))
    assert {d.entry.id: d.state for d in before.deadlines}["future_rule"] == "expected"


def test_reports_say_how_fresh_the_content_is(mini_copy: Path) -> None:
    _replace(
        mini_copy / "questionnaire.yaml",
        'version: "1.0"\n',
        'version: "1.0"\nreviewed_on: "2026-01-10"\n',
    )
    fresh = _mini_report(mini_copy, date(2026, 3, 1))
    text = report_text.render(fresh, "fr")
    assert "Contenu réglementaire à jour au 10 janvier 2026." in text
    assert "plus de six mois" not in text
    assert fresh.to_dict()["content_reviewed_on"] == "2026-01-10"
    assert fresh.to_dict()["content_stale"] is False
    stale = _mini_report(mini_copy, date(2026, 9, 1))
    assert "il y a plus de six mois" in report_text.render(stale, "fr")
    assert "more than six months ago" in report_text.render(stale, "en")
    assert stale.to_dict()["content_stale"] is True


def _example_report(name: str):
    q = content.load_default()
    raw = (EXAMPLES / name).read_bytes()
    answers = answers_mod.read(raw, q)
    editions = benchmarks.load_editions(benchmarks.default_root())
    return build_report(q, answers, editions, today=SHIPPED_REVIEW)


def test_text_report_and_json_carry_the_calendar_caveats_of_the_pdf() -> None:
    report = _example_report("chu-grand.yaml")
    text = report_text.render(report, "fr")
    data = report.to_dict()
    with_caveat = [d for d in report.deadlines if d.entry.caveat]
    assert with_caveat, "the shipped calendar has caveats for this profile"
    for d in with_caveat:
        assert d.entry.caveat.get("fr") in text
        entry = next(e for e in data["calendar"] if e["id"] == d.entry.id)
        assert entry["caveat"] == d.entry.caveat.model_dump()
        assert entry["status"] == d.entry.status
    json.dumps(data)  # plain data all the way down


def test_reports_show_issuer_and_kind_not_raw_ids() -> None:
    report = _example_report("ch-moyen.yaml")
    q = report.questionnaire
    for lang in ("fr", "en"):
        text = report_text.render(report, lang)
        lines = [ln for ln in text.splitlines() if ln.strip().startswith(("Références", "Refer"))]
        assert lines
        for line in lines:
            assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", line.split(":", 1)[1]), line
    first = report.composition.items[0].action  # the JSON lists the composed plan
    assert first is not None
    ref = q.references[first.references[0]]
    assert f"{ref.issuer} — {ref.title} [" in report_text.render(report, "fr")
    sources = report.to_dict()["plan"][0]["sources"]
    assert sources[0]["issuer"] == ref.issuer and sources[0]["kind"] == ref.kind


def test_shipped_content_is_dated_and_nothing_expected_is_overdue(questionnaire) -> None:
    reviewed = questionnaire.meta.reviewed_on
    assert reviewed is not None and reviewed >= "2026-12-01"
    for entry in questionnaire.calendar:
        if entry.status in ("expected", "proposal"):
            assert entry.date >= reviewed, entry.id
    texts = json.dumps(
        [e.model_dump() for e in questionnaire.calendar]
        + [r.model_dump() for r in questionnaire.rules],
        ensure_ascii=False,
    )
    for stale in (
        "tant qu'il n'est pas publié",
        "si le Digital Omnibus est publié",
        "Publication attendue",
    ):
        assert stale not in texts


def test_pdf_says_how_fresh_the_content_is_and_labels_commentaries() -> None:
    import io

    from pypdf import PdfReader

    from diagnostic.outputs import pdf

    report = _example_report("chu-grand.yaml")
    reader = PdfReader(io.BytesIO(pdf.render(report, "fr")))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Contenu réglementaire à jour au 3 décembre 2026" in text
    assert "[commentaire]" in text and "[texte officiel]" in text
    assert "Publication attendue" not in text


def _shipped_plan(questionnaire, profile: dict[str, object], answers: dict[str, object]):
    editions = benchmarks.load_editions(benchmarks.default_root())
    report = build_report(
        questionnaire, Answers("ia_sante", "1.0", profile, answers), editions, today=SHIPPED_REVIEW
    )
    return {i for a in report.plan.actions for i in (a.id, *a.merged)}, report


def test_private_clinic_with_emergencies_is_told_to_qualify_fria(questionnaire) -> None:
    base = {"establishment_type": "private_clinic", "activities": ("emergency",)}
    ids, _ = _shipped_plan(
        questionnaire, {**base, "legal_status": "private_forprofit"}, {"compliance.fria": 0}
    )
    assert "compliance.qualify_fria_private_clinic" in ids
    assert questionnaire.questions["compliance.fria"].when is None  # asked whatever the status
    ids, _ = _shipped_plan(
        questionnaire, {**base, "legal_status": "private_forprofit"}, {"compliance.fria": 3}
    )
    assert "compliance.qualify_fria_private_clinic" not in ids


def test_triage_ai_gets_dated_p1_duties(questionnaire) -> None:
    profile = {"establishment_type": "ch", "legal_status": "public", "ai_tools": ("triage_ai",)}
    ids, _ = _shipped_plan(questionnaire, profile, {"compliance.deployer_duties": 1})
    assert "compliance.triage_ai_duties" in ids
    rule = next(r for r in questionnaire.rules if r.id == "compliance.triage_ai_duties")
    assert rule.priority == "P1"
    steps = " ".join(s.fr for s in rule.steps)
    assert "2 décembre 2027" in steps and "AIPD" in steps and "six mois" in steps


def test_group_head_office_is_not_told_to_join_a_shared_warehouse(questionnaire) -> None:
    profile = {"establishment_type": "private_group", "beds": "none"}
    assert questionnaire.questions["data.warehouse"].not_applicable_when is not None
    ids, _ = _shipped_plan(questionnaire, profile, {"data.warehouse": 0})
    assert "data.group_head_office_warehouse" in ids
    assert "data.join_shared_data_warehouse" not in ids


def test_ambient_scribe_information_does_not_rest_on_l4001_3_alone(questionnaire) -> None:
    rule = next(r for r in questionnaire.rules if r.id == "compliance.inform_patients_about_ai")
    assert rule.references[0] == "gdpr" and "ai_act_art50" in rule.references
    assert "n'en relève pas" in rule.description.fr
