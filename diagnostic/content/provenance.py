"""Where references point and how fresh the regulatory content is.

A director takes the report to the board: a legal reference must lead to the text or to the
authority that issued it, never to a blog wearing the authority's name, and a date announced as
"expected" must not silently slip into the past. Two content checks live here (run by
``diagnostic validate`` through :func:`check_sources`) and one helper for reports
(:func:`content_age_days`).

Official issuers are recognised by the names below, at the start of the ``issuer`` field or of any
part of it separated by " / " or ","; the reference's URL must then be on one of that issuer's
hosts (or a subdomain). A reference of kind ``commentary`` may not carry an official issuer's name.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from diagnostic.content.crosscheck import Checker
    from diagnostic.content.loader import Questionnaire, Source

_EU = ("eur-lex.europa.eu",)
_FR_LAW = ("legifrance.gouv.fr",)
_HEALTH_MINISTRY = ("sante.gouv.fr", "solidarites-sante.gouv.fr", "ars.sante.fr", *_FR_LAW)

# Official issuer name → hosts its pages may live on. Order matters only for readability.
OFFICIAL_HOSTS: dict[str, tuple[str, ...]] = {
    "Union européenne": _EU,
    "Parlement européen": ("europarl.europa.eu", *_EU),
    "Conseil de l'UE": ("consilium.europa.eu", *_EU),
    "Commission européenne": ("ec.europa.eu", "commission.europa.eu", *_EU),
    "MDCG": ("health.ec.europa.eu", *_EU),
    "République française": _FR_LAW,
    "Légifrance": _FR_LAW,
    "Assemblée nationale": ("assemblee-nationale.fr",),
    "Sénat": ("senat.fr",),
    "Gouvernement": ("gouvernement.fr", "info.gouv.fr", *_HEALTH_MINISTRY),
    "Ministère de la santé": _HEALTH_MINISTRY,
    "DGOS": _HEALTH_MINISTRY,
    "ARS": ("ars.sante.fr",),
    "DNS": ("esante.gouv.fr", *_HEALTH_MINISTRY),
    "ANS": ("esante.gouv.fr",),
    "ANSM": ("ansm.sante.fr",),
    "ANSSI": ("cyber.gouv.fr", "ssi.gouv.fr"),
    "CNIL": ("cnil.fr", *_FR_LAW),
    "HAS": ("has-sante.fr",),
    "ANAP": ("anap.fr",),
    "DINUM": ("numerique.gouv.fr",),
    "OCDE": ("oecd.org",),
}

_SPLIT = re.compile(r"\s*(?:/|,|;| et )\s*")


def official_issuers(issuer: str) -> tuple[str, ...]:
    """The official issuer names found in an ``issuer`` field (empty for anyone else)."""
    found = []
    for part in _SPLIT.split(issuer):
        for name in OFFICIAL_HOSTS:
            if re.match(rf"{re.escape(name)}(?![\w-])", part.strip()):
                found.append(name)
    return tuple(dict.fromkeys(found))


def host_of(url: str) -> str:
    """The URL's host name, lower-case, without port ("" when there is none)."""
    return (urlsplit(url).hostname or "").lower()


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``allowed`` or a subdomain of one."""
    return any(host == h or host.endswith("." + h) for h in allowed)


def _as_date(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def check_sources(c: Checker, q: Questionnaire, sources: dict[str, Source]) -> None:
    """Reference hosts match their official issuer; no expected date before ``reviewed_on``."""
    refs = sources.get("references.yaml")
    if refs is not None:
        for i, ref in enumerate(q.references.values()):
            names = official_issuers(ref.issuer)
            host = host_of(ref.url)
            if ref.kind == "commentary" and names:
                c.add(
                    refs,
                    ("references", i, "issuer"),
                    f'commentary "{ref.id}" is labelled with an official issuer ({names[0]})',
                    "the name of whoever published the commentary",
                    "cite the official text separately, or name the blog or firm as issuer",
                )
            elif names and not host_allowed(host, sum((OFFICIAL_HOSTS[n] for n in names), ())):
                c.add(
                    refs,
                    ("references", i, "url"),
                    f'"{ref.id}" names {names[0]} as issuer but links {host or ref.url}',
                    "a page on " + ", ".join(OFFICIAL_HOSTS[names[0]]),
                    "link the primary text, or make it a commentary under its real publisher",
                )
            elif ref.kind == "official_text" and not names:
                c.add(
                    refs,
                    ("references", i, "issuer"),
                    f'official text "{ref.id}" has no recognised official issuer',
                    "one of " + ", ".join(OFFICIAL_HOSTS),
                    "name the institution that adopted the text",
                )
    cal = sources.get("calendar.yaml")
    reviewed = q.meta.reviewed_on
    if cal is not None and reviewed is not None:
        for i, entry in enumerate(q.calendar):
            if entry.status == "expected" and _as_date(entry.date) < _as_date(reviewed):
                c.add(
                    cal,
                    ("entries", i, "date"),
                    f'entry "{entry.id}" is still "expected" on {entry.date}, '
                    f"before the content review date {reviewed}",
                    "a status that says what happened (in_force, adopted, proposal)",
                    "check whether the event took place, then rewrite the entry and its texts",
                )


def content_age_days(q: Questionnaire, on: date) -> int | None:
    """Days between the content review date and ``on`` (None when the content has no date)."""
    if q.meta.reviewed_on is None:
        return None
    return (on - _as_date(q.meta.reviewed_on)).days


STALE_AFTER_DAYS = 183  # about six months


def is_stale(q: Questionnaire, on: date) -> bool:
    """True when the regulatory content was reviewed more than about six months before ``on``."""
    age = content_age_days(q, on)
    return age is not None and age > STALE_AFTER_DAYS
