"""``mariogen train``: PPO (stable-baselines3) of an RL persona on curriculum levels.

The run folder gets ``log.csv`` (one row per evaluation), ``curve.png`` (the learning curve),
``checkpoint.npz`` (see :mod:`mariogen.rl.checkpoint`), ``latest.npz``, ``imitation.csv``
(and, while the warm-up runs, ``imitation-rounds/``) and, at the end, the exported policy
``rl-PERSONA.npz`` (:mod:`mariogen.rl.export`); the command claims the folder first
(:mod:`mariogen.run_folder`, ``run.json``). Needs the ``rl`` extra; everything else of
mariogen stays importable without it.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from mariogen.agents.personas import load_card
from mariogen.agents.play import play
from mariogen.agents.policy import PolicyAgent, PolicyFileError, load_policy
from mariogen.fileio import atomic_write
from mariogen.level.library import SegmentLibrary
from mariogen.rl.checkpoint import load_checkpoint, save_checkpoint
from mariogen.rl.clone import IMITATION_FIELDS, Anchor, Imitation, copy_actor, imitate
from mariogen.rl.demos import Demos, demo_levels, load_demos, record_demos, save_demos
from mariogen.rl.env import TIME_LIMIT_S, RunProgress, make_training_env
from mariogen.rl.export import export_policy
from mariogen.rl.levels import validation_levels

#: The dial terms of a conditioned run, and the card whose reward weights each term scales.
DIAL_CARDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "coins": ("collector", ("coins", "coin_blocks")),
    "kills": ("killer", ("kills",)),
}
#: Columns of ``log.csv``.
LOG_FIELDS = (
    "timesteps",
    "wall_s",
    "segments",
    "train_return",
    "val_finish",
    "val_coins",
    "val_kills",
    "val_completion",
)
#: The folder of an unfinished warm-up's recorded decisions, a file per round done.
ROUNDS_FOLDER = "imitation-rounds"
#: The files of every run folder but the exported policy (a folder with one holds a run).
RUN_OUTPUTS = (
    "checkpoint.npz",
    "latest.npz",
    "log.csv",
    "imitation.csv",
    "curve.png",
    ROUNDS_FOLDER,
)


@dataclass(frozen=True)
class TrainSettings:
    """The settings of a run (``mariogen train``'s options).

    Attributes:
        persona: the persona card trained for (its ``[reward]``).
        timesteps: environment steps of the run.
        seed: the run's seed (PPO and the training level stream).
        envs: environments stepped together.
        segments: segments of the longest curriculum levels.
        conditioned: train one policy over the coin/kill dial (see :data:`DIAL_CARDS`).
        eval_every: timesteps between evaluations (log rows, checkpoints).
        eval_levels: validation levels per evaluation.
        hidden: the widths of the policy's (and value network's) hidden layers.
        demos: levels of the persona's A* demonstrations cloned before PPO (0: none).
        dagger_rounds: DAgger rounds after the demonstrations (:mod:`mariogen.rl.clone`).
        dagger_levels: levels the policy plays, labelled by the planner, per DAgger round.
        learning_rate: PPO's (Adam's) learning rate.
        anchor_levels: levels of the persona's A* demonstrations that behaviour-cloning
            steps between PPO updates keep the actor close to (0: none; :class:`Anchor`).
        anchor_steps: behaviour-cloning minibatches after each PPO rollout.
        init_from: an exported policy file the actor starts from (``""``: none; see
            :func:`~mariogen.rl.clone.copy_actor`).
    """

    persona: str
    timesteps: int = 1_000_000
    seed: int = 0
    envs: int = 8
    segments: int = 8
    conditioned: bool = False
    eval_every: int = 25_000
    eval_levels: int = 10
    hidden: tuple[int, ...] = (64, 64)
    demos: int = 0
    dagger_rounds: int = 0
    dagger_levels: int = 800
    learning_rate: float = 3e-4
    anchor_levels: int = 0
    anchor_steps: int = 4
    init_from: str = ""

    #: The settings a resumed run must repeat: they shape the policy, its levels and its
    #: reward. The others (timesteps, evaluation, learning rate, anchor) may change from
    #: one ``--resume`` stage to the next.
    FIXED_ON_RESUME: ClassVar[tuple[str, ...]] = (
        "persona",
        "seed",
        "envs",
        "segments",
        "conditioned",
        "hidden",
        "demos",
        "dagger_rounds",
        "dagger_levels",
    )

    def clashes(self, saved: Mapping[str, Any]) -> list[str]:
        """The :data:`FIXED_ON_RESUME` settings in which ``saved`` (a run's settings as
        JSON data) differs from these."""
        mine = json.loads(json.dumps(asdict(self)))
        return [key for key in self.FIXED_ON_RESUME if saved.get(key) != mine[key]]

    @property
    def outputs(self) -> tuple[str, ...]:
        """The files a run writes into its folder."""
        return (*RUN_OUTPUTS, f"{self.name}.npz")

    def imitation(self) -> Imitation | None:
        """The run's imitation warm-up, or ``None`` without ``demos``."""
        if not self.demos:
            return None
        return Imitation(
            self.persona,
            self.seed,
            self.segments,
            self.demos,
            self.dagger_rounds,
            self.dagger_levels,
        )

    @property
    def name(self) -> str:
        """The policy's name: ``rl-PERSONA`` (``rl-mix`` when conditioned)."""
        return "rl-mix" if self.conditioned else f"rl-{self.persona}"


