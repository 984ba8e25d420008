"""The core stays pure: Streamlit only in app.py and diagnostic/ui/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_core_does_not_import_streamlit() -> None:
    code = (
        "import sys, importlib, pkgutil, diagnostic\n"
        "for m in pkgutil.walk_packages(diagnostic.__path__, 'diagnostic.'):\n"
        "    if not m.name.startswith(('diagnostic.ui', 'diagnostic.__main__')):\n"
        "        importlib.import_module(m.name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_streamlit_is_imported_only_by_the_interface() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "diagnostic").rglob("*.py")
        if "streamlit" in _imports(p) and "ui" not in p.relative_to(ROOT / "diagnostic").parts[:1]
    ]
    assert offenders == []


def test_modules_stay_small() -> None:
    """Modules over ~300 lines are split; 400 is the hard line this test holds."""
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "diagnostic").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
