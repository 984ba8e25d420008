"""Move diagnostic/'s flat modules into the stage packages and rewrite every import (issue 15).

Usage::

    python scripts/move_packages.py --dry-run     # print the plan, change nothing
    python scripts/move_packages.py               # git mv + rewrite, in this work tree
    python scripts/move_packages.py --root DIR    # the same in another checkout (a copy to try)

The packages are the pipeline's stages (docs/architecture.md): ``content`` (strict YAML, models,
operators, loading, cross-checks, schema), ``method`` (answers, scoring, targets, benchmarks,
rules, plan, calendar, readiness, report), ``outputs`` (wording, charts, text, exports, document
model, PDF, Word, campaign tables) and ``workshop`` (store, access, administration, statistics,
results, history). ``ui/``, the CLI, messages and errors stay where they are.

The script refuses to run when diagnostic/ has a top-level module that :data:`MAPPING` does not
place and :data:`KEEP` does not keep (other branches add modules): add it to the table first. It
also refuses a tree already moved. Rewritten: ``from diagnostic import x``, every dotted
``diagnostic.x`` (imports, strings, docs), every ``diagnostic/x.py`` path, and the
``Path(__file__)`` look-ups of moved modules (one level deeper now).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

# old top-level module (or package) of diagnostic/ -> its new dotted name under diagnostic.
MAPPING: dict[str, str] = {
    # content: what the YAML says, validated and cross-checked
    "yamlsafe": "content.yamlsafe",
    "models_base": "content.models_base",
    "models": "content.models",
    "advice": "content.advice",
    "benchmark_data": "content.benchmark_data",
    "operators": "content.operators",
    "facts": "content.facts",
    "levels": "content.levels",
    "content": "content.loader",
    "validation": "content.validation",
    "crosscheck": "content.crosscheck",
    "crosscheck_advice": "content.crosscheck_advice",
    "provenance": "content.provenance",
    "schema": "content.schema",
    # method: from answers to one report
    "answers": "method.answers",
    "conditions": "method.conditions",
    "scoring": "method.scoring",
    "scoring_batch": "method.scoring_batch",
    "scoring_batch_frame": "method.scoring_batch_frame",
    "targets": "method.targets",
    "benchmarks": "method.benchmarks",
    "rules": "method.rules",
    "plan": "method.plan",
    "deadlines": "method.deadlines",
    "readiness": "method.readiness",
    "consistency": "method.consistency",
    "report": "method.report",
    # outputs: the report said on paper, in files and in words
    "wording": "outputs.wording",
    "charts": "outputs.charts",
    "chart_images": "outputs.chart_images",
    "report_text": "outputs.report_text",
    "exports": "outputs.exports",
    "blocks": "outputs.blocks",
    "document": "outputs.document",
    "pdf_base": "outputs.pdf_base",
    "pdf": "outputs.pdf",
    "docx_export": "outputs.docx_export",
    "batch": "outputs.batch",
    # workshop: several respondents, storage and history
    "tables": "workshop.tables",
    "store": "workshop.store",
    "audit": "workshop.audit",
    "key_throttle": "workshop.key_throttle",
    "workshop_store": "workshop.queries",
    "workshop": "workshop.participant",
    "workshop_access": "workshop.access",
    "workshop_admin": "workshop.admin",
    "workshop_stats": "workshop.stats",
    "workshop_results": "workshop.results",
    "history": "workshop.history",
    # Added on main by other branches (issues 12-14); placed by their docstrings and imports.
    "plan_models": "content.plan_models",
    "crosscheck_plan": "content.crosscheck_plan",
    "validation_text": "content.validation_text",
    "composition": "method.composition",
    "confidence": "method.confidence",
    "owners": "method.owners",
    "plan_text": "outputs.plan_text",
    "plan_lines": "outputs.plan_lines",
    "plan_json": "outputs.plan_json",
    "document_plan": "outputs.document_plan",
    "deliverable_cache": "outputs.deliverable_cache",
    "provisional": "outputs.provisional",
    "access_tables": "workshop.access_tables",
    "creation_guard": "workshop.creation_guard",
    "history_access": "workshop.history_access",
}
# Stay at the top: the package itself, the command line, and what every stage uses.
KEEP = {"__init__", "__main__", "cli", "cli_operator", "errors", "i18n", "ui", "locale", "fonts"}
PACKAGES = {
    "content": "The content stage: strict YAML read into validated, cross-checked models.",
    "method": "The method stage: answers, scores, targets, benchmarks, rules, plan, one report.",
    "outputs": "The outputs stage: the report in words, charts, text, CSV, PDF, Word, tables.",
    "workshop": "Workshops: storage, access, administration, statistics, results, history.",
}
# Where imports and names are rewritten (relative to the root); binary files are never read.
REWRITE_GLOBS = ("diagnostic/**/*.py", "tests/**/*.py", "perf/**/*.py", "scripts/*.py",
                 "app.py", "docs/*.md", "*.md", "benchmarks/*.md", "pyproject.toml", "Makefile",
                 ".pre-commit-config.yaml", "questionnaires/schema/*.json")  # fmt: skip
THIS = Path(__file__).resolve()
# This script and its test quote old and new names on purpose: never rewritten.
SELF = (THIS, THIS.parent.parent / "tests" / "test_move_packages.py")


def top_level(root: Path) -> set[str]:
    """Modules and packages directly in diagnostic/ (``.py`` files and folders)."""
    folder = root / "diagnostic"
    names = {p.stem for p in folder.glob("*.py")}
    names |= {p.name for p in folder.iterdir() if p.is_dir() and p.name != "__pycache__"}
    return names


def unmapped(root: Path) -> list[str]:
    return sorted(top_level(root) - MAPPING.keys() - KEEP)


def source(root: Path, old: str) -> Path:
    folder = root / "diagnostic" / old
    return folder if folder.is_dir() else folder.with_suffix(".py")


def target(root: Path, old: str) -> Path:
    new = root / "diagnostic" / Path(*MAPPING[old].split("."))
    return new if source(root, old).is_dir() else new.with_suffix(".py")


_DOTTED = re.compile(
    r"\bdiagnostic\.("
    + "|".join(sorted(map(re.escape, MAPPING), key=len, reverse=True))
    + r")(?!\w)"
)
_PATHS = re.compile(
    r"\bdiagnostic/("
    + "|".join(sorted(map(re.escape, MAPPING), key=len, reverse=True))
    + r")(\.py|/)"
)
_FROM_PACKAGE = re.compile(r"^(\s*)from diagnostic import (\([^)]*\)|[^\n]+)$", re.M)


def _split_from_package(match: re.Match[str]) -> str:
    """``from diagnostic import a, b as c`` with moved names split onto their new packages."""
    indent, names = match.group(1), match.group(2).strip("()")
    comment = ""
    if "#" in names:
        names, comment = names.split("#", 1)
        comment = "  #" + comment.rstrip()
    kept, lines = [], []
    for item in (n.strip() for n in names.replace("\n", " ").split(",")):
        if not item:
            continue
        name, _, alias = item.partition(" as ")
        name, alias = name.strip(), alias.strip() or name.strip()
        if name not in MAPPING:
            kept.append(item)
            continue
        package, _, module = MAPPING[name].rpartition(".")
        shown = module if module == alias else f"{module} as {alias}"
        lines.append(f"{indent}from diagnostic.{package} import {shown}")
    if kept:
        lines.insert(0, f"{indent}from diagnostic import {', '.join(kept)}")
    return "\n".join(lines) + comment


def rewrite(text: str) -> str:
    # Dotted names first: the split imports below name the new packages (diagnostic.content is
    # both an old module and a new package), which must not be rewritten a second time.
    text = _DOTTED.sub(lambda m: "diagnostic." + MAPPING[m.group(1)], text)
    text = _FROM_PACKAGE.sub(_split_from_package, text)
    return _PATHS.sub(
        lambda m: "diagnostic/" + MAPPING[m.group(1)].replace(".", "/") + m.group(2), text
    )


_HERE = re.compile(r"Path\(__file__\)(\.resolve\(\))?\.(parent|with_name\()")


def deeper(text: str, name: str) -> str:
    """A moved module's ``Path(__file__)`` look-ups, one folder up (it now lives one deeper)."""

    def up(m: re.Match[str]) -> str:
        base = f"Path(__file__){m.group(1) or ''}"
        return f"{base}.parent.parent" if m.group(2) == "parent" else f"{base}.parent.with_name("

    found = text.count("__file__")
    text, changed = _HERE.subn(up, text)
    if changed != found:
        raise SystemExit(f"{name}: a Path(__file__) use this script cannot adjust; fix it by hand")
    return text


