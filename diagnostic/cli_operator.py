"""Operator commands: ``diagnostic workshop unlock|rotate-key <id>``, ``diagnostic audit verify``,
``diagnostic history list|unclaimed|claim <key>|rotate <id>``.

Whoever runs them already holds the database (they read ``DIAGNOSTIC_DATABASE_URL`` or
``--database``), so they ask for no key; each change they make is written to the audit log.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_OK, EXIT_BROKEN, EXIT_USAGE = 0, 1, 2


def _engine(args: argparse.Namespace) -> Engine:
    from diagnostic.workshop import store

    return store.make_engine(args.database or None)


def cmd_workshop(args: argparse.Namespace) -> int:
    from diagnostic.workshop import admin as workshop_admin

    engine = _engine(args)
    if args.action == "rotate-key":
        key = workshop_admin.rotate_key(engine, args.workshop_id)
        print("The old facilitator key no longer works. New key, shown once:")
        print(key)
    else:
        cleared = workshop_admin.unlock(engine, args.workshop_id)
        print(f"{cleared} recorded wrong-key attempt(s) forgotten for workshop {args.workshop_id}")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from diagnostic.workshop import history_access

    engine = _engine(args)
    if args.action == "list":
        for h in history_access.list_histories(engine):
            print(f"{h.history_id}\t{h.establishment}\t{h.entries} diagnostic(s)\t{h.created_at}")
        return EXIT_OK
    if args.action == "rotate":
        if not (args.establishment or "").isdigit():
            print("rotate needs a history id (see: diagnostic history list)", file=sys.stderr)
            return EXIT_USAGE
        secret = history_access.rotate_secret(engine, int(args.establishment))
        print("The old history code no longer works. New code, shown once:")
        print(secret)
        return EXIT_OK
    if args.action == "unclaimed":
        found = history_access.unclaimed(engine)
        for key, count in found:
            print(f"{key}\t{count} diagnostic(s)")
        if not found:
            print("every stored diagnostic belongs to a history")
        return EXIT_OK
    if not args.establishment:
        print(
            "claim needs an establishment key (see: diagnostic history unclaimed)", file=sys.stderr
        )
        return EXIT_USAGE
    count, secret = history_access.claim(engine, args.establishment)
    print(
        f"{count} diagnostic(s) of {args.establishment} now form a history. Its code, shown once:"
    )
    print(secret)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from diagnostic.workshop import audit, store

    engine = _engine(args)
    with store.reading(engine) as conn:
        report = audit.verify(conn)
    if report.broken_at is not None:
        print(
            f"audit log BROKEN at row id {report.broken_at} (row {report.rows}): it was edited, "
            "removed or reordered after it was written",
            file=sys.stderr,
        )
        return EXIT_BROKEN
    print(f"audit log intact: {report.rows} row(s), head {report.head}")
    return EXIT_OK


def _database(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database", help="database URL (default: DIAGNOSTIC_DATABASE_URL)")


def args_workshop(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "action",
        choices=["unlock", "rotate-key"],
        help="unlock: forget wrong-key attempts; rotate-key: new key, the old one stops working",
    )
    p.add_argument("workshop_id", help="the workshop id (shown to the facilitator at creation)")
    _database(p)


def args_audit(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["verify"], help="check the audit log's hash chain")
    _database(p)


def args_history(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "action",
        choices=["list", "unclaimed", "claim", "rotate"],
        help="list: histories (id, establishment key, size); unclaimed: establishment keys whose "
        "diagnostics have no history code; claim KEY: make them a history and print its code "
        "once; rotate ID: a new code for a history (lost or leaked), the old one stops working",
    )
    p.add_argument(
        "establishment", nargs="?", help="the establishment key (claim) or history id (rotate)"
    )
    _database(p)
