"""``mariogen render``: draw a level as a PNG picture."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from mariogen.cli.argtypes import number_between, whole_number
from mariogen.cli.command import add_command
from mariogen.cli.errors import UserError
from mariogen.level import Level

_HELP = "draw a level as a PNG picture"

_DESCRIPTION = """\
Draw LEVEL with mariogen's own art and save it as a PNG: every tile, every enemy where it
will appear (piranha flowers risen from their pipes) and Mario at his start. Runs headless,
no window is opened. Tiles are 16 px at --scale 1. Folders of OUT that do not exist are
created, and the output says so."""

_EPILOG = """\
examples:
  mariogen examples -o examples/      # the shipped example levels, copied here
  mariogen render examples/first-steps.txt -o out/first-steps.png
  mariogen render LEVEL.txt -o big.png --scale 2             # 32 px tiles
  mariogen render LEVEL.txt -o start.png --from 0 --to 40    # columns 0..39 only
  mariogen render LEVEL.txt -o tiles.png --no-sprites        # tiles only

exit status: 0 on success, 2 for a malformed level or a bad option."""


#: Pixels per tile over 16: up to 16 (256 px tiles).
_scale = number_between(0, 16, "a scale", "a number such as 1, 2 or 0.5", above_low=True)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``render`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "render", _HELP, _DESCRIPTION, _EPILOG)
    parser.add_argument("level", metavar="LEVEL", help="level file to draw")
    parser.add_argument(
        "-o", "--output", required=True, metavar="PNG", help="picture to write (*.png)"
    )
    parser.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        metavar="S",
        help="size factor: 1 draws 16 px tiles, 2 draws 32 px, 0.5 draws 8 px (default 1)",
    )
    parser.add_argument(
        "--from",
        dest="col_from",
        type=whole_number(0),
        metavar="COL",
        help="first column to draw, 0-based (default 0)",
    )
    parser.add_argument(
        "--to",
        dest="col_to",
        type=whole_number(0),
        metavar="COL",
        help="column after the last one to draw, like a Python slice (default: level width)",
    )
    parser.add_argument(
        "--no-sprites",
        action="store_true",
        help="draw tiles only, without enemies and Mario's start",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Draw ``args.level`` into ``args.output``.

    Args:
        args: parsed arguments (``level``, ``output``, ``scale``, ``col_from``, ``col_to``,
            ``no_sprites``).

    Returns:
        0 on success.

    Raises:
        LevelFormatError: when the level is malformed.
        UserError: for a bad output path, column range or scale.
    """
    output = Path(args.output)
    if output.suffix.lower() != ".png":
        raise UserError(f"output {args.output!r} must end in .png")
    if output.is_dir():
        raise UserError(f"output {args.output!r} is a folder; expected a .png file name")
    level = Level.read(args.level)

    from mariogen.render.level_image import plan_image, render_level_png

    try:
        plan_image(level, args.scale, args.col_from, args.col_to)
    except ValueError as exc:
        raise UserError(f"{args.level}: {exc}") from None
    missing = _missing_folders(output)
    width, height = render_level_png(
        level, output, args.scale, args.col_from, args.col_to, sprites=not args.no_sprites
    )
    created = f"; created the folder {missing}" if missing else ""
    print(f"wrote {output} ({width} x {height} px{created})")
    return 0


def _missing_folders(path: Path) -> Path | None:
    """The outermost folder above ``path`` that does not exist yet (``None``: all do)."""
    missing = None
    for folder in path.absolute().parents:
        if folder.exists():
            break
        missing = folder
    return missing if missing is None else Path(os.path.relpath(missing))
