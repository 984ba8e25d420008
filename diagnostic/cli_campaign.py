"""``diagnostic campaign create|status|export|delete``: campaigns from the command line.

``create`` prints the owner key once and each establishment's link (``--base-url`` is the app's
public address). The other commands ask for the owner key on standard input (never as an
argument, which would land in the shell history and the process list), exactly as the panel
does, with the same throttling of wrong keys.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from diagnostic.i18n import as_lang, message

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from diagnostic.workshop.campaign_access import CampaignAccess

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _engine(args: argparse.Namespace) -> Engine:
    from diagnostic.workshop import store

    return store.make_engine(args.database or None)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a date as YYYY-MM-DD") from None


def read_key(lang: str) -> str:
    """The owner key: typed without echo on a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass(message("campaign.cli.key_prompt", lang))
    return sys.stdin.readline().strip()


def _open(args: argparse.Namespace, engine: Engine, lang: str) -> CampaignAccess:
    from diagnostic.workshop.campaign_access import open_campaign

    return open_campaign(engine, args.campaign_id, read_key(lang))


def _create(args: argparse.Namespace, lang: str) -> int:
    from diagnostic.content import loader as content
    from diagnostic.workshop.campaign_invitations import InvitationProblems, read_csv
    from diagnostic.workshop.campaigns import create_campaign

    q = content.load_default()
    try:
        invited = read_csv(q, Path(args.invitations).read_bytes())
    except InvitationProblems as exc:
        print(exc.render(lang), file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem.render(lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(
            message("campaign.cli.unreadable", lang, path=args.invitations, reason=exc.strerror),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    made = create_campaign(
        _engine(args), title=args.title, starts_on=args.start, ends_on=args.end, invitations=invited
    )
    print(message("campaign.cli.created", lang, number=made.campaign_id))
    print(message("campaign.key_once", lang))
    print(made.owner_key)
    print(message("campaign.links_once", lang))
    base = args.base_url.rstrip("/")
    for link in made.links:
        print(f"{link.name}\t{base}/?c={link.token}")
    return EXIT_OK


def _status(args: argparse.Namespace, lang: str) -> int:
    from diagnostic.content import loader as content
    from diagnostic.outputs.campaign_columns import status_label
    from diagnostic.workshop import campaigns

    engine, q = _engine(args), content.load_default()
    access = _open(args, engine, lang)
    info = campaigns.info(engine, access)
    found = campaigns.rows(engine, q, access)
    print(f"{info.title} ({info.starts_on.isoformat()} → {info.ends_on.isoformat()})")
    for status in ("not_started", "started", "finished"):
        names = [r for r in found if r.status == status]
        print(f"{status_label(status, lang)}: {len(names)}")
        for r in names:
            print(f"  {r.entry_id}\t{r.name}")
    return EXIT_OK


def _export(args: argparse.Namespace, lang: str) -> int:
    from diagnostic.content import loader as content
    from diagnostic.outputs import campaign_export
    from diagnostic.workshop import campaigns

    if not (args.csv or args.xlsx):
        print(message("campaign.cli.export_what", lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    engine, q = _engine(args), content.load_default()
    access = _open(args, engine, lang)
    info, found = campaigns.info(engine, access), campaigns.rows(engine, q, access)
    for path, build in (
        (args.csv, campaign_export.campaign_csv),
        (args.xlsx, campaign_export.campaign_xlsx),
    ):
        if path:
            Path(path).write_bytes(build(q, info, found, lang))
            print(message("campaign.cli.written", lang, path=path))
    return EXIT_OK


def _delete(args: argparse.Namespace, lang: str) -> int:
    from diagnostic.workshop import campaigns

    engine = _engine(args)
    campaigns.delete_campaign(engine, _open(args, engine, lang))
    print(message("campaign.deleted", lang))
    return EXIT_OK


def cmd_campaign(args: argparse.Namespace) -> int:
    lang = as_lang(args.lang)
    action = {"create": _create, "status": _status, "export": _export, "delete": _delete}
    return action[args.action](args, lang)


def args_campaign(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", default="fr", choices=["fr", "en"])
    p.add_argument("--database", help="database URL (default: DIAGNOSTIC_DATABASE_URL)")
    sub = p.add_subparsers(dest="action", required=True)
    create = sub.add_parser("create", help="create a campaign; prints its owner key and links once")
    create.add_argument("--title", required=True)
    create.add_argument("--from", dest="start", type=_date, required=True, help="YYYY-MM-DD")
    create.add_argument("--to", dest="end", type=_date, required=True, help="YYYY-MM-DD")
    create.add_argument("--invitations", required=True, help="CSV: nom;type;taille;zone;ght")
    create.add_argument("--base-url", default="", help="the app's public address, for the links")
    for name, text in (
        ("status", "who has not started, started, finished (owner key on stdin)"),
        ("export", "one row per establishment as CSV and/or XLSX (owner key on stdin)"),
        ("delete", "erase the campaign and every answer (owner key on stdin)"),
    ):
        one = sub.add_parser(name, help=text)
        one.add_argument("campaign_id", type=int)
        if name == "export":
            one.add_argument("--csv", help="write the CSV here")
            one.add_argument("--xlsx", help="write the XLSX (with its data dictionary) here")
