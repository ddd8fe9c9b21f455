"""The subcommands' parsers: one way to add a command with its help, description and epilog."""

from __future__ import annotations

import argparse


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
