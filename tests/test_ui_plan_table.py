"""The results page's plan table: the horizon filter in time order, and the "Échéance" column
given a fixed width that holds "12 à 24 mois" instead of an equal share that cut it."""

from __future__ import annotations

import json

from diagnostic import answers as answers_mod

from .conftest import EXAMPLES
from .wizard_driver import complete, session, start


def test_horizon_filter_in_time_order_and_deadline_column_not_squeezed(questionnaire) -> None:
    expected = answers_mod.read((EXAMPLES / "chu-grand.yaml").read_bytes(), questionnaire)
    at = complete(start(), expected)
    assert session(at).view == "results" and not at.exception
    assert at.multiselect(key="filter-horizon").options == [
        "0 à 3 mois",
        "3 à 12 mois",
        "12 à 24 mois",
    ]
    configs = [json.loads(d.proto.columns or "{}") for d in at.dataframe]
    columns = next(c for c in configs if "Échéance" in c)
    # 120 px holds "12 à 24 mois" at the table's font size; short columns stay small.
    assert columns["Échéance"]["width"] >= 120
    assert columns["Action"]["width"] == "large" and columns["Priorité"]["width"] == "small"
