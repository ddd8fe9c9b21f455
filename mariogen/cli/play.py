"""``mariogen play``: let an agent (or you) play a level; print, record and watch the play."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mariogen.cli.argtypes import seconds, window_scale
from mariogen.cli.command import add_command, warn
from mariogen.cli.errors import UserError
from mariogen.level import Level
from mariogen.replay import DEFAULT_TIME_LIMIT_S

if TYPE_CHECKING:
    from mariogen.agents import PlayResult
    from mariogen.style import Classification

#: The window's size factor when --scale is not given (512 px).
WINDOW_SCALE = 2.0

_HELP = "let an agent (or you) play a level; print, record or watch the play"

_DESCRIPTION = """\
Play LEVEL with an agent from the registry (see "mariogen agents list": baselines such as
run-right and random, and the personas runner, collector, killer) and print what happened:
the outcome, how far Mario got, kills, coins, jumps, hurts and power-ups.

--record writes a replay (*.replay.json) that "mariogen replay" shows, checks or exports.
--render shows the play in a window as it happens. --human lets you play instead of an
agent; the keys: arrows move, S jumps, A is speed (run, fireballs), Esc gives up. At the
end it tells you which persona you played like ("mariogen classify" of your play: the
personas play the level too, a few seconds)."""

_EPILOG = """\
examples:
  mariogen examples -o examples/      # the shipped example levels, copied here
  mariogen play examples/first-steps.txt --agent run-right
  mariogen play LEVEL.txt --agent random --seed 3 --mode large --time 30
  mariogen play LEVEL.txt --agent collector --json              # one JSON object
  mariogen play LEVEL.txt --agent killer --record out/killer.replay.json --render
  mariogen play LEVEL.txt --human --record out/mine.replay.json  # arrows, S jump, A speed

exit status: 0 after the play (whatever its outcome), 2 for a bad level, agent or option."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``play`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    parser = add_command(subparsers, "play", _HELP, _DESCRIPTION, _EPILOG)
    parser.add_argument("level", metavar="LEVEL", help="level file to play")
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--agent", default="run-right", metavar="NAME", help="agent or persona (default run-right)"
    )
    who.add_argument(
        "--human", action="store_true", help="play yourself: arrows move, S jump, A speed"
    )
    parser.add_argument(
        "--mode",
        choices=("small", "large", "fire"),
        default="small",
        help="Mario's start mode (default small)",
    )
    parser.add_argument(
        "--time",
        "--time-limit",
        dest="time",
        type=seconds,
        default=DEFAULT_TIME_LIMIT_S,
        metavar="S",
        help=f"time limit (default {DEFAULT_TIME_LIMIT_S:g} s, as evaluate and generate)",
    )
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="agent seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    parser.add_argument("--record", metavar="OUT.replay.json", help="write a replay of the play")
    parser.add_argument("--render", action="store_true", help="show the play in a window")
    parser.add_argument(
        "--scale",
        type=window_scale,
        metavar="S",
        help=f"window size, with --render or --human (default {WINDOW_SCALE:g}: 512 px)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Play the level and report.

    Args:
        args: parsed arguments (see :func:`register`).

    Returns:
        0 after a play, whatever its outcome.
    """
    from mariogen.agents import make_agent, play

    if args.record and not args.record.endswith(".json"):
        raise UserError(f"--record {args.record}: a replay file must end in .replay.json")
    level = Level.read(args.level)
    view = None
    if args.scale is not None and not (args.human or args.render):
        warn("--scale sizes the window of --render or --human; without one it does nothing")
    if args.human or args.render:
        label, scale = "you" if args.human else args.agent, args.scale or WINDOW_SCALE
        view = _open_view(level, label, args.human, scale)
    if args.human:
        from mariogen.render.live import HumanAgent

        agent: Any = HumanAgent(view)
    else:
        try:
            agent = make_agent(args.agent, seed=args.seed)
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None
    from mariogen.evaluation import compile_first, needs_planner

    compile_first(not args.human and needs_planner([args.agent]))
    result = _play(play, agent, level, args, view)
    if result is None:
        return 0
    if args.record:
        result.to_replay(level).write(args.record)
    style = _style(result, level) if args.human else None
    if args.json:
        extra = {"plays_like": style.probabilities} if style is not None else {}
        print(json.dumps({**result.summary(), **extra}))
    else:
        print(human_summary(result))
        if args.record:
            print(f"wrote {args.record} ({result.iterations} iterations)")
        if style is not None:
            from mariogen.cli.classify import probabilities_text

            print(f"you {probabilities_text(style).replace('plays', 'played', 1)}")
            for note in style.notes:
                print(f"  note: {note}")
    return 0


def _style(result: PlayResult, level: Level) -> Classification:
    """Which persona the play looks like (``mariogen classify`` of it)."""
    from mariogen.style import StyleClassifier

    return StyleClassifier().classify_play(result, level, "your play")


def _open_view(level: Level, label: str, human: bool, scale: float) -> Any:
    from mariogen.render.live import HUMAN_KEYS_HELP, LiveView
    from mariogen.render.window import WindowError

    try:
        return LiveView(
            level, label, scale, note=HUMAN_KEYS_HELP if human else "", stop_on_close=human
        )
    except WindowError as exc:
        raise UserError(str(exc)) from None


def _play(play: Any, agent: Any, level: Level, args: argparse.Namespace, view: Any) -> Any:
    from mariogen.render.live import PlayStoppedError

    try:
        return play(agent, level, args.mode, args.time, seed=args.seed, on_step=view)
    except PlayStoppedError:
        print("stopped: the window was closed before the end; nothing recorded")
        return None
    finally:
        if view is not None:
            view.close()


def human_summary(result: PlayResult) -> str:
    """A few lines about a play.

    Hurts and power-ups are counted once each here (from the play's events); the framework's
    statistics (``--json``) count them again on every pause iteration that follows.
    """
    from mariogen.engine import EventType

    s = result.summary()
    counts = Counter((e.type, e.param) for e in result.events)
    hurts = sum(n for (kind, _), n in counts.items() if kind is EventType.HURT)
    powerups = counts[EventType.COLLECT, 12] + counts[EventType.COLLECT, 13]
    mode = ("small", "large", "fire")[s["start_mode"]]
    return "\n".join(
        [
            f"{s['agent']} on {Path(s['level']).name} ({mode} Mario, {result.time_limit_s:g} s): "
            f"{s['status']} at {100 * s['completion']:.0f}% of the level after {s['ticks']} "
            f"ticks ({s['ticks'] * 0.03:.1f} s of game time)",
            f"kills {s['kills']} of {s['enemies_available']} enemies (stomp {s['kills_stomp']}, "
            f"fire {s['kills_fire']}, shell {s['kills_shell']}, fall {s['kills_fall']}); "
            f"coins {s['coins']} of {s['coins_available']}",
            f"jumps {s['jumps']} (longest air time {s['max_jump_air_time']} ticks); "
            f"hurts {hurts}; power-ups {powerups}; {s['wall_seconds']:.2f} s wall time",
        ]
    )
