"""Bands: the size bands are the questionnaire's bed options, and every band has a label."""

from __future__ import annotations

from diagnostic.content.loader import Questionnaire
from diagnostic.i18n import message
from diagnostic.method import bands


def test_size_bands_are_the_beds_options(questionnaire: Questionnaire) -> None:
    beds = next(p for p in questionnaire.profile if p.id == "beds")
    assert tuple(o.id for o in beds.options) == bands.SIZE_BANDS


def test_every_band_has_a_label_in_both_languages() -> None:
    for lang in ("fr", "en"):
        for band in (*bands.SIZE_BANDS, bands.UNKNOWN):
            assert bands.size_label(band, lang) != f"band.size.{band}"
        for band in (*bands.REGION_BANDS, bands.UNKNOWN):
            assert bands.region_label(band, lang) != f"band.region.{band}"
    assert message("band.region.overseas", "fr") != message("band.region.overseas", "en")


def test_unknown_values_fall_back_to_unknown() -> None:
    assert bands.size_band({"beds": "b100_299"}) == "b100_299"
    assert bands.size_band({"beds": "900 lits"}) == bands.UNKNOWN
    assert bands.size_band({}) == bands.UNKNOWN
    assert bands.region_band("overseas") == "overseas"
    assert bands.region_band("Bretagne") == bands.UNKNOWN