def run_reward(settings: TrainSettings) -> Any:
    """The persona's weights, or ``(base, dial weights)`` for a conditioned run."""
    card = load_card(settings.persona)
    if not settings.conditioned:
        return dict(card.reward)
    dial_terms = {t for _, terms in DIAL_CARDS.values() for t in terms}
    base = {k: v for k, v in card.reward.items() if k not in dial_terms}
    dials = {}
    for dial, (source, terms) in DIAL_CARDS.items():
        weights = load_card(source).reward
        dials[dial] = {t: weights[t] for t in terms if t in weights}
    return base, dials


def evaluate_policy(policy_file: Path, levels: list, dial: np.ndarray | None) -> dict[str, float]:
    """Finish rate, mean coins, kills and completion of the numpy runner on ``levels``."""
    policy = load_policy(policy_file)
    plays = [
        play(PolicyAgent("eval", policy, dial), lv, time_limit_s=TIME_LIMIT_S, record=False)
        for lv in levels
    ]
    return {
        "val_finish": float(np.mean([p.win for p in plays])),
        "val_coins": float(np.mean([p.stats["coins"] for p in plays])),
        "val_kills": float(np.mean([p.stats["kills"] for p in plays])),
        "val_completion": float(np.mean([p.stats["completion"] for p in plays])),
    }


