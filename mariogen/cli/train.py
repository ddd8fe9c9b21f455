"""``mariogen train``: train an RL persona with PPO and export it as a numpy policy file."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mariogen.cli.argtypes import number_between, whole_number
from mariogen.cli.command import add_command
from mariogen.cli.errors import UserError

if TYPE_CHECKING:
    from mariogen.rl.train import TrainSettings


def layer_widths(text: str) -> tuple[int, ...]:
    """``--hidden``: comma-separated positive layer widths."""
    try:
        widths = tuple(int(w) for w in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected widths such as 64,64, got {text!r}") from None
    if not widths or min(widths) < 1:
        raise argparse.ArgumentTypeError(f"expected positive widths such as 64,64, got {text!r}")
    return widths


_LEARNING_RATE = number_between(0, 1, "a learning rate", "a rate such as 3e-4", above_low=True)

#: The valued options: flag, type, default, metavar, help.
_OPTIONS: tuple[tuple[str, Any, Any, str, str], ...] = (
    ("--timesteps", whole_number(0), 1_000_000, "N", "PPO steps (1000000; 0: none)"),
    ("--demos", whole_number(0), 0, "N", "levels of A* demonstrations cloned first (0: none)"),
    ("--dagger-rounds", whole_number(0), 0, "R", "DAgger rounds after the demonstrations (0)"),
    ("--dagger-levels", whole_number(1), 800, "N", "levels per DAgger round (800)"),
    (
        "--anchor-levels",
        whole_number(0),
        0,
        "N",
        "A* demonstration levels that cloning steps "
        "between PPO updates keep the policy close to (0: none)",
    ),
    ("--anchor-steps", whole_number(1), 4, "K", "cloning minibatches after each PPO rollout (4)"),
    ("--learning-rate", _LEARNING_RATE, 3e-4, "LR", "PPO's learning rate (3e-4)"),
    ("--hidden", layer_widths, (64, 64), "W,W", "hidden layer widths (64,64)"),
    ("--seed", whole_number(0), 0, "S", "run seed (0)"),
    ("--envs", whole_number(1), 8, "N", "environments stepped together (8)"),
    ("--segments", whole_number(1), 8, "N", "segments of the longest levels (8)"),
    ("--eval-every", whole_number(1), 25_000, "N", "steps between evaluations (25000)"),
)

_HELP = "train an RL persona (PPO; needs the rl extra) and export it as a .npz policy"

_DESCRIPTION = """\
Train a policy for persona card NAME with PPO (stable-baselines3) on mariogen/Mario-v0:
the observation contract of mariogen.agents.policy (grids at scene detail 1 and enemy
detail 0, frame skip 4, the "complex" action set), the reward of the card's [reward] terms.
Levels are assembled from the segment library, 2 segments at first, --segments by half
way, from a training seed stream that evaluation never uses. Every --eval-every steps the
policy is exported and played by the numpy runner on 10 validation levels; the figures
go to DIR/log.csv and DIR/curve.png, and DIR/checkpoint.npz is written (plain arrays,
never a pickle). The end result is DIR/rl-NAME.npz: copy it next to a card with
[planner] type = "policy" to play it (no torch needed).

--demos N first clones the persona's A* card into the policy: its planner plays N levels
on the policy's decision ticks and actions, and the policy is fitted to its choices; then
--dagger-rounds R rounds let the policy play --dagger-levels new levels each, the planner
labelling every state it reaches (DAgger), and fit again. Each round's accuracy and
validation figures go to DIR/imitation.csv. PPO then starts from that policy
(--timesteps 0: none). Demonstration levels come from a seed stream of their own.

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
  mariogen train --persona collector --timesteps 1000000 -o runs/collector --force
  mariogen train --persona killer --demos 20 --dagger-rounds 1 --dagger-levels 20 --timesteps 0
  mariogen examples -o examples/      # the shipped example levels, copied here
  mariogen play examples/first-steps.txt --agent rl-collector    # a shipped RL persona

