"""``diagnostic pulse results <id>``: a pulse's results on the command line, key read on stdin.

The owner key is read from standard input (never from the command line, where it would stay in
the shell history and the process list), checked like on screen (same throttling, same refusal).
The output follows the screen: nothing while results are hidden, then the disclosed groups only,
the three-way comparison and the findings (with ``--answers``, the management's answers file).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from diagnostic.errors import InputError

EXIT_OK = 0


def args_pulse(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["results"], help="results: print the pulse's results")
    p.add_argument("pulse_id", help="the pulse id (shown to its owner when it was opened)")
    p.add_argument("--answers", help="the management's answers file, for the comparison")
    p.add_argument("--lang", choices=["fr", "en"], default="fr")
    p.add_argument("--database", help="database URL (default: DIAGNOSTIC_DATABASE_URL)")


def _rows(headings: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    print("\t".join(headings))
    for row in rows:
        print("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))


def cmd_pulse(args: argparse.Namespace) -> int:
    from diagnostic.content import loader
    from diagnostic.i18n import message
    from diagnostic.method import answers as answers_mod
    from diagnostic.method import benchmarks
    from diagnostic.method import perception_gap as gap
    from diagnostic.method.disclosure import configured_min_group
    from diagnostic.method.pulse_stats import results
    from diagnostic.outputs import pulse_text
    from diagnostic.workshop import pulse as pulses
    from diagnostic.workshop import store

    lang = args.lang
    q = loader.load_default()
    key = sys.stdin.readline().strip()
    if not key or q.pulse is None:
        raise InputError("pulse.access_denied")
    management = None
    if args.answers:
        try:
            raw = Path(args.answers).read_bytes()
        except OSError as exc:
            raise InputError(
                "cli.cannot_read", {"path": args.answers, "reason": exc.strerror}
            ) from None
        management = answers_mod.read(raw, q).answers
    engine = store.make_engine(args.database or None)
    access = pulses.verify_key(engine, args.pulse_id, key)
    info = pulses.owned(engine, access)
    count = pulses.answer_count(engine, access)
    print(f"{info.title}\t{info.opens_on.isoformat()}\t{info.closes_on.isoformat()}\tn={count}")
    k = configured_min_group()
    rows = pulses.answers(engine, access, k, date.today())
    if rows is None:
        print(message("pulse.hidden", lang, k=k, n=count))
        return EXIT_OK
    found = results(q.pulse, rows, k)
    if found.overall is None:
        print(message("pulse.too_few_overall", lang, k=k))
    else:
        for item in q.pulse.questions:
            print(f"\n{item.text.get(lang)}")
            table = pulse_text.item_table(q, found, item, lang)
            _rows(table.headings, table.rows)
        if note := pulse_text.hidden_note(q, found, lang):
            print(note)
    comparisons = gap.compare(q, found, benchmarks.load_editions(), management)
    print()
    table = pulse_text.comparison_table(q, comparisons, lang)
    _rows(table.headings, table.rows)
    print()
    for text in pulse_text.findings(q, comparisons, lang) or [message("pulse.no_finding", lang)]:
        print(f"- {text}")
    return EXIT_OK
