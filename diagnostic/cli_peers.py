"""The peer pool from the command line: ``diagnostic peers export OUT_DIR | withdraw | stats``.

* ``export OUT_DIR``: the anonymised pool (one row per published cell) and its data dictionary;
* ``withdraw``: withdraw a contribution; the code is read from standard input, so it appears
  neither in the shell history nor in the process list;
* ``stats``: the number of contributions in each published cell, nothing about smaller ones.

The threshold is the server's (``DIAGNOSTIC_MIN_GROUP``), the same as on screen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def cmd_peers(args: argparse.Namespace) -> int:
    from diagnostic.content import loader as content
    from diagnostic.i18n import as_lang, message
    from diagnostic.method import disclosure, peer_stats
    from diagnostic.outputs import peer_export
    from diagnostic.workshop import peer_pool, store

    lang = as_lang(args.lang)
    try:
        min_group = disclosure.configured_min_group()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    engine = store.make_engine(args.database or None)
    if args.action == "withdraw":
        code = sys.stdin.readline().strip()
        if not code:
            print(message("peer.withdraw.empty", lang), file=sys.stderr)
            return EXIT_USAGE
        if not peer_pool.withdraw(engine, code):
            print(message("peer.withdraw.wrong", lang), file=sys.stderr)
            return EXIT_REFUSED
        print(message("peer.optin.withdrawn", lang))
        return EXIT_OK
    q = content.load(Path(args.questionnaire)) if args.questionnaire else content.load_default()
    pool = peer_pool.pool_for(engine, q)
    if args.action == "stats":
        print(f"threshold {min_group}; comparable contributions are counted only in these cells")
        for cell in peer_stats.pool_cells(pool, min_group):
            where = "/".join(
                x for x in (cell.establishment_type, cell.size_band, cell.region_band) if x
            )
            print(f"{cell.kind}\t{where or '-'}\t{cell.n}")
        return EXIT_OK
    if not args.out_dir:
        print("export needs an output folder: diagnostic peers export OUT_DIR", file=sys.stderr)
        return EXIT_USAGE
    data, dictionary = peer_export.write_export(Path(args.out_dir), q, pool, min_group, lang)
    print(f"{data}\n{dictionary}")
    return EXIT_OK


def args_peers(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "action",
        choices=["export", "withdraw", "stats"],
        help="export OUT_DIR: the anonymised pool and its data dictionary (CSV); withdraw: "
        "withdraw a contribution, code read from standard input; stats: contributions per "
        "published cell",
    )
    p.add_argument("out_dir", nargs="?", help="export: the folder to write into")
    p.add_argument("--lang", default="fr", choices=["fr", "en"], help="messages and dictionary")
    p.add_argument("--questionnaire", help="questionnaire folder (default: the shipped one)")
    p.add_argument("--database", help="database URL (default: DIAGNOSTIC_DATABASE_URL)")
