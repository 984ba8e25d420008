"""The core stays pure: Streamlit only in app.py and diagnostic/ui/."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
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


# --- stages: content <- method <- outputs; workshop on top; nothing but app.py imports ui -------

STAGES = ("content", "method", "outputs", "workshop")
# Known, to be removed: ``Report.to_dict`` (method) writes the composed plan's JSON with
# ``plan_json`` (outputs, on main since issue 12); the JSON view belongs in outputs.
KNOWN_DEBT = {("diagnostic/method/report.py", "diagnostic.outputs.plan_json")}


def _stage_table() -> dict[str, str]:
    """Module name (before or after the package move) -> its stage, from the move's mapping."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mp", ROOT / "scripts" / "move_packages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {old: new.split(".")[0] for old, new in module.MAPPING.items()}


def _stage_of(dotted: str, table: dict[str, str]) -> str | None:
    parts = dotted.split(".")
    if len(parts) < 2 or parts[0] != "diagnostic":
        return None
    if parts[1] in STAGES and len(parts) > 2:  # after the move: diagnostic.<stage>.<module>
        return parts[1]
    return "ui" if parts[1] == "ui" else table.get(parts[1])


def _diagnostic_imports(path: Path) -> Iterator[str]:
    """Every diagnostic module a file imports, at any depth (function-level imports included)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "diagnostic":
            yield from (f"diagnostic.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("diagnostic."):
            yield str(node.module)
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("diagnostic."))


def test_stages_import_only_earlier_stages() -> None:
    table = _stage_table()
    wrong = []
    for path in (ROOT / "diagnostic").rglob("*.py"):
        dotted = ".".join(
            ("diagnostic", *path.relative_to(ROOT / "diagnostic").with_suffix("").parts)
        )
        mine = _stage_of(dotted, table)
        if mine not in STAGES:
            continue
        for imported in _diagnostic_imports(path):
            theirs = _stage_of(imported, table)
            later = theirs in STAGES and STAGES.index(theirs) > STAGES.index(mine)
            known = (str(path.relative_to(ROOT)), imported) in KNOWN_DEBT
            if theirs == "ui" or (later and not known):
                wrong.append(f"{path.relative_to(ROOT)} ({mine}) imports {imported} ({theirs})")
    assert wrong == []


def _runtime_imports(path: Path) -> Iterator[str]:
    """Like ``_diagnostic_imports`` but without ``if TYPE_CHECKING:`` blocks (never executed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "diagnostic":
            yield from (f"diagnostic.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("diagnostic."):
            yield str(node.module)
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("diagnostic."))


def test_no_import_circles() -> None:
    """Module A imports B (at any depth, type-checking blocks aside) never leads back to A."""
    modules: dict[str, Path] = {}
    for path in (ROOT / "diagnostic").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {
        name: {m for m in _runtime_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    circles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" -> ".join((*trail, start)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*trail, nxt)))
    assert circles == []


def test_stage_names_before_and_after_the_move() -> None:
    table = _stage_table()
    assert _stage_of("diagnostic.method.scoring", table) == "method"
    assert _stage_of("diagnostic.method.scoring", table) == "method"
    assert _stage_of("diagnostic.content.loader", table) == "content"
    assert _stage_of("diagnostic.content.loader.loader", table) == "content"
    assert _stage_of("diagnostic.workshop.participant", table) == "workshop"
    assert _stage_of("diagnostic.ui.wizard", table) == "ui"
