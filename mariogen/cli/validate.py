"""``mariogen validate``: check level files against the Mario AI Framework text format."""

from __future__ import annotations

import argparse

from mariogen.cli.command import add_command
from mariogen.cli.errors import EXIT_USER_ERROR
from mariogen.level import LEVEL_HEIGHT, MAX_FILE_BYTES, MAX_WIDTH, Level, LevelFormatError

_HELP = "check that level files are well-formed"

_DESCRIPTION = f"""\
Check that each LEVEL is a well-formed level file: UTF-8 text of exactly {LEVEL_HEIGHT} rows,
all as wide as the first (at most {MAX_WIDTH} columns, at most {MAX_FILE_BYTES} bytes), using only
the tile characters of the Mario AI Framework format (ENGINE_SPEC section 3).

Prints one line per file: "PATH: ok", or the problem as "PATH:LINE:COLUMN: what was expected"
(line and column are 1-based; 0 means the whole file or the whole line)."""

_EPILOG = """\
examples:
  mariogen examples -o examples/      # the shipped example levels, copied here
  mariogen validate examples/first-steps.txt
  mariogen validate examples/*.txt
  mariogen validate --quiet generated/*.txt     # print only the bad files

exit status: 0 if every file is valid, 2 otherwise."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``validate`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "validate", _HELP, _DESCRIPTION, _EPILOG)
    parser.add_argument("levels", nargs="+", metavar="LEVEL", help="level files to check")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file in ``args.levels`` and print one line per file.

    Args:
        args: parsed arguments with ``levels`` (paths) and ``quiet``.

    Returns:
        0 if every file is a valid level, 2 otherwise.
    """
    status = 0
    for path in args.levels:
        try:
            Level.read(path)
        except LevelFormatError as exc:
            print(exc, flush=True)
            status = EXIT_USER_ERROR
        else:
            if not args.quiet:
                print(f"{path}: ok", flush=True)
    return status
