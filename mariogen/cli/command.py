"""The subcommands' parsers: one way to add a command with its help, description and epilog."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable


def add_command(
    subparsers: argparse._SubParsersAction, name: str, help: str, description: str, epilog: str
) -> argparse.ArgumentParser:
    """Add subcommand ``name``; its description and epilog keep their own line breaks.

    Args:
        subparsers: the parent parser's subparsers.
        name: the command (or action) name.
        help: the one line shown in the parent's list of commands.
        description: shown above the options in ``--help``.
        epilog: shown below them (examples, exit status).
    """
    return subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_actions(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The subparsers of a command with actions (``segments list``, ``personas show``)."""
    return parser.add_subparsers(title="actions", metavar="ACTION", dest="action")


def add_default_action(
    parser: argparse.ArgumentParser,
    actions: argparse._SubParsersAction,
    name: str,
    help: str,
    description: str,
    epilog: str,
    add_options: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add the action a command runs when given none: ``mariogen segments`` is
    ``mariogen segments list``, with the same options, before or after the action's name.

    Args:
        parser: the command's parser.
        actions: its :func:`add_actions`.
        name: the default action's name (``"list"``).
        help: the action's line in the command's list of actions.
        description: shown above the action's options.
        epilog: shown below them (examples).
        add_options: adds the action's options to a parser; called for the command and the
            action, whose own defaults are left out so that an option given before the
            action's name is kept.
    """
    add_options(parser)
    action = actions.add_parser(
        name,
        help=help,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        argument_default=argparse.SUPPRESS,
    )
    add_options(action)
    parser.set_defaults(action=name)
    return action


def warn(message: str) -> None:
    """Print ``mariogen: warning: MESSAGE`` on stderr; the command goes on."""
    print(f"mariogen: warning: {message}", file=sys.stderr)


def too_many_workers(workers: int) -> str | None:
    """The warning for ``--workers`` above the machine's cores (``None`` when it is not)."""
    cores = os.cpu_count() or 1
    if workers <= cores:
        return None
    return f"--workers {workers} is more than the {cores} cores; it will not be faster"
