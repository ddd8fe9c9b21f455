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
from mariogen.cli.command import add_actions, add_command, add_default_action
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

_LIST = """\
One line per persona card found (in $MARIOGEN_AGENT_PATH, ./agents and mariogen's own
agents/): name, planner, look-ahead horizon in pixels, node budget per decision, role and
description. A card that cannot be read is reported on stderr with its file, line and key
(exit status 2); the others are still listed."""

_LIST_EPILOG = """\
examples:
  mariogen personas list
  MARIOGEN_AGENT_PATH=my-cards mariogen personas list

exit status: 0 success, 2 when any card is malformed."""

_SHOW = """\
Print the card of persona NAME (or of a .toml file) as it is written: its planner, the cost
weights it plans with, its RL reward terms and its generator defaults."""

_SHOW_EPILOG = """\
examples:
  mariogen personas show collector
  mariogen personas show agents/killer.toml

exit status: 0 success, 2 for an unknown persona or a malformed card."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``personas`` subcommand with its ``list`` and ``show`` actions.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "personas", _HELP, _DESCRIPTION, _EPILOG)
    actions = add_actions(parser)
    add_default_action(
        parser, actions, "list", "one line per persona card", _LIST, _LIST_EPILOG, _no_options
    )
    show = add_command(actions, "show", "print one persona card", _SHOW, _SHOW_EPILOG)
    show.add_argument("name", metavar="NAME", help="persona name or path to a .toml card")
    parser.set_defaults(func=run)


def _no_options(parser: argparse.ArgumentParser) -> None:
    """``personas list`` has no options."""


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
