"""The ``diagnostic`` command line.

Commands (``python -m diagnostic --help`` lists them with their help line):

* ``validate``: check questionnaire content (and benchmark editions) and print a summary;
* ``score``: score an answers file per dimension (``--json`` for JSON);
* ``report``: the full report: scores, benchmarks, plan, calendar, use cases;
* ``pdf``: write the PDF action plan;
* ``docx``: write the editable Word copy of the plan;
* ``batch``: score a folder of answers files or a CSV of establishments (CSV and XLSX);
* ``schema``: check (or ``--write``) the JSON Schemas of the content files;
* ``purge``: delete expired drafts and workshops now;
* ``workshop``: operator: unlock a workshop's key attempts or rotate its facilitator key;
* ``history``: operator: list establishment histories, hand a code to those saved before history
  codes existed, or replace a lost or leaked code;
* ``peers``: operator: export the anonymised peer pool, withdraw a contribution, count its cells;
* ``audit``: operator: verify the audit log's hash chain;
* ``pulse``: a staff pulse survey's results (owner key on stdin);
* ``campaign``: create a campaign (prints its owner key and links once), its status, its export.

Every command prints a clear message and exits 2 on bad input; a traceback is a bug. Commands are
rows of the ``COMMANDS`` table: a function, the arguments it takes and a help line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from diagnostic import cli_campaign, cli_operator, cli_peers, cli_pulse
from diagnostic.content import loader as content
from diagnostic.content import provenance, schema
from diagnostic.content.benchmark_data import EditionFile
from diagnostic.errors import ContentError, InputError
from diagnostic.i18n import as_lang, message, percent
from diagnostic.method import answers as answers_mod
from diagnostic.method import benchmarks
from diagnostic.method.perception_gap import check_pulse_editions

if TYPE_CHECKING:
    from diagnostic.method.report import Report
    from diagnostic.method.scoring import ScoreResult

# Heavy modules (pandas, Altair, fpdf2) are imported inside the commands that need them, so
# `diagnostic validate` answers an author in well under a second.
EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _questionnaire(args: argparse.Namespace) -> content.Questionnaire:
    if getattr(args, "questionnaire", None):
        return content.load(Path(args.questionnaire))
    return content.load_default()


def _read_answers(path: str, q: content.Questionnaire) -> answers_mod.Answers:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError("cli.cannot_read", {"path": path, "reason": exc.strerror}) from None
    return answers_mod.read(raw, q)


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.path) if args.path else content.default_root()
    if not root.is_dir():
        print(f"{root}: not a directory", file=sys.stderr)
        return EXIT_BAD_INPUT
    dirs = content.questionnaire_dirs(root)
    if not dirs:
        print(f"{root}: no questionnaire directory (with questionnaire.yaml)", file=sys.stderr)
        return EXIT_BAD_INPUT
    bench_root = Path(args.benchmarks) if args.benchmarks else benchmarks.default_root()
    for directory in dirs:
        q = content.load(directory)
        editions = benchmarks.load_editions(bench_root) if q.comparisons or q.pulse else {}
        problems = benchmarks.check_editions(q, editions) + check_pulse_editions(q, editions)
        if problems:
            raise ContentError(problems)
        print(summary_line(q, editions))
        if provenance.is_stale(q, date.today()):
            print(
                f"warning: {q.id}: regulatory content reviewed on {q.meta.reviewed_on}, more than "
                "six months ago; re-check the calendar and references against the primary texts, "
                "then update reviewed_on in questionnaire.yaml",
                file=sys.stderr,
            )
    return EXIT_OK


def summary_line(q: content.Questionnaire, editions: Mapping[str, EditionFile]) -> str:
    """One line of counts; advice and benchmark counts only where the content has them."""
    counts = [
        f"{len(q.dimensions)} dimensions",
        f"{len(q.questions)} questions",
        f"{len(q.profile)} profile questions",
        f"{len(q.red_flags)} red flags",
        f"{len(q.references)} references",
    ]
    if q.rules:
        counts.append(f"{len(q.rules)} rules")
    if q.use_cases:
        counts.append(f"{len(q.use_cases)} use cases")
    if q.calendar:
        counts.append(f"{len(q.calendar)} calendar dates")
    if q.consistency:
        counts.append(f"{len(q.consistency)} consistency checks")
    for name, edition in editions.items():
        counts.append(f"{len(edition.indicators)} indicators in edition {name}, all sourced")
    return f"{q.id} {q.version}: valid — " + ", ".join(counts)


def score_table(q: content.Questionnaire, result: ScoreResult, lang: str) -> str:
    """A plain-text table per dimension, then the overall line and the red flags."""
    from diagnostic.outputs import report_text
    from diagnostic.outputs.wording import score_text, stage_name

    columns = message("report.dimension_columns", lang).split("|")
    rows = [[columns[0], columns[1], columns[4], columns[5], columns[6]]]
    for d in result.dimensions:
        rows.append(
            [
                q.dimension(d.dimension_id).title.get(lang),
                score_text(d.score, lang),
                stage_name(q, d.stage_id, lang),
                percent(d.coverage * 100, lang),
                "–" if d.visibility is None else percent(d.visibility * 100, lang),
            ]
        )
    lines = report_text.table(rows)
    overall = score_text(result.overall, lang).split("/")[0]
    lines += [
        "",
        message("report.overall", lang, stage=stage_name(q, result.stage, lang), score=overall),
    ]
    if result.red_flags:
        lines.append(
            message("report.red_flags", lang) + " :" * (lang == "fr") + ":" * (lang != "fr")
        )
        for flag in result.red_flags:
            title = next(f.title.get(lang) for f in q.red_flags if f.id == flag.flag_id)
            lines.append(f"  ! {title}")
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> int:
    from diagnostic.method.scoring import score

    q = _questionnaire(args)
    result = score(q, _read_answers(args.answers, q))
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(score_table(q, result, as_lang(args.lang)))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from diagnostic.method.report import build_report
    from diagnostic.outputs import report_text

    q = _questionnaire(args)
    answers = _read_answers(args.answers, q)
    editions = benchmarks.load_editions()
    if args.edition and args.edition not in editions:
        raise InputError(
            "cli.unknown_edition", {"edition": args.edition, "known": ", ".join(editions)}
        )
    report = build_report(q, answers, editions, edition=args.edition)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report_text.render(report, as_lang(args.lang), why=args.why), end="")
    return EXIT_OK


def _deliverable(args: argparse.Namespace, render: Callable[[Report, str], bytes]) -> int:
    from diagnostic.method.report import build_report

    q = _questionnaire(args)
    report = build_report(q, _read_answers(args.answers, q), benchmarks.load_editions())
    data = render(report, as_lang(args.lang))
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise InputError(
            "cli.cannot_write", {"path": args.output, "reason": exc.strerror}
        ) from None
    print(f"{args.output}: {len(data) // 1024} KB")
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace) -> int:
    from diagnostic.outputs import pdf

    return _deliverable(args, pdf.render)


def cmd_docx(args: argparse.Namespace) -> int:
    from diagnostic.outputs import docx_export

    return _deliverable(args, docx_export.render)


def cmd_schema(args: argparse.Namespace) -> int:
    root = content.default_root()
    if args.write:
        for path in schema.write(root):
            print(f"wrote {path}")
        return EXIT_OK
    out_of_date = schema.stale(root)
    for name in out_of_date:
        print(f"{name} is stale: run `make schema`", file=sys.stderr)
    return EXIT_BAD_INPUT if out_of_date else EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    """Apply the retention periods now; a long-running server otherwise purges only at start."""
    del args
    from diagnostic.workshop import admin as workshop_admin
    from diagnostic.workshop import store

    engine = store.make_engine()
    drafts = store.purge_expired(engine)
    purged = workshop_admin.purge_expired(engine)
    print(f"{drafts} expired draft(s) and {len(purged)} expired workshop(s) deleted")
    return EXIT_OK


def cmd_batch(args: argparse.Namespace) -> int:
    """Score a folder of answers files or a CSV of establishments; write CSV and XLSX."""
    from diagnostic.outputs import batch

    lang = as_lang(args.lang)
    q = _questionnaire(args)
    frame = batch.load(q, Path(args.source), args.id_column, lang)
    long_run = len(frame) >= batch.PROGRESS_FROM
    bar = batch.progress_bar(sys.stderr, "score") if long_run else None
    table = batch.score_rows(q, frame, bar)
    written = batch.write(table, Path(args.output), xlsx=not args.no_xlsx)
    print("\n".join(batch.summary(q, table, lang)))
    print(message("batch.written", lang, files=", ".join(str(p) for p in written)))
    return EXIT_OK


def _args_none(p: argparse.ArgumentParser) -> None:
    del p


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", help="questionnaire directory or folder of them")
    p.add_argument("--benchmarks", help="benchmarks folder (default: the shipped one)")


def _args_score(p: argparse.ArgumentParser) -> None:
    p.add_argument("answers", help="answers file (.yaml or .json)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--lang", default="fr", choices=["fr", "en"])
    p.add_argument("--questionnaire", help="questionnaire directory (default: the shipped one)")


def _args_report(p: argparse.ArgumentParser) -> None:
    _args_score(p)
    p.add_argument("--edition", help="benchmark edition (default: the latest)")
    p.add_argument(
        "--why",
        action="store_true",
        help="show for each action its rule, the answers behind it and the reason for its place",
    )


def _args_output(suffix: str) -> Callable[[argparse.ArgumentParser], None]:
    def add(p: argparse.ArgumentParser) -> None:
        p.add_argument("answers", help="answers file (.yaml or .json)")
        p.add_argument("-o", "--output", default=f"plan-action-ia.{suffix}", help="file to write")
        p.add_argument("--lang", default="fr", choices=["fr", "en"])
        p.add_argument("--questionnaire", help="questionnaire directory (default: the shipped one)")

    return add


def _args_batch(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "source", help="folder of answers files, or a CSV with one row per establishment"
    )
    p.add_argument(
        "-o", "--output", default="diagnostic-batch", help="writes OUTPUT.csv, OUTPUT.xlsx"
    )
    p.add_argument("--no-xlsx", action="store_true", help="write the CSV only (faster)")
    p.add_argument("--id-column", default="id", help="CSV column naming each row (default: id)")
    p.add_argument("--lang", default="fr", choices=["fr", "en"])
    p.add_argument("--questionnaire", help="questionnaire directory (default: the shipped one)")


def _args_schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("--write", action="store_true", help="rewrite the schema files")


Command = tuple[Callable[[argparse.Namespace], int], Callable[[argparse.ArgumentParser], None], str]
COMMANDS: dict[str, Command] = {
    "validate": (cmd_validate, _args_validate, "check questionnaire content and print a summary"),
    "score": (cmd_score, _args_score, "score an answers file per dimension"),
    "report": (cmd_report, _args_report, "full report: scores, benchmarks, plan, calendar"),
    "pdf": (cmd_pdf, _args_output("pdf"), "write the PDF action plan"),
    "docx": (cmd_docx, _args_output("docx"), "write the editable Word copy of the plan"),
    "batch": (cmd_batch, _args_batch, "score many establishments: one row each, CSV and XLSX"),
    "schema": (cmd_schema, _args_schema, "check (or --write) the content JSON Schemas"),
    "purge": (cmd_purge, _args_none, "delete expired drafts and workshops now (daily timer)"),
    "workshop": (
        cli_operator.cmd_workshop,
        cli_operator.args_workshop,
        "operator: unlock a workshop's key attempts or rotate its facilitator key",
    ),
    "history": (
        cli_operator.cmd_history,
        cli_operator.args_history,
        "operator: list diagnostics saved before history codes, or give them a history and code",
    ),
    "peers": (
        cli_peers.cmd_peers,
        cli_peers.args_peers,
        "opt-in peer pool: export, withdraw, stats",
    ),
    "campaign": (
        cli_campaign.cmd_campaign,
        cli_campaign.args_campaign,
        "campaigns: create, status, export",
    ),
    "audit": (
        cli_operator.cmd_audit,
        cli_operator.args_audit,
        "operator: verify the audit log's hash chain (exit 1 naming the first broken row)",
    ),
    "pulse": (cli_pulse.cmd_pulse, cli_pulse.args_pulse, "a staff pulse's results (key on stdin)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diagnostic", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_func, add_args, help_text) in COMMANDS.items():
        add_args(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func = COMMANDS[args.command][0]
    lang = as_lang(getattr(args, "lang", "en"))
    try:
        return func(args)
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
    except InputError as exc:
        print(exc.render(lang), file=sys.stderr)
    return EXIT_BAD_INPUT
