"""scripts/move_packages.py: the import rewriting, the refusal of unmapped modules, a real move.

The script is run for real on a tiny throwaway tree (a git repository in tmp_path); the full move
of this repository is tried on a copy before it is run (see the script's docstring).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SPEC = importlib.util.spec_from_file_location(
    "move_packages", ROOT / "scripts" / "move_packages.py"
)
assert SPEC and SPEC.loader
mp = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(mp)


def test_imports_names_and_paths_are_rewritten() -> None:
    text = (
        "from diagnostic import benchmarks, content, i18n  # why\n"
        "from diagnostic import (\n    scoring,\n    workshop as ws,\n)\n"
        "from diagnostic.content import load\n"
        "import diagnostic.store\n"
        'monkeypatch.setattr("diagnostic.workshop_store.now", f)\n'
        "see `diagnostic/models.py` and `diagnostic/operators/`; diagnostic.ui stays\n"
    )
    assert mp.rewrite(text) == (
        "from diagnostic import i18n\n"
        "from diagnostic.method import benchmarks\n"
        "from diagnostic.content import loader as content  # why\n"
        "from diagnostic.method import scoring\n"
        "from diagnostic.workshop import participant as ws\n"
        "from diagnostic.content.loader import load\n"
        "import diagnostic.workshop.store\n"
        'monkeypatch.setattr("diagnostic.workshop.queries.now", f)\n'
        "see `diagnostic/content/models.py` and `diagnostic/content/operators/`; diagnostic.ui stays\n"
    )


def test_a_moved_module_looks_one_folder_higher_for_its_files() -> None:
    text = (
        'FONT_DIR = Path(__file__).resolve().parent / "fonts"\nX = Path(__file__).with_name("y")\n'
    )
    assert mp.deeper(text, "pdf_base.py") == (
        'FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"\n'
        'X = Path(__file__).parent.with_name("y")\n'
    )
    with pytest.raises(SystemExit, match="cannot adjust"):
        mp.deeper("HERE = __file__\n", "odd.py")


def _tree(tmp_path: Path, modules: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    (root / "diagnostic").mkdir(parents=True)
    for name, body in modules.items():
        (root / "diagnostic" / name).write_text(body, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    return root


def test_an_unmapped_module_stops_the_move_and_is_named(tmp_path: Path, capsys) -> None:
    root = _tree(tmp_path, {"__init__.py": "", "future_module.py": "", "scoring.py": ""})
    assert mp.main(["--root", str(root)]) == 1
    assert "future_module" in capsys.readouterr().err
    assert (root / "diagnostic" / "scoring.py").exists()  # nothing moved


def test_a_small_tree_is_moved_and_still_imports(tmp_path: Path, capsys) -> None:
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "facts.py": "X = 1\n",
            "scoring.py": "from diagnostic import facts\n\nY = facts.X + 1\n",
            "cli.py": "from diagnostic.scoring import Y\n\nZ = Y\n",
        },
    )
    assert mp.main(["--root", str(root), "--dry-run"]) == 0
    assert not (root / "diagnostic" / "method").exists()
    assert mp.main(["--root", str(root)]) == 0
    assert (root / "diagnostic" / "method" / "scoring.py").exists()
    assert (root / "diagnostic" / "content" / "facts.py").exists()
    out = subprocess.run(
        [sys.executable, "-c", "from diagnostic.cli import Z; print(Z)"],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.stdout.strip() == "2", out.stderr
    assert mp.main(["--root", str(root)]) == 1  # a moved tree is refused
    assert "was moved" in capsys.readouterr().err
