"""Entry point of the ``mariogen`` command line.

Each subcommand lives in its own module under :mod:`mariogen.cli`. A command module exposes:

- ``register(subparsers) -> None``: adds its parser (help text, an epilog with examples) and
  calls ``parser.set_defaults(func=run)``;
- ``run(args) -> int``: does the work and returns the exit status.

To add a subcommand, write the module and append its name to :data:`COMMAND_MODULES`.
User mistakes (any :class:`~mariogen.errors.InputError`: a malformed level, card, replay,
checkpoint or library; a :class:`~mariogen.cli.errors.UserError`; a missing or unreadable
path) are reported by :func:`main` as one line, ``mariogen: error: ...``, with exit status
2; they never print a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from mariogen.cli.errors import EXIT_USER_ERROR, UserError
from mariogen.errors import InputError
from mariogen.version import __version__

PROG = "mariogen"

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "mariogen.cli.examples",
    "mariogen.cli.validate",
    "mariogen.cli.render",
    "mariogen.cli.verify_trace",
    "mariogen.cli.segments",
    "mariogen.cli.generate",
    "mariogen.cli.metrics",
    "mariogen.cli.evaluate",
    "mariogen.cli.play",
    "mariogen.cli.replay",
    "mariogen.cli.classify",
    "mariogen.cli.agents",
    "mariogen.cli.personas",
    "mariogen.cli.experiment",
    "mariogen.cli.train",
)

_DESCRIPTION = """\
mariogen generates Super Mario Bros levels for player personas and plays them on a
tick-exact re-implementation of the Mario AI Framework engine.

Levels are text files in the Mario AI Framework format: 16 rows of tile characters."""

_EPILOG = """\
examples:
  mariogen examples -o examples/      # copy the shipped example levels (mariogen examples: where)
  mariogen validate examples/*.txt
  mariogen render examples/first-steps.txt -o out/first-steps.png --scale 2
  mariogen render --help

exit status: 0 success, 2 user error (bad arguments, malformed level, missing file)."""


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every subcommand of :data:`COMMAND_MODULES`.

    Returns:
        The parser; each subcommand's namespace carries ``func``, its ``run`` function.
    """
    parser = OneLineParser(
        prog=PROG,
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other user error:
    ``mariogen: error: COMMAND: MESSAGE (see mariogen COMMAND --help)``, exit status 2.

    Subcommand parsers are made of the same class (argparse copies the parent's class).
    """

    def error(self, message: str) -> NoReturn:
        """Report a usage error in one line and exit with status 2."""
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        help_hint = f"{PROG} {command} --help" if command else f"{PROG} --help"
        print(f"{PROG}: error: {where}{message} (see {help_hint})", file=sys.stderr)
        raise SystemExit(EXIT_USER_ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: the arguments after the program name; ``None`` means ``sys.argv[1:]``.

    Returns:
        The exit status: 0 on success, 2 for a user error, or the command's own status.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USER_ERROR
    try:
        return int(func(args))
    except (InputError, UserError) as exc:
        return _report(str(exc))
    except BrokenPipeError:
        # The reader went away (e.g. `mariogen validate ... | head`); stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        if exc.filename is None:
            raise
        return _report(f"{exc.filename}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130


def _report(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_USER_ERROR
