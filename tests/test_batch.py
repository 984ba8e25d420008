"""``diagnostic batch``: a folder of answers files or a CSV of establishments, one row each."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from diagnostic import cli
from diagnostic.method.answers import read
from diagnostic.method.scoring import score
from diagnostic.outputs import batch

from .conftest import EXAMPLES

NAMES = ("ch-moyen.yaml", "chu-grand.yaml", "ehpad.yaml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "campaign"
    target.mkdir()
    for name in NAMES:
        shutil.copy(EXAMPLES / name, target / name)
    return target


def test_a_folder_of_the_examples_gives_one_row_each_equal_to_score(
    questionnaire, folder, tmp_path, capsys
) -> None:
    out = tmp_path / "result"
    assert cli.main(["batch", str(folder), "-o", str(out), "--lang", "en"]) == 0
    table = pd.read_csv(out.with_suffix(".csv"), index_col="id", encoding="utf-8-sig")
    assert list(table.index) == list(NAMES)
    for name in NAMES:
        expected = score(questionnaire, read((EXAMPLES / name).read_bytes(), questionnaire))
        row = table.loc[name]
        assert row["stage"] == expected.stage
        assert row["overall"] == round(expected.overall, 1)
        for d in expected.dimensions:
            assert row[f"{d.dimension_id}.score"] == round(d.score, 1)
            assert row[f"{d.dimension_id}.visibility"] == round(d.visibility, 3)
        flags = "" if pd.isna(row["red_flags"]) else row["red_flags"]
        assert (flags.split("|") if flags else []) == [f.flag_id for f in expected.red_flags]
        assert row["red_flag_count"] == len(expected.red_flags)
    sheet = pd.read_excel(out.with_suffix(".xlsx"), index_col="id", engine="openpyxl")
    assert list(sheet.index) == list(NAMES)
    assert list(sheet["stage"]) == list(table["stage"])
    printed = capsys.readouterr().out
    assert "3 establishment(s) scored" in printed
    assert "Establishments per stage:" in printed and "Red flags raised:" in printed


def test_a_csv_keeps_its_identifiers_and_scores_each_row(questionnaire, tmp_path, capsys) -> None:
    sets = [read((EXAMPLES / name).read_bytes(), questionnaire) for name in NAMES]
    from diagnostic.method.scoring_batch import frame_from_answers

    frame = frame_from_answers(questionnaire, sets)
    frame.insert(0, "finess", ["750000001", "750000002", "750000003"])
    source = tmp_path / "campaign.csv"
    frame.to_csv(source, index=False)
    out = tmp_path / "scores"
    code = cli.main(["batch", str(source), "--id-column", "finess", "-o", str(out), "--no-xlsx"])
    assert code == 0
    table = pd.read_csv(out.with_suffix(".csv"), index_col="id", dtype={"id": str})
    assert list(table.index) == ["750000001", "750000002", "750000003"]
    assert list(table["stage"]) == [score(questionnaire, a).stage for a in sets]
    assert not out.with_suffix(".xlsx").exists()
    assert "3 établissement(s) évalué(s)" in capsys.readouterr().out


def test_a_bad_file_is_named_and_nothing_is_written(folder, tmp_path, capsys) -> None:
    (folder / "broken.yaml").write_text("questionnaire: ia-sante\nanswers: [1, 2\n")
    out = tmp_path / "result"
    assert cli.main(["batch", str(folder), "-o", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("broken.yaml: ") and "nothing was computed" in err
    assert "Traceback" not in err and not out.with_suffix(".csv").exists()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.mkdir(), "holds no answers file"),
        (lambda p: p.write_text("x"), "is neither a folder of answers files nor a .csv file"),
    ],
    ids=["empty-folder", "not-csv"],
)
def test_unusable_sources_get_a_clear_message(tmp_path, capsys, make, expected) -> None:
    source = tmp_path / "source.txt"
    make(source)
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "o"), "--lang", "en"]) == 2
    assert expected in capsys.readouterr().err


def test_an_invalid_cell_in_a_csv_is_located(tmp_path, capsys) -> None:
    source = tmp_path / "c.csv"
    source.write_text("id,governance.strategy\nA,2\nB,7\n", encoding="utf-8")
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "o"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert 'column "governance.strategy", row B' in err


def test_the_progress_bar_reaches_the_total() -> None:
    stream = io.StringIO()
    show = batch.progress_bar(stream, "score")
    show(2000, 10000)
    show(10000, 10000)
    assert stream.getvalue().endswith("score [" + "#" * batch.BAR + "] 100 % 10000/10000\n")
    assert " 20 % 2000/10000" in stream.getvalue()


def test_long_runs_show_progress_on_stderr_only(
    questionnaire, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(batch, "PROGRESS_FROM", 2)
    monkeypatch.setattr(batch, "CHUNK", 1)
    source = tmp_path / "c.csv"
    source.write_text("id,governance.strategy\nA,2\nB,3\nC,\n", encoding="utf-8")
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "o"), "--no-xlsx"]) == 0
    captured = capsys.readouterr()
    assert "100 % 3/3" in captured.err and "[" not in captured.out.split("\n")[0]
