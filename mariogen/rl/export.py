"""Export a trained stable-baselines3 policy to the plain ``.npz`` the numpy runner plays.

The file holds the actor's linear layers (``hidden{i}_weight``/``_bias``, ``head_*``), the
JSON ``meta`` (format, observation spec, activation, persona, reward weights, dial terms,
training metadata) and the fixture: the raw observations (``fixture_scene``,
``fixture_enemies``, ``fixture_mario``, ``fixture_dial``) of plays of the policy on
validation levels, with the actions stable-baselines3 chose for them
(``fixture_actions``) and the logits of its forward pass (``fixture_logits``). Nothing
is pickled. Needs torch (the ``rl`` extra).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from mariogen.agents.policy import (
    FEATURES_NAME,
    POLICY_FORMAT,
    TRAINING_SPEC,
    Activation,
    policy_features,
)
from mariogen.envs import DiscreteActions
from mariogen.fileio import atomic_write
from mariogen.level import Level

#: Observations in the export's fixture.
FIXTURE_SIZE = 1000


def actor_layers(model: Any) -> tuple[list[tuple[np.ndarray, np.ndarray]], Activation]:
    """The actor's linear layers (hidden ones, then the action head) and their activation.

    Raises:
        ValueError: for a policy network that is not linear layers and one activation.
    """
    import torch

    layers, activations = [], set()
    for module in model.policy.mlp_extractor.policy_net:
        if isinstance(module, torch.nn.Linear):
            layers.append(module)
        elif isinstance(module, torch.nn.Tanh):
            activations.add(Activation.TANH)
        elif isinstance(module, torch.nn.ReLU):
            activations.add(Activation.RELU)
        else:
            raise ValueError(f"cannot export a policy network with {module!r}")
    if len(activations) > 1:
        raise ValueError("cannot export a policy network mixing activations")
    layers.append(model.policy.action_net)

    def plain(layer: Any) -> tuple[np.ndarray, np.ndarray]:
        weight = layer.weight.detach().cpu().numpy().astype(np.float32)
        return weight, layer.bias.detach().cpu().numpy().astype(np.float32)

    return [plain(layer) for layer in layers], activations.pop() if activations else Activation.TANH


def sb3_logits(model: Any, features: np.ndarray) -> np.ndarray:
    """stable-baselines3's action logits of a batch of input vectors (its own forward pass)."""
    import torch

    policy = model.policy
    with torch.no_grad():
        obs, _ = policy.obs_to_tensor(features)
        latent = policy.mlp_extractor.forward_actor(policy.extract_features(obs))
        return policy.action_net(latent).cpu().numpy()


def record_fixture(
    model: Any, levels: list[Level], dial: np.ndarray | None, size: int = FIXTURE_SIZE
) -> dict[str, np.ndarray]:
    """Observations of the model's plays of ``levels``, with its deterministic actions.

    The plays run in ``mariogen/Mario-v0`` with the training observation contract and step
    with actions *sampled* from the policy (seeded), so the observations cover more than
    the deterministic play would; each is labelled with the action ``model.predict(...,
    deterministic=True)`` chooses and the action logits of stable-baselines3's forward pass.
    Levels are played in turn (again from the first if they give fewer than ``size`` steps).
    """
    import gymnasium
    import torch

    spec = TRAINING_SPEC
    env = gymnasium.make(
        "mariogen/Mario-v0",
        frame_skip=spec.frame_skip,
        scene_detail=spec.scene_detail,
        enemy_detail=spec.enemy_detail,
        disable_env_checker=True,
    )
    env = DiscreteActions(env, spec.action_set)
    raw: list[dict[str, np.ndarray]] = []
    chosen: list[int] = []
    torch.manual_seed(0)
    k = 0
    while len(raw) < size:
        obs, _ = env.reset(options={"level": levels[k % len(levels)]})
        k += 1
        done = False
        while not done and len(raw) < size:
            features = policy_features(obs, dial)
            action, _ = model.predict(features, deterministic=True)
            sampled, _ = model.predict(features, deterministic=False)
            raw.append(obs)
            chosen.append(int(action))
            obs, _, terminated, truncated, _ = env.step(int(sampled))
            done = terminated or truncated
    n_dial = 0 if dial is None else len(dial)
    dials = np.tile(np.zeros(n_dial, np.float32) if dial is None else dial, (size, 1))
    features = np.stack(
        [policy_features(o, d if n_dial else None) for o, d in zip(raw, dials, strict=True)]
    )
    return {
        "fixture_scene": np.stack([o["scene"] for o in raw]),
        "fixture_enemies": np.stack([o["enemies"] for o in raw]),
        "fixture_mario": np.stack([o["mario"] for o in raw]),
        "fixture_dial": dials,
        "fixture_actions": np.asarray(chosen, dtype=np.int64),
        "fixture_logits": sb3_logits(model, features).astype(np.float32),
    }


def export_policy(
    model: Any,
    path: str | Path,
    persona: str,
    reward: Mapping[str, Any],
    training: Mapping[str, Any],
    fixture_levels: list[Level],
    dial_terms: tuple[str, ...] = (),
) -> Path:
    """Write ``model``'s actor as a policy file (atomically) and return its path.

    Args:
        model: a trained stable-baselines3 PPO model of an ``MlpPolicy``.
        path: the ``.npz`` to write.
        persona: the persona it plays (the card it was trained for).
        reward: the reward weights it was trained with (for a conditioned run: base and dials).
        training: training metadata (command, timesteps, seed, wall time ...).
        fixture_levels: levels whose plays give the fixture's observations.
        dial_terms: a conditioned policy's dial terms (empty: none).
    """
    layers, activation = actor_layers(model)
    arrays: dict[str, np.ndarray] = {}
    for i, (weight, bias) in enumerate(layers):
        name = "head" if i == len(layers) - 1 else f"hidden{i}"
        arrays[f"{name}_weight"], arrays[f"{name}_bias"] = weight, bias
    dial = np.full(len(dial_terms), 0.5, dtype=np.float32) if dial_terms else None
    arrays.update(record_fixture(model, fixture_levels, dial))
    meta = {
        "format": POLICY_FORMAT,
        "features": FEATURES_NAME,
        "observation_spec": TRAINING_SPEC.to_dict(),
        "frame_skip": TRAINING_SPEC.frame_skip,
        "activation": activation.value,
        "hidden_layers": len(layers) - 1,
        "persona": persona,
        "reward": dict(reward),
        "dial_terms": list(dial_terms),
        "training": dict(training),
    }
    arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
    path = Path(path)
    atomic_write(path, lambda tmp: np.savez_compressed(tmp, **arrays), suffix=".npz")
    return path
