"""Behaviour cloning and DAgger: fit a stable-baselines3 policy's actor to a planner's actions.

The actor (its policy network and action head) is trained with cross-entropy on the
planner's actions (recorded by :mod:`mariogen.rl.demos`); the value network is left to PPO.
:func:`imitate` runs the rounds of ``mariogen train --demos N --dagger-rounds R``: round 0
clones N levels of the planner's own plays; each later round lets the policy play new levels
with the planner labelling the states it reaches (DAgger, Ross et al. 2011), adds those
decisions and fits again. :class:`Anchor` keeps the actor near the planner's actions during
PPO (``--anchor-levels N``). Needs the ``rl`` extra (torch).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mariogen.agents.policy import Activation, NumpyPolicy
from mariogen.level.library import SegmentLibrary
from mariogen.rl.demos import Chooser, Demos, demo_levels, planner_chooser, record_demos

#: Share of the decisions kept out of the fit to report the clone's accuracy.
CHECK_SHARE = 0.05
BATCH_SIZE = 256
LEARNING_RATE = 1e-3


def actor_logits(policy: Any, features: Any) -> Any:
    """The action logits of a stable-baselines3 ``ActorCriticPolicy`` (torch tensors)."""
    latent = policy.mlp_extractor.forward_actor(policy.extract_features(features))
    return policy.action_net(latent)


def clone_policy(
    policy: Any, features: np.ndarray, actions: np.ndarray, epochs: int, seed: int | list[int]
) -> dict[str, float]:
    """Fit ``policy``'s actor to the planner's ``actions`` for ``epochs`` passes (Adam).

    Args:
        policy: a stable-baselines3 ``ActorCriticPolicy`` (changed in place).
        features: ``(n, inputs)`` inputs of the recorded decisions.
        actions: ``(n,)`` the planner's actions at them.
        epochs: passes over the fitted decisions, in minibatches.
        seed: seeds the split and the minibatch order.

    Returns:
        ``clone_fit_accuracy`` and ``clone_check_accuracy``: the share of decisions whose
        largest logit is the planner's action, on the fitted and the held-back decisions.
    """
    import torch

    rng = np.random.default_rng(seed)
    order = rng.permutation(len(actions))
    n_check = max(1, int(len(order) * CHECK_SHARE))
    check, fit = order[:n_check], order[n_check:]
    x, y = torch.as_tensor(features), torch.as_tensor(actions)
    optimizer = torch.optim.Adam(_actor_parameters(policy), lr=LEARNING_RATE)
    policy.set_training_mode(True)
    for _ in range(epochs):
        shuffled = fit[rng.permutation(len(fit))]
        for start in range(0, len(fit), BATCH_SIZE):
            rows = torch.as_tensor(shuffled[start : start + BATCH_SIZE])
            _cross_entropy_step(policy, optimizer, x[rows], y[rows])
    policy.set_training_mode(False)
    with torch.no_grad():
        chosen = actor_logits(policy, x).argmax(dim=1).numpy()
    right = chosen == actions
    return {
        "clone_fit_accuracy": float(right[fit].mean()),
        "clone_check_accuracy": float(right[check].mean()),
    }


def copy_actor(policy: Any, source: NumpyPolicy) -> None:
    """Set ``policy``'s actor to an exported policy's layers (``mariogen train --init-from``).

    The source may have fewer inputs than ``policy`` (a persona's policy starting a
    conditioned run): the extra inputs, the dial appended last, start with weight 0, so the
    actor first acts as the source does whatever the dial.

    Raises:
        ValueError: when the layers' widths do not fit (``--hidden`` differs), or the source
            has more inputs than ``policy``.
    """
    import torch

    if source.activation is not Activation.TANH:  # the runs' networks use tanh
        raise ValueError(f"its layers use {source.activation.value}, the run's tanh")
    linear = [m for m in policy.mlp_extractor.policy_net if isinstance(m, torch.nn.Linear)]
    targets, layers = [*linear, policy.action_net], [*source.hidden, source.head]
    if len(targets) != len(layers):
        raise ValueError(f"{len(layers) - 1} hidden layers, the run has {len(targets) - 1}")
    for index, (target, (weight, bias)) in enumerate(zip(targets, layers, strict=True)):
        extra = target.weight.shape[1] - weight.shape[1]
        if target.weight.shape[0] != weight.shape[0] or extra < 0 or (index and extra):
            shape = tuple(target.weight.shape)
            raise ValueError(f"layer {index} is {weight.shape}, the run's is {shape}")
        full = np.concatenate([weight, np.zeros((weight.shape[0], extra), np.float32)], axis=1)
        with torch.no_grad():
            target.weight.copy_(torch.from_numpy(full))
            target.bias.copy_(torch.from_numpy(bias))


def _actor_parameters(policy: Any) -> list[Any]:
    return [*policy.mlp_extractor.policy_net.parameters(), *policy.action_net.parameters()]


def _cross_entropy_step(policy: Any, optimizer: Any, features: Any, actions: Any) -> None:
    """One optimizer step of the actor's cross-entropy on a minibatch of decisions."""
    import torch

    loss = torch.nn.functional.cross_entropy(actor_logits(policy, features), actions)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