def files_to_rewrite(root: Path) -> list[Path]:
    found = {p for pattern in REWRITE_GLOBS for p in root.glob(pattern) if p.is_file()}
    own = {root / p.relative_to(THIS.parent.parent) for p in SELF}
    return sorted(p for p in found if p not in own and ".venv" not in p.parts)


def plan(root: Path) -> tuple[list[tuple[Path, Path]], dict[Path, str]]:
    """The moves, and every file whose text changes (path as it will be -> new text)."""
    moves = [
        (source(root, old), target(root, old)) for old in MAPPING if source(root, old).exists()
    ]
    moved_to = {src.resolve(): dst for src, dst in moves}
    changed: dict[Path, str] = {}
    for path in files_to_rewrite(root):
        old = path.read_text(encoding="utf-8")
        new = rewrite(old)
        owner = next((s for s in moved_to if path.resolve().is_relative_to(s)), None)
        if owner is not None and path.suffix == ".py":
            new = deeper(new, path.name)
        if new != old:
            where = moved_to[owner] / path.relative_to(owner) if owner and owner.is_dir() else None
            changed[where or moved_to.get(path.resolve(), path)] = new
    return moves, changed


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    parser.add_argument("--root", type=Path, default=THIS.parent.parent, help="checkout to move")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    if any((root / "diagnostic" / p).is_dir() for p in PACKAGES):
        print("the stage packages exist already: this tree was moved", file=sys.stderr)
        return 1
    if missing := unmapped(root):
        listed = "\n  ".join(missing)
        print(f"no mapping for these top-level modules of diagnostic/ (add them to MAPPING or KEEP "
              f"in scripts/move_packages.py):\n  {listed}", file=sys.stderr)  # fmt: skip
        return 1
    moves, changed = plan(root)
    for src, dst in moves:
        print(f"git mv {src.relative_to(root)} {dst.relative_to(root)}")
    for path in sorted(changed):
        print(f"rewrite {path.relative_to(root)}")
    if args.dry_run:
        print(f"dry run: {len(moves)} moves, {len(changed)} files rewritten; nothing changed")
        return 0
    for package, doc in PACKAGES.items():
        folder = root / "diagnostic" / package
        folder.mkdir()
        (folder / "__init__.py").write_text(f'"""{doc}"""\n', encoding="utf-8")
        git(root, "add", str(folder / "__init__.py"))
    for src, dst in moves:
        git(root, "mv", str(src), str(dst))
    for path, text in changed.items():
        path.write_text(text, encoding="utf-8")
    ruff = root / ".venv" / "bin" / "ruff"
    if ruff.exists():  # sort the rewritten imports and wrap the lines they made too long
        subprocess.run([str(ruff), "check", "--fix", "--select", "I", "-q", str(root)], check=False)
        subprocess.run([str(ruff), "format", "-q", str(root)], check=False)
        # Docstrings and comments naming the longer paths are not wrapped by the formatter.
        long = subprocess.run(
            [str(ruff), "check", "--select", "E501", "--output-format", "concise", str(root)],
            capture_output=True, text=True, check=False,
        ).stdout.strip()  # fmt: skip
        if long:
            print(f"rewrap these lines by hand (ruff E501):\n{long}")
    print(f"{len(moves)} modules moved, {len(changed)} files rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
