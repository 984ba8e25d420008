"""Reference outputs of the three examples: scores, plan and PDF text, kept in a golden file.

Why: refactors (issue 15) must not change what an establishment gets. The golden file
``tests/fixtures/reference_outputs.json`` records, for each example, the scores, the plan (rule
ids and priorities in order) and the text of the French PDF; ``tests/test_reference_outputs.py``
compares the current code with it.

When a change is *meant* to alter these outputs (new rules, a reworded PDF), regenerate the file
with one command and commit it with the change, so the diff shows what moved::

    .venv/bin/python -m tests.reference_outputs --write
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from diagnostic.content import loader as content
from diagnostic.method import benchmarks
from diagnostic.method.answers import read
from diagnostic.method.report import build_report
from diagnostic.outputs import pdf

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "reference_outputs.json"
EXAMPLES = ("chu-grand", "ch-moyen", "ehpad")
DAY = date(2026, 11, 28)  # a fixed date: deadlines and the PDF's date depend on it


def _pdf_text(data: bytes) -> list[str]:
    """The PDF's text, page by page, with whitespace squashed (wrapping is not content)."""
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def outputs() -> dict[str, Any]:
    """The reference outputs of every example, from the code as it is now."""
    q = content.load(ROOT / "questionnaires" / "ia-sante")
    editions = benchmarks.load_editions()
    result: dict[str, Any] = {}
    for name in EXAMPLES:
        answers = read((ROOT / "examples" / f"{name}.yaml").read_bytes(), q)
        report = build_report(q, answers, editions, today=DAY)
        result[name] = {
            "scores": json.loads(json.dumps(report.scores.to_dict())),
            "plan": [[a.id, a.rule.priority, a.roadmap] for a in report.plan.actions],
            "pdf_text": _pdf_text(pdf.render(report, "fr")),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {GOLDEN.name}")
    args = parser.parse_args(argv)
    current = outputs()
    if args.write:
        text = json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}")
        return 0
    same = json.loads(GOLDEN.read_text(encoding="utf-8")) == current
    print("reference outputs unchanged" if same else "reference outputs differ (see pytest)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
