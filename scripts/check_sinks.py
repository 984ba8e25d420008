"""Fail when code could turn user text into markup or code (run by `make check`).

Looks, in the syntax tree of every module outside tests/, for calls that interpret text:
``unsafe_allow_html=True``, ``st.html``, ``components.html``, ``yaml.load``/``full_load``/
``unsafe_load``, fpdf2's ``write_html`` and ``markdown=True``, ``pickle.loads``, ``eval`` and
``exec``. A call site that only ever receives constant text can be allowed in ALLOWED below, with
the reason.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = {"eval", "exec"}
ATTRIBUTES = {"html", "load", "full_load", "unsafe_load", "write_html", "loads"}
OWNERS = {"html": {"st", "components"}, "load": {"yaml"}, "full_load": {"yaml"},
          "unsafe_load": {"yaml"}, "loads": {"pickle"}}  # fmt: skip
KEYWORDS = {"unsafe_allow_html", "markdown"}
# "path:line" or "path::function" (every call in that function) -> why it is safe.
ALLOWED: dict[str, str] = {
    "diagnostic/ui/focus.py::on_new_place": "constant script, our JSON-quoted messages",
    "diagnostic/ui/focus.py::on_refusal": "constant script",
    "diagnostic/ui/live_progress.py::render": "constant script, integers and our messages",
    "diagnostic/ui/style.py::apply": "constant CSS",
}


def offences(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    enclosing: dict[int, str] = {}  # call node -> innermost function (ast.walk goes outer first)
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            enclosing.update((id(n), fn.name) for n in ast.walk(fn))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, name = node.func, ""
        if isinstance(func, ast.Name) and func.id in FUNCTIONS:
            name = func.id
        elif isinstance(func, ast.Attribute) and func.attr in ATTRIBUTES:
            owner = func.value.id if isinstance(func.value, ast.Name) else ""
            if func.attr not in OWNERS or owner in OWNERS[func.attr]:
                name = f"{owner}.{func.attr}" if owner else func.attr
        for kw in node.keywords:
            if kw.arg in KEYWORDS and isinstance(kw.value, ast.Constant) and kw.value.value is True:
                name = f"{kw.arg}=True"
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        function = f"{path.relative_to(ROOT)}::{enclosing.get(id(node), '')}"
        if name and where not in ALLOWED and function not in ALLOWED:
            found.append(f"{where}: {name}")
    return found


def main() -> int:
    paths = [
        p
        for p in ROOT.rglob("*.py")
        if p.relative_to(ROOT).parts[0] not in {"tests", ".venv", "scripts"}
    ]
    found = [line for p in sorted(paths) for line in offences(p)]
    for line in found:
        print(f"dangerous sink: {line}", file=sys.stderr)
    print(f"check_sinks: {len(paths)} files, {len(found)} dangerous call(s)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
