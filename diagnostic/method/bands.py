"""Size and region bands: the coarse descriptions under which establishments are compared.

Peer benchmarks, campaigns and the anonymised pool never carry a name, a town or a bed count:
only a type (the profile's ``establishment_type``), a size band and a region band. The size band
is the profile's ``beds`` option (already a band); the region band groups the regions into six
areas, coarse enough that a type, a size band and an area together still describe many
establishments. Labels live in ``diagnostic/locale/*/bands.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping

from diagnostic.i18n import message

UNKNOWN = "unknown"  # a band the establishment did not give
# The profile's ``beds`` options (a test checks they match the shipped questionnaire).
SIZE_BANDS: tuple[str, ...] = ("none", "lt_100", "b100_299", "b300_799", "b800_1999", "b2000_plus")
# Six areas of regions (regions as of 2016): Île-de-France; north-east (Grand Est,
# Hauts-de-France, Bourgogne-Franche-Comté); north-west (Normandie, Bretagne, Pays de la Loire,
# Centre-Val de Loire); south-east (Auvergne-Rhône-Alpes, Provence-Alpes-Côte d'Azur, Corse);
# south-west (Nouvelle-Aquitaine, Occitanie); overseas (the five overseas regions).
REGION_BANDS: tuple[str, ...] = (
    "ile_de_france",
    "north_east",
    "north_west",
    "south_east",
    "south_west",
    "overseas",
)


def size_band(profile: Mapping[str, object]) -> str:
    """The size band of an answered profile, or ``unknown``."""
    beds = profile.get("beds")
    return beds if isinstance(beds, str) and beds in SIZE_BANDS else UNKNOWN


def region_band(value: object) -> str:
    """A region band id as given, or ``unknown`` for anything else."""
    return value if isinstance(value, str) and value in REGION_BANDS else UNKNOWN


def size_label(band: str, lang: str) -> str:
    return message(f"band.size.{band}", lang)


def region_label(band: str, lang: str) -> str:
    return message(f"band.region.{band}", lang)
