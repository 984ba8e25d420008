"""The establishments a campaign invites: checked one by one, typed in a table or read from CSV.

Every bad cell is named with its line, its column, what was found and what is accepted, all at
once (up to :data:`MAX_PROBLEMS`), so the owner fixes the file in one pass. A type, a size band or
a region band may be given by its id (``ch``, ``b300_799``, ``north_west``) or by its label in
either language; an empty size or region band is "not given" (``unknown``), a type is required.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method.bands import REGION_BANDS, SIZE_BANDS, UNKNOWN
from diagnostic.workshop.campaign_access import CampaignError

MAX_NAME = 200
MAX_INVITATIONS = 2000  # a national campaign; more is a mistake in the file
MAX_PROBLEMS = 20
MAX_CSV_BYTES = 2_000_000
MAX_DAYS = 3 * 366  # a campaign longer than three years is a typo in a date
FIELDS = ("name", "establishment_type", "size_band", "region_band", "ght")
# CSV headers accepted for each field (compared folded: case and accents ignored).
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("nom", "name", "etablissement", "establishment"),
    "establishment_type": ("type", "type d'etablissement", "establishment_type"),
    "size_band": ("taille", "size", "size_band", "tranche de taille"),
    "region_band": ("zone", "region", "region_band", "zone geographique"),
    "ght": ("ght",),
}


@dataclass(frozen=True)
class Invitation:
    """One invited establishment, checked: ids only, name and GHT trimmed."""

    name: str
    establishment_type: str
    size_band: str = UNKNOWN
    region_band: str = UNKNOWN
    ght: str = ""


@dataclass
class InvitationProblems(CampaignError):
    """Some invitations cannot be used; ``problems`` says which cell and how to fix it."""

    problems: list[CampaignError] = field(default_factory=list)


def fold(text: str) -> str:
    """Case and accents ignored, spaces collapsed: how ids, labels and headers are compared."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().replace("’", "'").split())


def choices(q: Questionnaire) -> dict[str, dict[str, str]]:
    """Per coded field: every accepted spelling (folded id or label) → the id."""

    def table(ids: Sequence[str], label: dict[str, list[str]]) -> dict[str, str]:
        out = {fold(i): i for i in ids}
        for i in ids:
            for text in label.get(i, []):
                out.setdefault(fold(text), i)
        return out

    types = q.profile_by_id["establishment_type"].options
    return {
        "establishment_type": table(
            [o.id for o in types], {o.id: [o.label.get("fr"), o.label.get("en")] for o in types}
        ),
        "size_band": table(
            SIZE_BANDS,
            {b: [message(f"band.size.{b}", lang) for lang in ("fr", "en")] for b in SIZE_BANDS},
        ),
        "region_band": table(
            REGION_BANDS,
            {b: [message(f"band.region.{b}", lang) for lang in ("fr", "en")] for b in REGION_BANDS},
        ),
    }


def check(
    q: Questionnaire,
    records: Sequence[tuple[int, Mapping[str, object]]],
    columns: Mapping[str, str],
) -> list[Invitation]:
    """Check typed rows: ``(line, {field: value})`` → invitations, or InvitationProblems.

    Args:
        columns: the name to quote for each field in a message (the CSV header as found, or the
            table's column label).
    """
    accepted = choices(q)
    problems: list[CampaignError] = []
    out: list[Invitation] = []
    seen: dict[str, int] = {}

    def bad(key: str, line: int, name: str, **params: object) -> None:
        problems.append(CampaignError(key, {"line": line, "column": columns[name], **params}))

    for line, record in records:
        cells = {f: " ".join(str(record.get(f) or "").split()) for f in FIELDS}
        if not any(cells.values()):
            continue  # a blank line, as spreadsheets leave at the end
        values: dict[str, str] = {}
        for name in ("establishment_type", "size_band", "region_band"):
            found = cells[name]
            if not found:
                if name == "establishment_type":
                    bad("campaign.row.missing_type", line, name, allowed=_ids(accepted[name]))
                values[name] = UNKNOWN
            elif fold(found) in accepted[name]:
                values[name] = accepted[name][fold(found)]
            else:
                bad(
                    "campaign.row.unknown",
                    line,
                    name,
                    value=found[:80],
                    allowed=_ids(accepted[name]),
                )
        if not cells["name"]:
            bad("campaign.row.missing_name", line, "name")
        elif len(cells["name"]) > MAX_NAME or len(cells["ght"]) > MAX_NAME:
            bad("campaign.row.too_long", line, "name", limit=MAX_NAME)
        elif fold(cells["name"]) in seen:
            bad(
                "campaign.row.duplicate",
                line,
                "name",
                value=cells["name"][:80],
                first=seen[fold(cells["name"])],
            )
        else:
            seen[fold(cells["name"])] = line
        out.append(
            Invitation(
                cells["name"],
                values.get("establishment_type", ""),
                values.get("size_band", UNKNOWN),
                values.get("region_band", UNKNOWN),
                cells["ght"],
            )
        )
    if not out and not problems:
        problems.append(CampaignError("campaign.no_invitations"))
    if len(out) > MAX_INVITATIONS:
        problems.append(CampaignError("campaign.too_many", {"limit": MAX_INVITATIONS}))
    if problems:
        raise InvitationProblems("campaign.bad_rows", {"n": len(problems)}, problems[:MAX_PROBLEMS])
    return out


def _ids(table: Mapping[str, str]) -> str:
    return ", ".join(dict.fromkeys(table.values()))


def read_csv(q: Questionnaire, raw: bytes) -> list[Invitation]:
    """Invitations from a CSV file (``;``, ``,`` or tab; UTF-8 or Windows-1252; header first)."""
    if len(raw) > MAX_CSV_BYTES:
        raise CampaignError("campaign.csv.too_big", {"limit": MAX_CSV_BYTES // 1_000_000})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise CampaignError("campaign.csv.empty")
    header = [fold(h) for h in rows[0]]
    where: dict[str, int] = {}
    for name, names in HEADERS.items():
        for i, h in enumerate(header):
            if h in names and name not in where:
                where[name] = i
    for name in ("name", "establishment_type"):
        if name not in where:
            raise CampaignError(
                "campaign.csv.missing_column",
                {"column": HEADERS[name][0], "found": " | ".join(rows[0])[:200]},
            )
    columns = {n: rows[0][where[n]] if n in where else HEADERS[n][0] for n in FIELDS}
    records = [
        (number, {n: row[i] for n, i in where.items() if i < len(row)})
        for number, row in enumerate(rows[1:], start=2)
    ]
    return check(q, records, columns)


def template_csv() -> bytes:
    """An example file to fill in: the accepted headers and two rows."""
    lines = [
        "nom;type;taille;zone;ght",
        "CH de Saint-Aubin;ch;b300_799;north_west;GHT Val de Loire",
        "EHPAD Les Tilleuls;ehpad;lt_100;north_west;",
    ]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def check_period(title: str, starts_on: date, ends_on: date) -> str:
    """The title trimmed, or CampaignError naming what is wrong with the title or dates."""
    clean = " ".join(str(title).split())
    if not clean:
        raise CampaignError("campaign.no_title")
    if len(clean) > MAX_NAME:
        raise CampaignError("campaign.title_too_long", {"limit": MAX_NAME})
    if ends_on < starts_on:
        raise CampaignError("campaign.bad_period")
    if (ends_on - starts_on).days > MAX_DAYS:
        raise CampaignError("campaign.period_too_long")
    return clean