exit status: 0 on success, 2 for a bad option, an unknown persona, a run folder of another
run (without --resume or --force), or a missing rl extra."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``train`` subcommand.

    Args:
        subparsers: the top-level parser's subparsers.
    """
    p = add_command(subparsers, "train", _HELP, _DESCRIPTION, _EPILOG)
    p.add_argument("--persona", required=True, metavar="NAME", help="persona card to train for")
    for flag, kind, default, metavar, text in _OPTIONS:
        p.add_argument(flag, type=kind, default=default, metavar=metavar, help=text)
    p.add_argument("--conditioned", action="store_true", help="one policy over a coin/kill dial")
    p.add_argument(
        "--init-from",
        metavar="FILE",
        help="start the actor from an exported policy (.npz) with the same --hidden, e.g. a "
        "persona's policy for a --conditioned run (the dial inputs start at weight 0)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="run folder (default: runs/rl-NAME): a new one, or one of an earlier run with "
        "--resume (continue it) or --force (replace it)",
    )
    p.add_argument("--resume", action="store_true", help="continue the run folder's checkpoint")
    p.add_argument("--force", action="store_true", help="replace an earlier run in DIR")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def command_line(settings: TrainSettings, folder: Path) -> str:
    """The ``mariogen train`` command that makes this run (every setting spelled out)."""
    words = ["mariogen", "train", "--persona", settings.persona]
    words += ["--timesteps", str(settings.timesteps), "--seed", str(settings.seed)]
    words += ["--envs", str(settings.envs), "--segments", str(settings.segments)]
    words += ["--eval-every", str(settings.eval_every)]
    words += ["--hidden", ",".join(str(w) for w in settings.hidden)]
    words += ["--learning-rate", repr(settings.learning_rate)]
    if settings.demos:
        words += ["--demos", str(settings.demos), "--dagger-rounds", str(settings.dagger_rounds)]
        words += ["--dagger-levels", str(settings.dagger_levels)]
    if settings.anchor_levels:
        words += ["--anchor-levels", str(settings.anchor_levels)]
        words += ["--anchor-steps", str(settings.anchor_steps)]
    words += ["--init-from", settings.init_from] if settings.init_from else []
    words += ["--conditioned"] if settings.conditioned else []
    return shlex.join([*words, "-o", str(folder)])


def _check_init(path: Path, hidden: tuple[int, ...]) -> None:
    """Refuse an ``--init-from`` policy whose hidden layers are not ``--hidden``'s."""
    from mariogen.agents.policy import load_policy

    widths = tuple(int(weight.shape[0]) for weight, _ in load_policy(path).hidden)
    if widths != hidden:
        given = ",".join(str(w) for w in widths)
        raise UserError(f"--init-from {path}: its hidden layers are {given}; give --hidden {given}")


def _spelled(value: Any) -> str:
    """A saved setting as its option spells it (``256,256`` for a layer list)."""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _claim(args: argparse.Namespace, folder: Path, settings: TrainSettings, command: str) -> Any:
    """Claim the run folder: refuse another run's without --resume or --force, and a resume
    whose fixed settings (``TrainSettings.FIXED_ON_RESUME``) differ from the run's."""
    from dataclasses import asdict

    from mariogen.rl.checkpoint import read_checkpoint_meta
    from mariogen.run_folder import claim_folder

    if args.resume and args.force:
        raise UserError("--resume continues the run in DIR, --force replaces it: give one")
    identity = {"settings": asdict(settings), "command_line": command}
    claim = claim_folder(
        folder, "train", identity, resume=args.resume, force=args.force, outputs=settings.outputs
    )
    checkpoint = folder / "checkpoint.npz"
    saved = read_checkpoint_meta(checkpoint).get("settings") if checkpoint.exists() else None
    if saved is None and claim.saved is not None:
        saved = claim.saved.get("settings")
    if claim.resumed and isinstance(saved, dict):
        clash = settings.clashes(saved)
        if clash:
            given = ", ".join(
                f"--{key.replace('_', '-')} {_spelled(saved.get(key))}" for key in clash
            )
            raise UserError(
                f"--resume: the run in {folder} was started with {given}; give the same, "
                "or --force to replace it"
            )
    return claim


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
    from mariogen.rl.demos import demo_planner
    from mariogen.rl.train import Trainer, TrainSettings

    card = load_card(args.persona)  # an unknown or broken card is one line
    if args.demos or args.anchor_levels:
        demo_planner(card)  # refuses a card that is not astar, in one line, before any work
    settings = TrainSettings(
        persona=args.persona,
        timesteps=args.timesteps,
        seed=args.seed,
        envs=args.envs,
        segments=args.segments,
        conditioned=args.conditioned,
        eval_every=args.eval_every,
        hidden=args.hidden,
        learning_rate=args.learning_rate,
        demos=args.demos,
        dagger_rounds=args.dagger_rounds,
        dagger_levels=args.dagger_levels,
        anchor_levels=args.anchor_levels,
        anchor_steps=args.anchor_steps,
        init_from=args.init_from or "",
    )
    if (settings.demos or settings.anchor_levels) and settings.conditioned:
        flag = "--demos" if settings.demos else "--anchor-levels"
        raise UserError(f"{flag} clones one persona's planner; it does not go with --conditioned")
    if not settings.demos and not settings.timesteps:
        raise UserError("--timesteps 0 trains nothing without --demos")
    folder = Path(args.output or f"runs/{settings.name}")
    command = command_line(settings, folder)
    if settings.init_from:
        _check_init(Path(settings.init_from), settings.hidden)  # before the folder is claimed
    claim = _claim(args, folder, settings, command)
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

        def report(row: dict[str, Any]) -> None:
            bar.write(
                f"imitation round {row['round']}: {row['decisions']} decisions, accuracy "
                f"{row['check_accuracy']:.3f}, validation finish {row['val_finish']:.2f}"
            )

        policy = trainer.run(on_steps=advance, on_round=report)
    claim.finish(folder / name for name in settings.outputs if (folder / name).exists())
    print(f"wrote {policy} ({trainer.model.num_timesteps} timesteps; log {folder / 'log.csv'})")
    return 0