class Anchor:
    """Behaviour-cloning steps between PPO updates, on a fixed set of the planner's
    decisions, so that PPO improves the policy without losing the persona's habits.

    Args:
        policy: a stable-baselines3 ``ActorCriticPolicy`` (changed in place by :meth:`step`).
        features: ``(n, inputs)`` inputs of the planner's decisions.
        actions: ``(n,)`` its actions at them.
        steps: minibatches of cross-entropy per :meth:`step`.
        learning_rate: Adam's learning rate.
        seed: seeds the minibatches.
    """

    def __init__(
        self,
        policy: Any,
        features: np.ndarray,
        actions: np.ndarray,
        steps: int,
        learning_rate: float,
        seed: int | list[int],
    ) -> None:
        import torch

        self.policy, self.steps = policy, steps
        self.x, self.y = torch.as_tensor(features), torch.as_tensor(actions)
        self.rng = np.random.default_rng(seed)
        self.optimizer = torch.optim.Adam(_actor_parameters(policy), lr=learning_rate)

    def step(self) -> None:
        """Run :attr:`steps` minibatches of cross-entropy on the planner's actions."""
        import torch

        for _ in range(self.steps):
            rows = torch.as_tensor(self.rng.integers(0, len(self.y), BATCH_SIZE))
            _cross_entropy_step(self.policy, self.optimizer, self.x[rows], self.y[rows])


#: Columns of ``imitation.csv``, one row per round (round 0: the plain demonstrations).
IMITATION_FIELDS = (
    "round",
    "levels",
    "decisions",
    "learner_finish",
    "fit_accuracy",
    "check_accuracy",
    "wall_s",
    "val_finish",
    "val_coins",
    "val_kills",
    "val_completion",
)


@dataclass(frozen=True)
class Imitation:
    """How a run warms its policy up before PPO (``mariogen train --demos``).

    Attributes:
        persona: the A* persona card that demonstrates.
        seed: the run's seed (demonstration levels, split and minibatch order).
        segments: segments of the demonstration levels.
        demos: levels of plain demonstrations (round 0).
        rounds: DAgger rounds after it.
        round_levels: levels the policy plays, labelled by the planner, per round.
        first_epochs: passes over the demonstrations in round 0.
        round_epochs: passes over all decisions so far after each DAgger round.
    """

    persona: str
    seed: int
    segments: int
    demos: int
    rounds: int
    round_levels: int
    first_epochs: int = 20
    round_epochs: int = 4

    def levels_of(self, round_: int) -> int:
        """The levels round ``round_`` plays (round 0: the demonstrations)."""
        return self.demos if round_ == 0 else self.round_levels


def greedy_chooser(policy: Any) -> Chooser:
    """The action of the largest logit of ``policy``'s actor (the deterministic action)."""
    import torch

    def choose(features: np.ndarray, planned: int) -> int:
        with torch.no_grad():
            return int(actor_logits(policy, torch.as_tensor(features[None]))[0].argmax())

    return choose


def imitate(
    policy: Any,
    plan: Imitation,
    library: SegmentLibrary,
    validate: Callable[[], dict[str, float]],
    on_round: Callable[[dict[str, Any], Demos], None],
    done: Sequence[Demos] = (),
    wall_before: float = 0.0,
) -> None:
    """Clone the persona's planner into ``policy``: demonstrations, then DAgger rounds.

    Every round is a function of the policy and the decisions before it (its levels, split
    and minibatch order come from the plan's seed and the round), so a warm-up continued
    from the rounds ``done`` (with the policy as it was after them) ends as an uninterrupted
    one does.

    Args:
        policy: a stable-baselines3 ``ActorCriticPolicy`` (changed in place).
        plan: the rounds.
        library: the segment library (the demonstration levels).
        validate: exports the policy and returns its validation figures.
        on_round: called with each round's row of :data:`IMITATION_FIELDS` and the
            decisions that round recorded.
        done: the decisions of the rounds already done, in order (resuming a warm-up).
        wall_before: seconds those rounds took (the rows' ``wall_s`` go on from there).
    """
    start = time.perf_counter()
    features = [d.features for d in done]
    actions = [d.actions for d in done]
    first = sum(plan.levels_of(k) for k in range(len(done)))
    for round_ in range(len(done), plan.rounds + 1):
        n = plan.levels_of(round_)
        levels = demo_levels(library, plan.seed, n, plan.segments, first)
        learner = planner_chooser if round_ == 0 else greedy_chooser(policy)
        demos = record_demos(plan.persona, levels, learner)
        first += n
        features.append(demos.features)
        actions.append(demos.actions)
        inputs, labels = np.concatenate(features), np.concatenate(actions)
        epochs = plan.first_epochs if round_ == 0 else plan.round_epochs
        fit = clone_policy(policy, inputs, labels, epochs, [plan.seed, round_])
        row = {
            "round": round_,
            "levels": first,
            "decisions": len(labels),
            "learner_finish": round(demos.wins / demos.plays, 4),
            "fit_accuracy": round(fit["clone_fit_accuracy"], 4),
            "check_accuracy": round(fit["clone_check_accuracy"], 4),
            "wall_s": round(wall_before + time.perf_counter() - start, 1),
            **{k: round(v, 4) for k, v in validate().items()},
        }
        on_round(row, demos)
