"""The results page's plan table: the "Échéance" column has a fixed width that holds a date in
words, instead of an equal share that cut it ("3 à 12 mo")."""

from __future__ import annotations

import json

from diagnostic.method import answers as answers_mod

from .conftest import EXAMPLES
from .wizard_driver import complete, session, start


def test_deadline_column_not_squeezed(questionnaire) -> None:
    expected = answers_mod.read((EXAMPLES / "chu-grand.yaml").read_bytes(), questionnaire)
    at = complete(start(), expected)
    assert session(at).view == "results" and not at.exception
    configs = [json.loads(d.proto.columns or "{}") for d in at.dataframe]
    columns = next(c for c in configs if "Échéance" in c)
    # 150 px holds "30 septembre 2027" at the table's font size; short columns stay small.
    assert columns["Échéance"]["width"] >= 150
    assert columns["Action"]["width"] == "large" and columns["Priorité"]["width"] == "small"
