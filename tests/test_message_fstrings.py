"""Messages whose key is an f-string (``message(f"owner.{rule.owner}")``): every key they can
produce exists in French and in English.

The completeness test compares the two catalogues; it cannot see keys assembled at run time. This
test reads the code, finds every such call, enumerates the values its placeholder can take (the
literal tuple a loop walks, or the ``Literal`` type the value comes from) and checks each key.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

from diagnostic.content import advice, benchmark_data, models, operators
from diagnostic.content import loader as content
from diagnostic.i18n import catalogue
from diagnostic.method import (
    answers,
    bands,
    benchmarks,
    composition,
    confidence,
    owners,
    plan,
    readiness,
)
from diagnostic.outputs import exports
from diagnostic.ui import express, wizard
from diagnostic.workshop import history

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "diagnostic").rglob("*.py")), ROOT / "app.py"]


def _shipped_roles() -> tuple[str, ...]:
    policy = content.load_default().plan_policy
    assert policy is not None, "the shipped content declares its plan policy"
    return tuple(r.id for r in policy.owners.roles)


# The prefix of an f-string key → the values its placeholder can take, from the types the value
# comes from. A new f-string key with another prefix fails below until it is listed here.
VALUES: dict[str, tuple[str, ...]] = {
    "owner.": get_args(advice.Owner),
    "horizon.": get_args(advice.Horizon),
    "effort.": get_args(advice.Effort),
    "position.": get_args(benchmarks.Position),
    "status.": get_args(readiness.Status),
    "kind.": get_args(models.ReferenceKind),
    "provenance.": get_args(benchmark_data.Provenance),
    "answer.": get_args(operators.AnswerToken),
    "evidence.": (*get_args(answers.Evidence), "none"),
    "roadmap.": plan.ROADMAP,
    "file.": get_args(exports.FileKind),
    "history.source.": get_args(history.Source),
    "wizard.": tuple(t for t in wizard.TOKENS),
    # diagnostic/ui/wizard.py: status = "done" | "partly" | "todo" (step progress icon).
    "wizard.status.": ("done", "partly", "todo"),
    # diagnostic/ui/express.py: the express result's confidence word.
    "journey.confidence.": tuple(level for _, level in express.CONFIDENCE),
    # diagnostic/ui/workshop_dashboard.py: only the pooled group is named by a message.
    "ws.group.": ("other_roles",),
    "plan.confidence.": confidence.LEVELS,
    "plan.reason.": composition.CATEGORIES,
    "plan.shared_it.": tuple(owners.SHARED_IT.values()),
    # The roles the shipped content declares (plan_policy.yaml, owners.roles).
    "plan.role.": _shipped_roles(),
    # diagnostic/outputs/plan_text.py: the group support named in the socle banner.
    "plan.support.": ("ght_member", "ght_support", "private_group", "none"),
    # diagnostic/workshop/results.py: the CSV columns, comment included when asked for.
    "workshop.csv_": ("group", "participant", "dimension", "question", "text", "answer", "comment"),
    "band.size.": (*bands.SIZE_BANDS, bands.UNKNOWN),
    "band.region.": (*bands.REGION_BANDS, bands.UNKNOWN),
}


def _constants(node: ast.AST) -> tuple[str, ...] | None:
    if isinstance(node, ast.Tuple | ast.List) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
    ):
        return tuple(e.value for e in node.elts)  # type: ignore[attr-defined]
    return None


def _loop_values(tree: ast.AST, name: str, call: ast.Call) -> tuple[str, ...] | None:
    """Values of ``name`` when a ``for`` or comprehension around the call walks a literal tuple."""
    for node in ast.walk(tree):
        loops: list[ast.For | ast.comprehension] = []
        if isinstance(node, ast.For):
            loops = [node]
        elif isinstance(node, ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp):
            loops = list(node.generators)
        for loop in loops:
            inside = any(n is call for n in ast.walk(node))
            if inside and isinstance(loop.target, ast.Name) and loop.target.id == name:
                found = _constants(loop.iter)
                if found is not None:
                    return found
    return None


def fstring_keys() -> list[tuple[str, int, str, tuple[str, ...] | None]]:
    """(file, line, prefix + '{}' + suffix, possible values or None) for each f-string key."""
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "message"):
                continue
            if not call.args or not isinstance(call.args[0], ast.JoinedStr):
                continue
            parts = call.args[0].values
            holes = [p for p in parts if isinstance(p, ast.FormattedValue)]
            assert len(holes) == 1, f"{path.name}:{call.lineno}: one placeholder per key, please"
            index = parts.index(holes[0])
            prefix = "".join(str(p.value) for p in parts[:index] if isinstance(p, ast.Constant))
            suffix = "".join(
                str(p.value) for p in parts[index + 1 :] if isinstance(p, ast.Constant)
            )
            hole = holes[0].value
            values = _loop_values(tree, hole.id, call) if isinstance(hole, ast.Name) else None
            if values is None:
                values = VALUES.get(prefix)
            rel = str(path.relative_to(ROOT))
            found.append((rel, call.lineno, f"{prefix}{{}}{suffix}", values))
    return found


def test_the_scan_finds_the_known_calls() -> None:
    templates = {t for _, _, t, _ in fstring_keys()}
    assert {"plan.role.{}", "csv.{}", "nav.{}", "answer.{}", "workshop.csv_{}"} <= templates


def test_every_fstring_message_key_exists_in_both_languages() -> None:
    unknown, missing = [], []
    for file, line, template, values in fstring_keys():
        if values is None:
            unknown.append(f"{file}:{line} {template}")
            continue
        for value in values:
            key = template.replace("{}", value)
            for lang in ("fr", "en"):
                if key not in catalogue(lang):
                    missing.append(f"{file}:{line} {key} ({lang})")
    assert not unknown, f"list the values of these f-string keys in VALUES: {unknown}"
    assert not missing
