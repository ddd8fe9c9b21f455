"""``mariogen segments``: list, show and import segment libraries."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mariogen.cli.command import add_actions, add_command, add_default_action
from mariogen.cli.errors import UserError

if TYPE_CHECKING:
    from mariogen.level.segments import Segment

_HELP = "list, show or import segments (the generator's building blocks)"

_DESCRIPTION = """\
The generator builds levels from segments: 16-row slices of a fixed width, joined between a
start pad (Mario) and an end pad (the flag). A library is a folder of ID.txt files plus
index.csv (id, family, width, entry, exit, coins, enemies, gaps, runner, runner_weak,
checked_by).

Ground heights: a segment's first and last 2 columns are solid ground from row 14 - h down
to row 15 with nothing above, h = 0..4 (its entry and exit heights). A join a -> b is legal
when a's exit height equals b's entry height; connectors (steps, stairs, slopes, drops)
change height. An end that is not clean ground is irregular (-1, shown as ~): it joins
anything, and the generator's playability constraint decides.

  list              the segments of a library: family, heights, counts, difficulty
                    (the runner's and the weak runner's completion of each alone)
  show ID           one segment's text, a valid level file on stdout (what it holds on
                    stderr; --png FILE draws it, padded)
  import LEVEL...   slice levels into a new library of --width columns in -o DIR; each
                    slice keeps the heights its ends have"""

_EPILOG = """\
examples:
  mariogen segments list
  mariogen segments list --family gap
  mariogen segments list --entry 2
  mariogen segments show gap-w3
  mariogen segments show pipe-piranha-h3 --png out/pipe.png
  mariogen segments import my-levels/*.txt --width 16 -o my-segments/
  mariogen generate --persona collector --library my-segments/ -o out/

exit status: 0 on success, 2 for an unknown segment, a bad level or library."""

_LIST = """\
One line per segment of a library (default: the shipped one): id, family, entry and exit
ground heights (~: irregular), coins, enemies, gaps, and how much of it the runner and the
weak runner finish alone; then the families and entry heights. --family, --entry and --exit
keep only the segments that match."""

_LIST_EPILOG = """\
examples:
  mariogen segments list
  mariogen segments list --family gap
  mariogen segments list --entry 2 --exit 0
  mariogen segments list --library my-segments/

exit status: 0 on success, 2 when nothing matches or the library is broken."""

_SHOW = """\
Print segment ID's rows: 16 rows of tile characters, itself a valid level file (redirect it
to a .txt file and validate, render or edit it). What the segment holds (family, heights,
coins, enemies, gaps, completion alone) goes to stderr. --png FILE draws it between a start
and an end pad."""

_SHOW_EPILOG = """\
examples:
  mariogen segments show gap-w3
  mariogen segments show gap-w3 > gap.txt && mariogen validate gap.txt
  mariogen segments show pipe-piranha-h3 --png out/pipe.png

exit status: 0 on success, 2 for an unknown segment or a bad library."""

_IMPORT = """\
Slice each LEVEL into segments of --width columns (a remainder narrower than that is left
out) and write them as a new library into -o DIR: ID.txt per segment (ids from the level's
file name) and index.csv. Each slice keeps the ground heights its ends have; generate uses
the library with --library DIR."""

_IMPORT_EPILOG = """\
examples:
  mariogen segments import my-levels/*.txt --width 16 -o my-segments/
  mariogen generate --persona collector --library my-segments/ -o out/

exit status: 0 on success, 2 for a bad level, a level narrower than --width, or a folder
that cannot be written."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``segments`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "segments", _HELP, _DESCRIPTION, _EPILOG)
    actions = add_actions(parser)
    add_default_action(
        parser, actions, "list", "list a library's segments", _LIST, _LIST_EPILOG, _list_options
    )
    show = add_command(actions, "show", "print one segment (a level file)", _SHOW, _SHOW_EPILOG)
    show.add_argument("id", metavar="ID", help="segment id (see segments list)")
    show.add_argument("--library", metavar="DIR", help="library folder (default: shipped)")
    show.add_argument("--png", metavar="FILE", help="also draw the padded segment to FILE")
    imp = add_command(actions, "import", "slice levels into a new library", _IMPORT, _IMPORT_EPILOG)
    imp.add_argument("levels", nargs="+", metavar="LEVEL", help="level files to slice")
    imp.add_argument("--width", type=int, required=True, metavar="W", help="segment width")
    imp.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="folder of the new library"
    )
    parser.set_defaults(func=run)


def _list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", metavar="DIR", help="library folder (default: shipped)")
    parser.add_argument("--family", help="only this family")
    parser.add_argument("--entry", type=int, metavar="H", help="only segments entering at H")
    parser.add_argument("--exit", type=int, metavar="H", help="only segments leaving at H")


def _library(folder: str | None):
    from mariogen.level.library import SegmentLibrary
    from mariogen.level.segments import SegmentError

    try:
        return SegmentLibrary.load(folder)
    except SegmentError as exc:
        raise UserError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """Do the requested action.

    Returns:
        0 on success.

    Raises:
        UserError: for an unknown segment or a bad library.
    """
    if args.action == "list":
        return _list(args)
    if args.action == "show":
        return _show(args)
    return _import(args)


def _height(height: int) -> str:
    return "~" if height < 0 else str(height)


def _completion(seg: Segment, agent: str) -> str:
    value = seg.completion.get(agent)
    return "-" if value is None else f"{value:.2f}"


def _list(args: argparse.Namespace) -> int:
    from mariogen.level.segments import DIFFICULTY_AGENTS

    library = _library(args.library)
    rows = [
        seg
        for seg in library
        if args.family in (None, seg.family)
        and args.entry in (None, seg.entry)
        and args.exit in (None, seg.exit)
    ]
    if not rows:
        families = ", ".join(sorted(library.families()))
        heights = ", ".join(_height(h) for h in library.heights())
        raise UserError(
            f"no segments of family {args.family or 'any'}, entry {_height_arg(args.entry)}, "
            f"exit {_height_arg(args.exit)}; families: {families}; heights: {heights}"
        )
    agents = " ".join(f"{a:>11}" for a in DIFFICULTY_AGENTS)
    print(
        f"{'id':32} {'family':10} {'entry':>5} {'exit':>4} {'coins':>5} {'enemies':>7} "
        f"{'gaps':>4} {agents}  checked_by"
    )
    for seg in rows:
        done = " ".join(f"{_completion(seg, a):>11}" for a in DIFFICULTY_AGENTS)
        print(
            f"{seg.id:32} {seg.family:10} {_height(seg.entry):>5} {_height(seg.exit):>4} "
            f"{seg.coins:5d} {seg.enemies:7d} {seg.gaps:4d} {done}  {seg.checked_by or '-'}"
        )
    counts = ", ".join(f"{f} {n}" for f, n in library.families().items())
    print(f"{len(rows)} of {len(library)} segments, {library.width} columns wide ({counts})")
    print(f"entry heights: {_height_counts(s.entry for s in library)}")
    return 0


def _height_arg(height: int | None) -> str:
    return "any" if height is None else _height(height)


def _height_counts(heights: Iterable[int]) -> str:
    counts = Counter(heights)
    return ", ".join(f"{_height(h)}: {counts[h]}" for h in sorted(counts))


def _show(args: argparse.Namespace) -> int:
    from mariogen.level.segments import SegmentError

    library = _library(args.library)
    try:
        seg = library[args.id]
    except SegmentError as exc:
        raise UserError(str(exc)) from None
    from mariogen.level.segments import DIFFICULTY_AGENTS

    done = ", ".join(f"{a} {_completion(seg, a)}" for a in DIFFICULTY_AGENTS)
    print(
        f"{seg.id} ({seg.family}): entry height {_height(seg.entry)}, exit height "
        f"{_height(seg.exit)}; {seg.coins} coins, {seg.enemies} enemies, {seg.gaps} gaps; "
        f"completion alone: {done}",
        file=sys.stderr,
    )
    print(seg.text(), end="", flush=True)
    if args.png:
        if not args.png.lower().endswith(".png"):
            raise UserError(f"--png {args.png!r} must end in .png")
        from mariogen.render.level_image import render_level_png

        render_level_png(seg.padded(), Path(args.png), scale=2)
        print(f"wrote {args.png}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from mariogen.level import Level
    from mariogen.level.library import SegmentLibrary
    from mariogen.level.segments import SegmentError, slice_level

    if args.width < 1:
        raise UserError(f"--width must be at least 1, got {args.width}")
    segments, prefixes = [], set()
    for path in args.levels:
        level = Level.read(path)
        prefix = Path(path).stem
        if prefix in prefixes:
            prefix = f"{Path(path).parent.name}-{prefix}"
        prefixes.add(prefix)
        try:
            segments += slice_level(level, args.width, prefix)
        except SegmentError as exc:
            raise UserError(f"{path}: {exc}") from None
    try:
        library = SegmentLibrary(segments)
    except SegmentError as exc:
        raise UserError(
            f"{exc} (levels narrower than --width {args.width} give no segment)"
        ) from None
    try:
        library.write(args.output)
    except OSError as exc:
        raise UserError(f"cannot write the library to {args.output}: {exc}") from None
    print(f"wrote {len(library)} segments of {args.width} columns to {args.output}")
    print(f"entry heights: {_height_counts(s.entry for s in library)} (~: irregular)")
    return 0
