"""``mariogen train``: train an RL persona with PPO and export it as a numpy policy file."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mariogen.cli.argtypes import whole_number
from mariogen.cli.command import add_command
from mariogen.cli.errors import UserError

if TYPE_CHECKING:
    from mariogen.rl.train import TrainSettings

_HELP = "train an RL persona (PPO; needs the rl extra) and export it as a .npz policy"

_DESCRIPTION = """\
Train a policy for persona card NAME with PPO (stable-baselines3) on mariogen/Mario-v0:
the observation contract of mariogen.agents.policy (grids at scene detail 1 and enemy
detail 0, frame skip 4, the "simple" action set), the reward of the card's [reward] terms.
Levels are assembled from the segment library, 2 segments at first, --segments by half
way, from a training seed stream that evaluation never uses. Every --eval-every steps the
policy is exported and played by the numpy runner on 10 validation levels; the figures
go to DIR/log.csv and DIR/curve.png, and DIR/checkpoint.npz is written (plain arrays,
never a pickle). The end result is DIR/rl-NAME.npz: copy it next to a card with
[planner] type = "policy" to play it (no torch needed).

--conditioned trains one policy whose reward adds dial_coins x the collector card's coin
terms and dial_kills x the killer card's kill terms to NAME's other terms; the dial is drawn
per episode from {0, 0.25, 0.5, 0.75, 1} each and given to the policy as input.

Needs the rl extra: pip install torch --index-url https://download.pytorch.org/whl/cpu
(the CPU build; first), then pip install 'mariogen[rl]'."""

_EPILOG = """\
examples:
  mariogen train --persona runner --timesteps 300 --envs 2 -o runs/smoke
  mariogen train --persona collector --timesteps 1000000 --seed 0 -o runs/collector
  mariogen train --persona collector --timesteps 2000000 -o runs/collector --resume
  mariogen play examples/first-steps.txt --agent rl-collector

exit status: 0 on success, 2 for a bad option, an unknown persona, or a missing rl extra."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``train`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    p = add_command(subparsers, "train", _HELP, _DESCRIPTION, _EPILOG)
    p.add_argument("--persona", required=True, metavar="NAME", help="persona card to train for")
    p.add_argument(
        "--timesteps", type=whole_number(1), default=1_000_000, metavar="N", help="(1000000)"
    )
    p.add_argument("--seed", type=whole_number(0), default=0, metavar="S", help="run seed (0)")
    p.add_argument("--envs", type=whole_number(1), default=8, metavar="N", help="envs (8)")
    p.add_argument(
        "--segments", type=whole_number(1), default=8, metavar="N", help="longest levels (8)"
    )
    p.add_argument("--conditioned", action="store_true", help="one policy over a coin/kill dial")
    p.add_argument(
        "--eval-every", type=whole_number(1), default=25_000, metavar="N", help="steps (25000)"
    )
    p.add_argument("-o", "--output", metavar="DIR", help="run folder (default: runs/rl-NAME)")
    p.add_argument("--resume", action="store_true", help="continue the run folder's checkpoint")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def command_line(settings: TrainSettings, folder: Path) -> str:
    """The ``mariogen train`` command that makes this run (every setting spelled out)."""
    words = ["mariogen", "train", "--persona", settings.persona]
    words += ["--timesteps", str(settings.timesteps), "--seed", str(settings.seed)]
    words += ["--envs", str(settings.envs), "--segments", str(settings.segments)]
    words += ["--eval-every", str(settings.eval_every)]
    words += ["--conditioned"] if settings.conditioned else []
    return shlex.join([*words, "-o", str(folder)])


def run(args: argparse.Namespace) -> int:
    """Train and export.

    Returns:
        0 on success.

    Raises:
        UserError: without the rl extra, or for a run folder that holds another run.
    """
    try:
        import stable_baselines3  # noqa: F401
        import torch
    except ImportError:
        raise UserError(
            "train needs the rl extra: pip install torch --index-url "
            "https://download.pytorch.org/whl/cpu, then pip install 'mariogen[rl]'"
        ) from None
    from tqdm import tqdm

    from mariogen.agents.personas import load_card
    from mariogen.rl.train import Trainer, TrainSettings, write_run

    load_card(args.persona)  # an unknown or broken card is one line
    settings = TrainSettings(
        persona=args.persona,
        timesteps=args.timesteps,
        seed=args.seed,
        envs=args.envs,
        segments=args.segments,
        conditioned=args.conditioned,
        eval_every=args.eval_every,
    )
    folder = Path(args.output or f"runs/{settings.name}")
    if (folder / "checkpoint.npz").exists() and not args.resume:
        raise UserError(f"{folder} holds a run (checkpoint.npz); --resume continues it")
    folder.mkdir(parents=True, exist_ok=True)
    command = command_line(settings, folder)
    write_run(folder, settings, command)
    torch.set_num_threads(1)
    trainer = Trainer(settings, folder, command)
    if args.resume:
        trainer.resume()
    done = trainer.model.num_timesteps
    with tqdm(
        total=settings.timesteps,
        initial=done,
        desc=settings.name,
        file=sys.stderr,
        disable=args.quiet,
        unit="step",
    ) as bar:

        def advance(steps: int) -> None:
            bar.update(steps - bar.n)

        policy = trainer.run(on_steps=advance)
    print(f"wrote {policy} ({trainer.model.num_timesteps} timesteps; log {folder / 'log.csv'})")
    return 0
