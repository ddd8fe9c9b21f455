"""``mariogen personas``: list the persona cards, or show one."""

from __future__ import annotations

import argparse
import sys

from mariogen.agents.personas import (
    PersonaCard,
    PersonaCardError,
    card_dirs,
    card_problems,
    list_cards,
    load_card,
)
from mariogen.cli.command import add_command
from mariogen.cli.errors import UserError

_HELP = "list the persona cards (agents that play like a kind of player), or show one"

_DESCRIPTION = """\
A persona is a planner plus the costs it weighs (time, coins, kills, damage ...), written as a
TOML card in agents/ (or in a folder of $MARIOGEN_AGENT_PATH). `personas list` prints one line
per card: name, planner, look-ahead horizon in pixels, node budget per decision, its role
(core: one of the personas levels are contrasted with; weak form of NAME: the variant
ability-gap-v0 and difficulty compare it with) and what the persona does; a card that cannot
be read is reported on stderr with its file, line and key. `personas show NAME` prints the
card itself. To add a persona, copy a card, rename it and change its weights."""

_EPILOG = """\
examples:
  mariogen personas list
  mariogen personas show collector
  mariogen personas show agents/killer.toml
  MARIOGEN_AGENT_PATH=my-cards mariogen personas list

exit status: 0 success, 2 unknown persona or malformed card (list: any card malformed)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``personas`` subcommand with its ``list`` and ``show`` actions.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "personas", _HELP, _DESCRIPTION, _EPILOG)
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.add_parser("list", help="one line per persona card")
    show = actions.add_parser("show", help="print one persona card")
    show.add_argument("name", metavar="NAME", help="persona name or path to a .toml card")
    parser.set_defaults(func=run, action="list")  # "mariogen personas" lists


def _row(card: PersonaCard) -> tuple[str, ...]:
    horizon = card.params.get("horizon_px", "-")
    budget = card.params.get("node_budget", "-")
    role = [*card.tags] + ([f"weak form of {card.variant_of}"] if card.variant_of else [])
    return (
        card.name,
        card.planner,
        str(horizon),
        str(budget),
        ", ".join(role) or "-",
        (card.description),
    )


def run(args: argparse.Namespace) -> int:
    """List the cards or print one.

    Args:
        args: parsed arguments with ``action`` (``list`` or ``show``) and, for show, ``name``.

    Returns:
        0 on success.

    Raises:
        UserError: for an unknown persona or a malformed card.
    """
    try:
        if args.action == "show":
            card = load_card(args.name)
            if card.path is None:  # pragma: no cover - cards always come from files
                raise UserError(f"persona {args.name!r} has no card file")
            print(card.path.read_text(encoding="utf-8").rstrip())
            return 0
        cards, problems = list_cards(), card_problems()
    except PersonaCardError as exc:
        raise UserError(str(exc)) from None
    if not cards and not problems:
        folders = ", ".join(str(d) for d in card_dirs()) or "none"
        print(f"no persona cards found (searched: {folders})")
        return 0
    rows = [("NAME", "PLANNER", "HORIZON", "BUDGET", "ROLE", "DESCRIPTION"), *map(_row, cards)]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(5)]
        print("  ".join([*cells, row[5]]).rstrip())
    for problem in problems:
        print(f"mariogen: error: {problem}", file=sys.stderr)
    return 2 if problems else 0
