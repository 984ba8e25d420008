"""The ``diagnostic`` command line: validate content, score an answers file.

Every command prints a clear message and exits 2 on bad input; a traceback is a bug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from diagnostic import content
from diagnostic.errors import ContentError, InputError

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.path) if args.path else content.default_root()
    if not root.exists():
        print(f"{root}: no such file or directory", file=sys.stderr)
        return EXIT_BAD_INPUT
    dirs = content.questionnaire_dirs(root) if root.is_dir() else []
    if not dirs:
        print(
            f"{root}: no questionnaire directory (with a questionnaire.yaml) found", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    for directory in dirs:
        q = content.load(directory)
        print(summary_line(q))
    return EXIT_OK


def summary_line(q: content.Questionnaire) -> str:
    counts = [
        f"{len(q.dimensions)} dimensions",
        f"{len(q.questions)} questions",
        f"{len(q.profile)} profile questions",
        f"{len(q.red_flags)} red flags",
        f"{len(q.references)} references",
    ]
    return f"{q.id} {q.version}: valid — " + ", ".join(counts)


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "validate": (cmd_validate, "check questionnaire content and print a summary"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diagnostic", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_func, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == "validate":
            p.add_argument("path", nargs="?", help="questionnaire directory or folder of them")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func = COMMANDS[args.command][0]
    try:
        return func(args)
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except InputError as exc:
        print(exc.render(getattr(args, "lang", "en")), file=sys.stderr)
        return EXIT_BAD_INPUT
