"""The guides say what is true: quoted validate errors, paths named, commands listed.

* ``docs/authoring.md`` quotes, for each content file, the message ``diagnostic validate`` prints
  for a typical mistake: each mistake below is made on a copy of the shipped content and the
  message printed must appear in the guide word for word.
* Every repository path the README and the docs name exists.
* The CLI's docstring and ``--help`` list every command.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from diagnostic import cli

from .conftest import ROOT, SHIPPED

GUIDE = ROOT / "docs" / "authoring.md"

# (file, text as shipped, the same text with the mistake the guide shows)
MISTAKES = [
    ("dimensions/01-governance.yaml", "    help:", "    hlep:"),
    ("questionnaire.yaml", 'reviewed_on: "2026-12-03"', 'reviewed_on: "03/12/2026"'),
    ("profile.yaml", "  - id: establishment_type\n    kind: single", "  - id: establishment_type\n    kind: singel"),
    ("scales.yaml", '      - level: 4\n        label: {fr: "Plus de 60 %"', '      - level: 5\n        label: {fr: "Plus de 60 %"'),
    ("scoring.yaml", "min_score: 20\n", "min_score: 200\n"),
    ("red_flags.yaml", "caps_stage: emerging", "caps_stage: emergent"),
    ("references.yaml", "  kind: official_text", "  kind: law"),
    ("rules/01-governance-compliance-security.yaml", "    dimension: governance\n    topic: ai_strategy", "    dimension: governence\n    topic: ai_strategy"),
    ("levers.yaml", "    references: [uniha_colloquium, uniha_initiative]", "    references: [uniha_colloquim, uniha_initiative]"),
    ("use_cases.yaml", "    in_production_tools: [imaging_ai]", "    in_production_tools: [imaging]"),
    ("calendar.yaml", '    date: "2021-05-26"', '    date: "26/05/2021"'),
    ("targets.yaml", "  targets: {governance: 60,", "  targets: {governence: 60,"),
    ("benchmark_map.yaml", "    indicator: public_with_ai_lead_or_committee", "    indicator: public_with_ai_lead"),
    ("plan.yaml", "  first_quarter: 8", "  first_quater: 8"),
    ("consistency.yaml", "    quotes: [training.charter, security.shadow_ai]", "    quotes: [training.charter, governance.ai_lead]"),
    ("pulse.yaml", "      counts: [never_heard]", "      counts: [never_herd]"),
]  # fmt: skip


def test_every_content_file_has_a_section_with_a_mistake() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    files = {p.relative_to(SHIPPED).parts[0] for p in SHIPPED.iterdir() if p.suffix == ".yaml"}
    assert files - {f for f, _, _ in MISTAKES} == set()
    for name in files | {"rules/*.yaml", "dimensions/NN-name.yaml"}:
        assert f"## `{name}`" in guide, name


@pytest.mark.parametrize(("file", "shipped", "wrong"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_the_quoted_validate_error_is_what_validate_prints(
    tmp_path: Path, file: str, shipped: str, wrong: str
) -> None:
    root = tmp_path / "questionnaires" / "ia-sante"
    shutil.copytree(SHIPPED, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert shipped in text, f"the shipped {file} changed: update MISTAKES and the guide"
    path.write_text(text.replace(shipped, wrong, 1), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "diagnostic", "validate", "questionnaires/ia-sante"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 2 and "Traceback" not in out.stderr
    printed = out.stderr.strip()
    assert printed and printed in GUIDE.read_text(encoding="utf-8"), printed


# Paths written in backticks or links: a repository path starts with one of these.
TOP = ("diagnostic/", "docs/", "tests/", "perf/", "scripts/", "questionnaires/", "benchmarks/",
       "examples/", "app.py", "pyproject.toml", "Makefile", "README.md", "CONTRIBUTING.md",
       "CHANGELOG.md", "requirements")  # fmt: skip
# Named on purpose although absent: written by `make perf` (git-ignored), or an example of what to create.
NOT_IN_GIT = {"perf/results.json", "benchmarks/2026/"}
PATH = re.compile(r"[`(\[]((?:\.\./)?[A-Za-z0-9_.\-/*<>]+)[`)\]]")


def _named_paths(doc: Path) -> set[str]:
    found = set()
    for raw in PATH.findall(doc.read_text(encoding="utf-8")):
        path = raw.removeprefix("./")
        if path.startswith(TOP) and "<" not in path and "NN" not in path and path not in NOT_IN_GIT:
            found.add(path)
    return found


DOCS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    ROOT / "benchmarks" / "README.md",
]
DOCS += [p for p in (ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md") if p.exists()]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_a_document_names_exists(doc: Path) -> None:
    base = ROOT if doc.parent == ROOT or doc.parent.name == "docs" else doc.parent
    missing = []
    for path in sorted(_named_paths(doc)):
        matches = list(ROOT.glob(path)) or list(base.glob(path))
        if not matches:
            missing.append(path)
    assert missing == [], f"{doc.name} names paths that do not exist"


def test_the_path_check_sees_a_wrong_path(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text("see `questionnaires/ia-sante/rules.yaml` and [m](docs/method.md)\n")
    assert _named_paths(doc) == {"questionnaires/ia-sante/rules.yaml", "docs/method.md"}
    assert not list(ROOT.glob("questionnaires/ia-sante/rules.yaml"))


def test_the_cli_docstring_and_help_list_every_command() -> None:
    doc = cli.__doc__ or ""
    usage = cli.build_parser().format_help()
    for name in cli.COMMANDS:
        assert f"``{name}``" in doc, name
        assert name in usage, name