def draw_curve(log: Path, png: Path, title: str) -> None:
    """The learning curve of ``log.csv`` (validation finish rate, coins, kills) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with log.open() as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return
    steps = [int(r["timesteps"]) for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.2))
    for ax, key in zip(axes, ("val_finish", "val_coins", "val_kills"), strict=True):
        ax.plot(steps, [float(r[key]) for r in rows], marker=".")
        ax.set_title(key)
        ax.set_xlabel("timesteps")
    fig.suptitle(title)
    fig.tight_layout()
    atomic_write(png, lambda tmp: fig.savefig(tmp, format="png", dpi=80), suffix=".png")
    plt.close(fig)


class Trainer:
    """One run: builds the PPO model and its environments, trains, logs, checkpoints, exports.

    Args:
        settings: the run's settings.
        folder: the run folder.
        command: the command line that started the run (stored with the policy).
    """

    def __init__(self, settings: TrainSettings, folder: Path, command: str) -> None:
        from stable_baselines3 import PPO
        from stable_baselines3.common.vec_env import DummyVecEnv, VecMonitor, VecNormalize

        self.settings, self.folder, self.command = settings, folder, command
        self.reward = run_reward(settings)
        self.library = SegmentLibrary.load()
        self.progress = RunProgress(0.0, settings.segments)
        factories = [
            make_training_env(
                self.reward, self.library, settings.seed, i, self.progress, settings.name
            )
            for i in range(settings.envs)
        ]
        self.venv = VecNormalize(
            VecMonitor(DummyVecEnv(factories)), norm_obs=False, norm_reward=True, gamma=0.99
        )
        self.venv.seed(settings.seed)
        self.model = PPO(
            "MlpPolicy",
            self.venv,
            n_steps=256,
            batch_size=512,
            n_epochs=4,
            learning_rate=settings.learning_rate,
            gamma=0.99,
            gae_lambda=0.95,
            ent_coef=0.01,
            policy_kwargs={"net_arch": list(settings.hidden)},
            seed=settings.seed,
            device="cpu",
            verbose=0,
        )
        self.levels = validation_levels(self.library, settings.eval_levels, settings.segments)
        self.dial_terms = tuple(DIAL_CARDS) if settings.conditioned else ()
        self.wall_before = 0.0
        self.imitated = False
        self.imitation_rounds = 0  # rounds of an unfinished warm-up kept in ROUNDS_FOLDER

    @property
    def checkpoint(self) -> Path:
        """The run's checkpoint file."""
        return self.folder / "checkpoint.npz"

    def resume(self) -> None:
        """Continue from the run folder's checkpoint (if there is one)."""
        if not self.checkpoint.exists():
            return
        meta = load_checkpoint(self.checkpoint, self.model)
        rms = self.venv.ret_rms
        rms.mean, rms.var = np.float64(meta["ret_mean"]), np.float64(meta["ret_var"])
        rms.count = float(meta["ret_count"])
        for env, episode in zip(self.venv.venv.venv.envs, meta["episodes"], strict=True):
            _curriculum(env).episode = int(episode)
        self.wall_before = float(meta.get("wall_s", 0.0))
        self.imitated = bool(meta.get("imitated", False))
        self.imitation_rounds = int(meta.get("imitation_rounds", 0))
        steps = int(meta["num_timesteps"])  # rows a crash logged after the checkpoint go
        keep_rows(
            self.folder / "log.csv",
            LOG_FIELDS,
            lambda rows: [r for r in rows if int(r["timesteps"]) <= steps],
        )

    def _state(self, wall: float) -> dict[str, Any]:
        rms = self.venv.ret_rms
        return {
            "ret_mean": float(rms.mean),
            "ret_var": float(rms.var),
            "ret_count": float(rms.count),
            "episodes": [_curriculum(e).episode for e in self.venv.venv.venv.envs],
            "wall_s": wall,
            "imitated": self.imitated,
            "imitation_rounds": self.imitation_rounds,
            "settings": asdict(self.settings),
        }

    def training_meta(self, wall: float) -> dict[str, Any]:
        """What the policy file records of the run."""
        import stable_baselines3
        import torch

        return {
            "command": self.command,
            **asdict(self.settings),
            "timesteps_done": int(self.model.num_timesteps),
            "wall_s": round(wall, 1),
            "stable_baselines3": stable_baselines3.__version__,
            "torch": torch.__version__,
            "level_seeds": "training: default_rng([1013, seed, env, episode]); "
            "validation: [2013, k]; held-out evaluation: [3013, k]; "
            "A* demonstrations and DAgger rounds: [4013, seed, k]",
        }

    def export(self, path: Path, wall: float) -> Path:
        """Export the current policy to ``path``."""
        reward = (
            self.reward
            if isinstance(self.reward, dict)
            else {
                "base": self.reward[0],
                "dials": self.reward[1],
            }
        )
        return export_policy(
            self.model,
            path,
            self.settings.persona,
            reward,
            self.training_meta(wall),
            self.levels,
            self.dial_terms,
        )

    def warm_up(self, on_round: Callable[[dict[str, Any]], None] | None = None) -> None:
        """Clone the persona's planner first (``demos``), unless the checkpoint already has.

        Writes ``imitation.csv`` (a row per round, :data:`IMITATION_FIELDS`). After every
        round its decisions go to :data:`ROUNDS_FOLDER` and the checkpoint is written, so
        ``--resume`` after a crash goes on from the last round done and ends as an
        uninterrupted warm-up would; the folder is removed when the warm-up is done.
        """
        plan = self.settings.imitation()
        if plan is None or self.imitated:
            return
        table, rounds = self.folder / "imitation.csv", self.folder / ROUNDS_FOLDER
        done = self._rounds_done(rounds, table)
        start = time.perf_counter()

        def validate() -> dict[str, float]:
            draft = self.export(self.folder / "latest.npz", self._wall(start))
            return evaluate_policy(draft, self.levels, None)

        def save_round(row: dict[str, Any], demos: Demos) -> None:
            append_row(table, IMITATION_FIELDS, row)
            save_demos(rounds / f"round-{row['round']:03d}.npz", demos)
            self.imitation_rounds = row["round"] + 1
            save_checkpoint(self.checkpoint, self.model, self._state(self._wall(start)))
            if on_round is not None:
                on_round(row)

        imitate(self.model.policy, plan, self.library, validate, save_round, done, self.wall_before)
        self.imitated = True
        self.wall_before = self._wall(start)
        save_checkpoint(self.checkpoint, self.model, self._state(self.wall_before))
        shutil.rmtree(rounds, ignore_errors=True)

    def start_actor(self) -> None:
        """Set the actor to ``init_from``'s layers on a run's first start (not on a resume
        from a checkpoint, which holds the actor as trained since).

        Raises:
            PolicyFileError: for an unreadable policy file, or one that does not fit the run.
        """
        if not self.settings.init_from or self.checkpoint.exists():
            return
        path = Path(self.settings.init_from)
        try:
            copy_actor(self.model.policy, load_policy(path))
        except ValueError as exc:
            raise PolicyFileError(f"{path}: does not fit this run's policy: {exc}") from None

    def _wall(self, start: float) -> float:
        """Seconds of the run so far: before this process, and since ``start``."""
        return self.wall_before + time.perf_counter() - start

    def _rounds_done(self, rounds: Path, table: Path) -> list[Demos]:
        """The decisions of the warm-up's rounds the checkpoint has, read back; the table
        keeps their rows only (a crash after a row but before its checkpoint)."""
        inputs = int(np.prod(self.model.observation_space.shape))
        done = [
            load_demos(rounds / f"round-{k:03d}.npz", inputs) for k in range(self.imitation_rounds)
        ]
        keep_rows(table, IMITATION_FIELDS, lambda rows: rows[: len(done)])
        return done

    def run(
        self,
        on_steps: Callable[[int], None] | None = None,
        on_round: Callable[[dict[str, Any]], None] | None = None,
    ) -> Path:
        """Warm up (``demos``), then train to the settings' timesteps; returns the policy file."""
        from stable_baselines3.common.callbacks import BaseCallback

        self.start_actor()
        self.warm_up(on_round)
        total = self.settings.timesteps
        remaining = total - self.model.num_timesteps
        anchor = self.anchor() if remaining > 0 else None  # recorded only for PPO steps to run
        trainer, start = self, time.perf_counter()
        log = self.folder / "log.csv"
        next_eval = (
            self.model.num_timesteps // self.settings.eval_every + 1
        ) * self.settings.eval_every

        class Hook(BaseCallback):
            def _on_step(self) -> bool:
                nonlocal next_eval
                done = self.model.num_timesteps
                trainer.progress.share = done / total
                if on_steps is not None:
                    on_steps(done)
                if done >= next_eval:
                    next_eval += trainer.settings.eval_every
                    trainer.evaluate(log, trainer._wall(start))
                return True

            def _on_rollout_end(self) -> None:
                if anchor is not None:
                    anchor.step()

        if remaining > 0:
            self.model.learn(remaining, callback=Hook(), reset_num_timesteps=False)
        wall = self._wall(start)
        if remaining > 0 or not log.exists():  # a finished run resumed logs no second row
            self.evaluate(log, wall)
        return self.export(self.folder / f"{self.settings.name}.npz", wall)

    def anchor(self) -> Anchor | None:
        """The planner's decisions on the first ``anchor_levels`` demonstration levels (the
        same levels as round 0 of the warm-up), recorded again, or ``None``."""
        n = self.settings.anchor_levels
        if not n:
            return None
        levels = demo_levels(self.library, self.settings.seed, n, self.settings.segments, 0)
        demos = record_demos(self.settings.persona, levels)
        steps, rate = self.settings.anchor_steps, self.settings.learning_rate
        return Anchor(
            self.model.policy, demos.features, demos.actions, steps, rate, [self.settings.seed, n]
        )

    def evaluate(self, log: Path, wall: float) -> None:
        """Log a row of validation figures, redraw the curve and write the checkpoint."""
        draft = self.export(self.folder / "latest.npz", wall)
        dial = np.full(len(self.dial_terms), 0.5, np.float32) if self.dial_terms else None
        figures = evaluate_policy(draft, self.levels, dial)
        returns = [info["r"] for info in self.model.ep_info_buffer or ()]
        row = {
            "timesteps": int(self.model.num_timesteps),
            "wall_s": round(wall, 1),
            "segments": self.progress.segments,
            "train_return": round(float(np.mean(returns)), 3) if returns else "",
            **{k: round(v, 4) for k, v in figures.items()},
        }
        append_row(log, LOG_FIELDS, row)
        draw_curve(log, self.folder / "curve.png", self.settings.name)
        save_checkpoint(self.checkpoint, self.model, self._state(wall))


def keep_rows(
    path: Path,
    fields: tuple[str, ...],
    keep: Callable[[list[dict[str, str]]], list[dict[str, str]]],
) -> None:
    """Rewrite the CSV file ``path`` (atomically) with the rows ``keep`` keeps of its rows;
    nothing happens to a missing file, and a file left with no rows is removed."""
    if not path.exists():
        return
    with path.open(newline="") as handle:
        rows = keep(list(csv.DictReader(handle)))
    if not rows:
        path.unlink()
        return

    def write(tmp: Path) -> None:
        with tmp.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)

    atomic_write(path, write)


def append_row(path: Path, fields: tuple[str, ...], row: dict[str, Any]) -> None:
    """Append ``row`` to the CSV file ``path`` (its header first, when new)."""
    new = not path.exists()
    with path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        if new:
            writer.writeheader()
        writer.writerow(row)


def _curriculum(env: Any) -> Any:
    from mariogen.rl.env import CurriculumLevels

    while not isinstance(env, CurriculumLevels):
        env = env.env
    return env
