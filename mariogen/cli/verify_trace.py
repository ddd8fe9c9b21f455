"""``mariogen verify-trace``: replay reference traces of the Java engine and compare them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from mariogen.cli.command import add_command
from mariogen.cli.errors import EXIT_USER_ERROR, UserError

_HELP = "check the engine against reference traces of the Java engine"

_DESCRIPTION = """\
Replay each TRACE (a *.json.gz reference trace recorded from the Mario AI Framework) on its
level and compare every recorded field tick by tick: Mario's position and velocity bits, mode,
flags, status, tick, timer, the events, the sprite list in order, tile changes and the final
statistics. Prints "PASS name iterations" or "FAIL name at iteration i: field expected/got"
per trace and, always, a summary line "N passed, M failed" (", K unreadable" when a file is
missing or not a trace: each such file is reported on stderr, in one line, and the others
are still checked).

The level named in a trace's header is looked up in --levels, by default the "levels" folder
beside the traces folder (../shared/levels for ../shared/traces/*.json.gz)."""

_EPILOG = """\
examples:
  mariogen verify-trace ../shared/traces/original_lvl-1__astar__m0.json.gz
  mariogen verify-trace ../shared/traces/*.json.gz ../shared/traces/extra/*.json.gz
  mariogen verify-trace my-traces/*.json.gz --levels my-levels/

exit status: 0 if every trace passes, 1 if any fails, 2 if a file is missing or not a trace
(whatever the others gave)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``verify-trace`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "verify-trace", _HELP, _DESCRIPTION, _EPILOG)
    parser.add_argument("traces", nargs="+", metavar="TRACE", help="trace files (*.json.gz)")
    parser.add_argument(
        "--levels", metavar="DIR", help="folder the traces' level paths are relative to"
    )
    parser.set_defaults(func=run)


def find_levels_dir(trace: Path) -> Path:
    """The ``levels`` folder beside the nearest ancestor folder of ``trace`` that has one."""
    for folder in trace.resolve().parents:
        candidate = folder / "levels"
        if candidate.is_dir():
            return candidate
    reference = os.environ.get("MARIOGEN_REFERENCE")
    if reference and (Path(reference) / "levels").is_dir():
        return Path(reference) / "levels"
    raise UserError(f"{trace}: cannot find the levels folder; pass --levels DIR")


def run(args: argparse.Namespace) -> int:
    """Verify every trace and print one line each plus a summary.

    Args:
        args: parsed arguments with ``traces`` and ``levels``.

    Returns:
        0 if all traces pass, 1 if any fails, 2 if any file is missing or not a trace.
    """
    passed = failed = unreadable = 0
    for name in args.traces:
        try:
            report = _verify(Path(name), args.levels)
        except UserError as exc:
            print(f"mariogen: error: {exc}", file=sys.stderr, flush=True)
            unreadable += 1
            continue
        print(report.line(), flush=True)
        passed += report.passed
        failed += not report.passed
    summary = f"{passed} passed, {failed} failed"
    print(summary + (f", {unreadable} unreadable" if unreadable else ""))
    if unreadable:
        return EXIT_USER_ERROR
    return 0 if failed == 0 else 1


def _verify(path: Path, levels: str | None) -> Any:
    """The report of one trace file.

    Raises:
        UserError: for a missing file, a file that is not a trace, or no levels folder.
    """
    from mariogen.engine.trace import TraceFormatError, verify_trace_file

    if not path.is_file():
        raise UserError(f"{path}: no such trace file")
    folder = Path(levels) if levels else find_levels_dir(path)
    try:
        return verify_trace_file(path, folder)
    except TraceFormatError as exc:
        raise UserError(str(exc)) from None
