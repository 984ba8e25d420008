"""The columns of a campaign export and their data dictionary, in one place.

The export (:mod:`diagnostic.outputs.campaign_export`) writes exactly :func:`columns`, and the
dictionary describes exactly the same list, so the two cannot drift apart (a test checks it in
both languages). Coded values (types, bands, statuses, stages, red flags) are written as their
stable ids, the same in French and English; the dictionary gives each id's meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from diagnostic.content.loader import Questionnaire
from diagnostic.content.models import PROFILE_TYPE_FIELD
from diagnostic.i18n import message
from diagnostic.method import bands
from diagnostic.method.campaign_rows import STATUSES, Mode
from diagnostic.method.campaign_table import FLAG_SEPARATOR, ROW_COLUMNS

MODES: tuple[str, ...] = get_args(Mode)
# Literal keys (not f-strings), so every one can be found in the code and checked in both locales.
STATUS_KEYS = {
    "not_started": "campaign_report.status.not_started",
    "started": "campaign_report.status.started",
    "finished": "campaign_report.status.finished",
}
MODE_KEYS = {
    "self_assessment": "campaign_report.mode.self_assessment",
    "workshop": "campaign_report.mode.workshop",
}
# Export column → (header key, dictionary meaning key, unit key), dimensions aside.
COLUMN_KEYS = {
    "entry_id": (
        "campaign_report.col.entry_id",
        "campaign_report.dict.entry_id",
        "campaign_report.unit.whole",
    ),
    "name": ("campaign_report.col.name", "campaign_report.dict.name", "campaign_report.unit.text"),
    "establishment_type": (
        "campaign_report.col.establishment_type",
        "campaign_report.dict.establishment_type",
        "campaign_report.unit.code",
    ),
    "size_band": (
        "campaign_report.col.size_band",
        "campaign_report.dict.size_band",
        "campaign_report.unit.code",
    ),
    "region_band": (
        "campaign_report.col.region_band",
        "campaign_report.dict.region_band",
        "campaign_report.unit.code",
    ),
    "ght": ("campaign_report.col.ght", "campaign_report.dict.ght", "campaign_report.unit.text"),
    "status": (
        "campaign_report.col.status",
        "campaign_report.dict.status",
        "campaign_report.unit.code",
    ),
    "mode": ("campaign_report.col.mode", "campaign_report.dict.mode", "campaign_report.unit.code"),
    "overall": (
        "campaign_report.col.overall",
        "campaign_report.dict.overall",
        "campaign_report.unit.score",
    ),
    "stage": (
        "campaign_report.col.stage",
        "campaign_report.dict.stage",
        "campaign_report.unit.code",
    ),
    "red_flags": (
        "campaign_report.col.red_flags",
        "campaign_report.dict.red_flags",
        "campaign_report.unit.flags",
    ),
}


def status_label(status: str, lang: str) -> str:
    return message(STATUS_KEYS[status], lang)


def header(key: str, lang: str) -> str:
    """A column's header in ``lang`` (``key`` as in :data:`COLUMN_KEYS`)."""
    return message(COLUMN_KEYS[key][0], lang)


@dataclass(frozen=True)
class Column:
    """One export column: its key in the scored table, header and dictionary entry."""

    key: str
    header: str
    meaning: str
    unit: str
    allowed: str


def _pairs(pairs: list[tuple[str, str]], lang: str) -> str:
    sep = message("campaign_report.values_separator", lang)
    return sep.join(f"{i} = {label}" for i, label in pairs)


def _allowed(q: Questionnaire, key: str, lang: str) -> str:
    """The ids a coded column may hold, each with its meaning; "" for free columns."""
    if key == "establishment_type":
        options = q.profile_by_id[PROFILE_TYPE_FIELD].options
        return _pairs([(o.id, o.label.get(lang)) for o in options], lang)
    if key == "size_band":
        ids = (*bands.SIZE_BANDS, bands.UNKNOWN)
        return _pairs([(b, bands.size_label(b, lang)) for b in ids], lang)
    if key == "region_band":
        ids = (*bands.REGION_BANDS, bands.UNKNOWN)
        return _pairs([(b, bands.region_label(b, lang)) for b in ids], lang)
    if key == "status":
        return _pairs([(s, status_label(s, lang)) for s in STATUSES], lang)
    if key == "mode":
        return _pairs([(m, message(MODE_KEYS[m], lang)) for m in MODES], lang)
    if key == "stage":
        return _pairs([(s.id, s.name.get(lang)) for s in q.stages], lang)
    if key == "red_flags":
        return _pairs([(f.id, f.title.get(lang)) for f in q.red_flags], lang)
    return ""


def columns(q: Questionnaire, lang: str) -> list[Column]:
    """Every column of the campaign export, in order, with its dictionary entry."""
    out = []
    for key in (*ROW_COLUMNS, "overall", "stage", "red_flags"):
        if key == "overall":  # the dimensions come just before the overall score
            for d in q.dimensions:
                out.append(
                    Column(
                        key=d.id,
                        header=message(
                            "campaign_report.col.dimension", lang, name=d.title.get(lang)
                        ),
                        meaning=message(
                            "campaign_report.dict.dimension", lang, name=d.title.get(lang), id=d.id
                        ),
                        unit=message("campaign_report.unit.score", lang),
                        allowed="",
                    )
                )
        head, meaning, unit = COLUMN_KEYS[key]
        out.append(
            Column(
                key=key,
                header=message(head, lang),
                meaning=message(meaning, lang),
                unit=message(unit, lang, separator=FLAG_SEPARATOR),
                allowed=_allowed(q, key, lang),
            )
        )
    return out


def type_label(q: Questionnaire, type_id: str, lang: str) -> str:
    """The establishment type's label; an unknown id is shown as is, never lost."""
    options = {o.id: o.label.get(lang) for o in q.profile_by_id[PROFILE_TYPE_FIELD].options}
    return options.get(type_id, type_id or "–")


def dictionary_headers(lang: str) -> list[str]:
    return [
        message("campaign_report.dict_col.name", lang),
        message("campaign_report.dict_col.meaning", lang),
        message("campaign_report.dict_col.unit", lang),
        message("campaign_report.dict_col.allowed", lang),
    ]
