"""``mariogen replay``: watch a recorded play, check it, or export it as a GIF, a PNG strip or
a self-contained HTML page with a player."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mariogen.cli.argtypes import whole_number, window_scale
from mariogen.cli.command import add_command
from mariogen.cli.errors import UserError

if TYPE_CHECKING:
    from mariogen.replay import Replay

_HELP = "watch a replay in a window, check it, or export it as a GIF, PNG or HTML page"

_DESCRIPTION = """\
Load FILE (a *.replay.json written by "mariogen play --record"), check that its level is
intact and that playing its buttons again gives its recorded statistics, then show it in a
window. The viewer's keys: space play/pause, left/right one iteration back/forward, +/- speed
(0.25x to 8x), r restart, t Mario's path, h hitboxes, e event markers (kills, coins, jumps),
q or Esc quit; click or drag on the bar under the picture to jump.

--export OUT.gif writes an animated GIF instead (no window; one frame per iteration, or per
--stride iterations, so ceil(ticks / stride) frames); --export OUT.png writes a strip of
frames side by side (16 evenly spaced frames unless --stride is given); --export OUT.html
writes one self-contained page (the level, the play in a player with play/pause, steps,
speed, a scrub bar, path and event markers, and the statistics; nothing is fetched from the
network, so it opens anywhere; --scale sets its tile size, default 2 = 32 px). --check only
checks."""

_EPILOG = """\
examples:
  mariogen examples -o examples/      # the shipped example levels, copied here
  mariogen play examples/first-steps.txt --agent run-right --record out/run.replay.json
  mariogen replay out/run.replay.json                        # the viewer
  mariogen replay out/run.replay.json --export out/run.gif   # headless, one frame per tick
  mariogen replay out/run.replay.json --export out/run.gif --stride 2 --scale 0.5
  mariogen replay out/run.replay.json --export out/strip.png
  mariogen replay out/run.replay.json --export out/run.html  # open it in a browser
  mariogen replay out/run.replay.json --check

exit status: 0 on success, 2 for a missing, broken or tampered replay or a bad option."""

_EXPORTS = (".gif", ".png", ".html")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``replay`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "replay", _HELP, _DESCRIPTION, _EPILOG)
    parser.add_argument("file", metavar="FILE", help="replay file (*.replay.json)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--export", metavar="OUT", help="write OUT.gif, OUT.png or OUT.html, no window"
    )
    what.add_argument("--check", action="store_true", help="only check the replay and summarise it")
    parser.add_argument(
        "--stride",
        type=whole_number(),
        metavar="N",
        help="export every N-th iteration (GIF default 1)",
    )
    parser.add_argument(
        "--scale",
        type=window_scale,
        metavar="S",
        help="picture size: 1 = 256 px (default 1 for GIF and PNG, 2 for HTML and the window)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load, verify and show or export a replay.

    Args:
        args: parsed arguments (see :func:`register`).

    Returns:
        0 on success.
    """
    from mariogen.replay import Replay, ReplayError

    if args.export and Path(args.export).suffix.lower() not in _EXPORTS:
        raise UserError(f"--export {args.export}: must end in .gif, .png or .html")
    try:
        replay = Replay.read(args.file)
    except ReplayError as exc:
        raise UserError(str(exc)) from None
    if args.check:
        s = replay.stats
        print(
            f"{args.file}: ok ({replay.agent} on {Path(replay.level_name).name}, "
            f"{s['status']} at {100 * s['completion']:.0f}%, {replay.n_ticks} iterations)"
        )
        return 0
    if args.export and Path(args.export).suffix.lower() == ".html":
        return _export_html(replay, args)
    from mariogen.render.timeline import Timeline

    timeline = Timeline(replay)
    if args.export:
        return _export(timeline, args)
    from mariogen.render.viewer import ReplayViewer
    from mariogen.render.window import WindowError

    try:
        ReplayViewer(timeline, args.scale or 2.0).run()
    except WindowError as exc:
        raise UserError(f"{exc}, or use --export out.gif") from None
    return 0


def _export_html(replay: Replay, args: argparse.Namespace) -> int:
    from mariogen.render.html import write_report_page

    if args.stride is not None:
        raise UserError("--stride: an HTML export holds every iteration; leave --stride out")
    start = time.perf_counter()
    try:
        path = write_report_page(
            args.export,
            [replay],
            title=f"{replay.agent} on {Path(replay.level_name).name}",
            summary=[f"Replay {args.file}, checked by re-simulation."],
            scale=args.scale or 2.0,
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None
    size_kib = path.stat().st_size / 1024
    seconds = time.perf_counter() - start
    print(f"wrote {path} ({replay.n_ticks} iterations, {size_kib:.0f} KiB, {seconds:.1f} s)")
    return 0


def _export(timeline: object, args: argparse.Namespace) -> int:
    from mariogen.render.export import export_gif, export_strip

    start = time.perf_counter()
    scale = args.scale or 1.0
    try:
        if Path(args.export).suffix.lower() == ".gif":
            info = export_gif(timeline, args.export, args.stride or 1, scale)  # type: ignore[arg-type]
        else:
            info = export_strip(timeline, args.export, args.stride, scale)  # type: ignore[arg-type]
    except ValueError as exc:
        raise UserError(str(exc)) from None
    print(
        f"wrote {info.path} ({info.frames} frames, {info.width} x {info.height} px, "
        f"{time.perf_counter() - start:.1f} s)"
    )
    return 0
