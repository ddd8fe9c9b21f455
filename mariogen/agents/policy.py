"""Trained policies that play on numpy alone: the ``policy`` planner type.

A policy file (``agents/rl-runner.npz``) is a plain ``.npz`` written by ``mariogen train``
(:mod:`mariogen.rl.export`): the weights of a stable-baselines3 ``MlpPolicy`` actor (the
linear layers of its policy network and its action head), the observation contract
(:class:`~mariogen.engine.interface.ObservationSpec`, frame skip and action set included),
the persona's reward weights and the training metadata as JSON, and a fixture: observations
recorded at export time with the actions stable-baselines3 chose for them. It is read with
``np.load(allow_pickle=False)`` and every array is checked; nothing here imports torch.

A card plays a policy file with::

    [planner]
    type = "policy"
    file = "rl-collector.npz"      # relative to the card's folder

A reward-conditioned policy (``mariogen train --conditioned``) also takes the dial, the
weights of its conditioning terms, from the card: ``dial_coins = 0.7``, ``dial_kills = 0.3``.

The policy sees :func:`policy_features` of the grid observation: seven 0/1 channels (solid,
jump-through platform, brick or ``?`` block, coin; stompable enemy, spiky enemy or piranha,
power-up) over the grid's columns 5..15 (3 behind Mario, 7 ahead) and all 16 rows, then
Mario's state vector scaled into [-1, 1] without ``time_left`` (so a play's time limit does
not change what it does), then the dial. It picks the action of the largest logit (the
deterministic action of stable-baselines3) once every ``frame_skip`` iterations and holds its
buttons in between, exactly as the environment repeats an action.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from pathlib import Path
from tokenize import TokenError
from typing import Any
from zipfile import BadZipFile

import numpy as np

from mariogen.engine import Button, Game
from mariogen.engine.interface import MARIO_FEATURES, MARIO_HIGH, MARIO_LOW, ObservationSpec
from mariogen.errors import InputError
from mariogen.level import Level

#: The ``format`` of policy files this runner reads.
POLICY_FORMAT = "mariogen-policy-v1"
#: The name of the feature encoding (:func:`policy_features`) stored in policy files.
FEATURES_NAME = "channels7-cols5-v1"
#: Grid columns the policy sees (Mario is in column 8).
FIRST_COLUMN = 5
#: Mario's features left out (they depend on the play's time limit).
DROPPED_MARIO = ("time_left",)
#: The largest policy file read, in bytes.
MAX_POLICY_BYTES = 64 * 1024 * 1024
#: Prefix of the card parameters that set a conditioned policy's dial.
DIAL_PREFIX = "dial_"


class SceneCode(IntEnum):
    """Scene grid codes at scene detail 1 (ENGINE_SPEC §14.3)."""

    SOLID = 17
    CANNON = 19
    BRICK = 22
    QUESTION = 24
    COIN = 31
    PIPE = 34
    PLATFORM = 59


class SpriteCode(IntEnum):
    """Enemy grid codes at enemy detail 0 (ENGINE_SPEC §14.4)."""

    ENEMY = 2
    SPIKY = 8
    ITEM = 12


#: The feature channels: (grid, codes that set the channel).
CHANNELS: tuple[tuple[str, tuple[int, ...]], ...] = (
    (
        "scene",
        (SceneCode.SOLID, SceneCode.CANNON, SceneCode.BRICK, SceneCode.QUESTION, SceneCode.PIPE),
    ),
    ("scene", (SceneCode.PLATFORM,)),
    ("scene", (SceneCode.BRICK, SceneCode.QUESTION)),
    ("scene", (SceneCode.COIN,)),
    ("enemies", (SpriteCode.ENEMY,)),
    ("enemies", (SpriteCode.SPIKY,)),
    ("enemies", (SpriteCode.ITEM,)),
)
#: The observation spec policies are trained with (scene detail 1, enemy detail 0).
TRAINING_SPEC = ObservationSpec(scene_detail=1, enemy_detail=0, frame_skip=4, action_set="complex")


class Activation(str, Enum):
    """Activation functions of the hidden layers (stable-baselines3's default is tanh)."""

    TANH = "tanh"
    RELU = "relu"

    def apply(self, x: np.ndarray) -> np.ndarray:
        """The activation of ``x`` (float32 in, float32 out)."""
        if self is Activation.TANH:
            return np.tanh(x)
        return np.maximum(x, np.float32(0))


def _lookup(grid: str) -> np.ndarray:
    """A 256 x channels 0/1 table: the channels a grid code sets."""
    table = np.zeros((256, len(CHANNELS)), dtype=np.float32)
    for channel, (source, codes) in enumerate(CHANNELS):
        if source == grid:
            table[list(codes), channel] = 1.0
    return table


_SCENE_TABLE = _lookup("scene")
_ENEMY_TABLE = _lookup("enemies")
_MARIO_KEEP = np.array([i for i, n in enumerate(MARIO_FEATURES) if n not in DROPPED_MARIO])
_MARIO_SCALE = np.maximum(np.abs(MARIO_LOW), np.abs(MARIO_HIGH))[_MARIO_KEEP].astype(np.float32)
#: Length of the feature vector without a dial.
N_BASE_FEATURES = (16 - FIRST_COLUMN) * 16 * len(CHANNELS) + len(_MARIO_KEEP)


def policy_features(obs: Mapping[str, np.ndarray], dial: np.ndarray | None = None) -> np.ndarray:
    """The policy's input vector of one grid observation (``float32``).

    Args:
        obs: a grid observation (``scene``, ``enemies``, ``mario``) as the environment and
            :meth:`ObservationSpec.encode` return it.
        dial: a conditioned policy's weights, appended as they are; ``None`` for none.
    """
    scene = obs["scene"][FIRST_COLUMN:]
    enemies = obs["enemies"][FIRST_COLUMN:]
    channels = _SCENE_TABLE[scene] + _ENEMY_TABLE[enemies]  # (columns, rows, channels)
    mario = obs["mario"][_MARIO_KEEP] / _MARIO_SCALE
    parts = [channels.transpose(2, 0, 1).ravel(), mario.astype(np.float32)]
    if dial is not None:
        parts.append(np.asarray(dial, dtype=np.float32))
    return np.concatenate(parts)


class PolicyFileError(InputError):
    """A policy file that cannot be read, or does not hold a policy this runner can play."""


@dataclass(frozen=True)
class NumpyPolicy:
    """A trained actor network, evaluated with numpy.

    Attributes:
        hidden: ``(weight (out, in), bias (out,))`` of each hidden layer, float32.
        head: the action head's ``(weight (n_actions, in), bias)``.
        activation: the hidden layers' activation.
        spec: the observation contract the policy was trained with.
        meta: the file's JSON metadata (persona, reward weights, training figures ...).
        dial_terms: the conditioning terms of a conditioned policy (empty: not conditioned).
    """

    hidden: tuple[tuple[np.ndarray, np.ndarray], ...]
    head: tuple[np.ndarray, np.ndarray]
    activation: Activation
    spec: ObservationSpec
    meta: dict[str, Any] = field(default_factory=dict)
    dial_terms: tuple[str, ...] = ()

    @property
    def n_inputs(self) -> int:
        """Length of the input vector."""
        first = self.hidden[0][0] if self.hidden else self.head[0]
        return int(first.shape[1])

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Action logits of one input vector or a batch (rows)."""
        x = np.asarray(features, dtype=np.float32)
        for weight, bias in self.hidden:
            x = self.activation.apply(x @ weight.T + bias)
        weight, bias = self.head
        return x @ weight.T + bias

    def act(self, features: np.ndarray) -> np.ndarray | int:
        """The deterministic action (largest logit; the first of equal ones)."""
        return np.argmax(self.logits(features), axis=-1)


#: What ``np.load`` of a damaged ``.npz`` raises: zipfile's BadZipFile, RuntimeError
#: (encrypted member) and NotImplementedError (unknown compression), zlib's error, and
#: TokenError or SyntaxError from parsing an array's header.
_NPZ_ERRORS = (
    OSError,
    ValueError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    SyntaxError,
    BadZipFile,
    TokenError,
    zlib.error,
)


def load_policy(path: str | Path) -> NumpyPolicy:
    """Read and check a policy file.

    Raises:
        PolicyFileError: naming the file, for a missing, oversized or malformed file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PolicyFileError(f"{path}: cannot read policy file: {exc.strerror}") from None
    if size > MAX_POLICY_BYTES:
        raise PolicyFileError(f"{path}: larger than {MAX_POLICY_BYTES} bytes; not a policy")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except _NPZ_ERRORS as exc:
        raise PolicyFileError(f"{path}: not a policy file (.npz): {exc}") from None
    return _policy_of(arrays, path)


def read_meta(arrays: Mapping[str, np.ndarray], path: Path) -> dict[str, Any]:
    """The JSON metadata of a policy file's arrays."""
    raw = arrays.get("meta")
    if raw is None or raw.dtype.kind != "U" or raw.shape != ():
        raise PolicyFileError(f"{path}: no 'meta' text (the policy's JSON metadata)")
    try:
        meta = json.loads(str(raw))
    except json.JSONDecodeError as exc:
        raise PolicyFileError(f"{path}: meta is not JSON: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != POLICY_FORMAT:
        raise PolicyFileError(f"{path}: not a {POLICY_FORMAT} file (meta format)")
    if meta.get("features") != FEATURES_NAME:
        raise PolicyFileError(
            f"{path}: features {meta.get('features')!r}, this runner knows {FEATURES_NAME!r}"
        )
    return meta


def _float_array(arrays: Mapping[str, np.ndarray], key: str, ndim: int, path: Path) -> np.ndarray:
    value = arrays.get(key)
    if value is None:
        raise PolicyFileError(f"{path}: missing array {key!r}")
    if value.dtype != np.float32 or value.ndim != ndim:
        raise PolicyFileError(
            f"{path}: {key} must be float32 of {ndim} dimension(s), not {value.dtype} {value.shape}"
        )
    if not np.isfinite(value).all():
        raise PolicyFileError(f"{path}: {key} holds values that are not finite")
    return value


def _policy_of(arrays: Mapping[str, np.ndarray], path: Path) -> NumpyPolicy:
    meta = read_meta(arrays, path)
    try:
        spec = ObservationSpec.from_dict(meta.get("observation_spec", {}))
        activation = Activation(meta.get("activation"))
    except (ValueError, TypeError) as exc:
        raise PolicyFileError(f"{path}: {exc}") from None
    n_hidden = meta.get("hidden_layers")
    if not isinstance(n_hidden, int) or isinstance(n_hidden, bool) or not 0 <= n_hidden <= 8:
        raise PolicyFileError(f"{path}: hidden_layers must be a whole number 0..8")
    dial = meta.get("dial_terms", [])
    if not isinstance(dial, list) or not all(isinstance(t, str) for t in dial):
        raise PolicyFileError(f"{path}: dial_terms must be a list of term names")
    layers = []
    width = N_BASE_FEATURES + len(dial)
    for i in range(n_hidden + 1):
        name = "head" if i == n_hidden else f"hidden{i}"
        weight = _float_array(arrays, f"{name}_weight", 2, path)
        bias = _float_array(arrays, f"{name}_bias", 1, path)
        if weight.shape[1] != width or bias.shape != (weight.shape[0],):
            raise PolicyFileError(
                f"{path}: {name} has shape {weight.shape} / {bias.shape}; its input is {width} wide"
            )
        layers.append((weight, bias))
        width = weight.shape[0]
    if width != spec.n_actions:
        raise PolicyFileError(
            f"{path}: {width} action logits, the {spec.action_set!r} set has {spec.n_actions}"
        )
    return NumpyPolicy(tuple(layers[:-1]), layers[-1], activation, spec, meta, tuple(dial))


class PolicyAgent:
    """Plays a :class:`NumpyPolicy`: one decision every ``frame_skip`` iterations.

    Args:
        name: the agent's name (the card's).
        policy: the policy.
        dial: a conditioned policy's weights, in the order of its ``dial_terms``.
    """

    def __init__(self, name: str, policy: NumpyPolicy, dial: np.ndarray | None = None) -> None:
        self.name = name
        self.policy = policy
        self.dial = dial
        self._skip = policy.spec.frame_skip
        self._tick = 0
        self._buttons = Button.NONE

    def reset(self, level: Level, start_mode: int) -> None:
        """Start a new play: the next call decides."""
        self._tick = 0
        self._buttons = Button.NONE

    def act(self, game: Game) -> Button:
        """The buttons of the policy's action, decided every ``frame_skip`` iterations."""
        if self._tick % self._skip == 0:
            obs = self.policy.spec.encode(game, time_limit_s=0)
            action = int(self.policy.act(policy_features(obs, self.dial)))
            self._buttons = self.policy.spec.buttons(action)
        self._tick += 1
        return self._buttons


def param_problem(params: Mapping[str, Any]) -> tuple[str, str] | None:
    """The first problem of a ``type = "policy"`` card's ``[planner]`` parameters, if any.

    The parameters are ``file`` (required, the policy file) and, for a conditioned policy,
    ``dial_TERM`` numbers.

    Returns:
        ``(key, message)`` of the first problem, or ``None`` when the parameters are fine.
    """
    if not isinstance(params.get("file"), str) or not params.get("file"):
        return "file", 'needs file = "NAME.npz" (the policy file)'
    for key, value in params.items():
        if key == "file":
            continue
        if not key.startswith(DIAL_PREFIX):
            return key, f"has no parameter {key!r} (known: file, dial_TERM)"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return key, f"{key} must be a number, not {value!r:.40}"
        if not math.isfinite(value):
            return key, f"{key} must be a finite number"
    return None


def policy_path(card: Any) -> Path:
    """The policy file a card names (relative to the card's folder)."""
    file = Path(card.params["file"])
    if file.is_absolute() or card.path is None:
        return file
    return Path(card.path).parent / file


def card_dial(card: Any, policy: NumpyPolicy) -> np.ndarray | None:
    """The dial a card sets for a conditioned policy (``None`` for a plain policy).

    Raises:
        PolicyFileError: when the card's dial terms are not the policy's.
    """
    given = {k[len(DIAL_PREFIX) :]: float(v) for k, v in card.params.items() if k != "file"}
    if set(given) != set(policy.dial_terms):
        wanted = ", ".join(DIAL_PREFIX + t for t in policy.dial_terms) or "none"
        raise PolicyFileError(f"{card.source}: the policy's dial parameters are: {wanted}")
    if not policy.dial_terms:
        return None
    return np.array([given[t] for t in policy.dial_terms], dtype=np.float32)


_CACHE: dict[tuple[str, int], NumpyPolicy] = {}


def cached_policy(path: Path) -> NumpyPolicy:
    """:func:`load_policy`, read once per file version per process."""
    try:
        key = (str(path.resolve()), path.stat().st_mtime_ns)
    except OSError:
        return load_policy(path)  # reports the missing file
    if key not in _CACHE:
        _CACHE[key] = load_policy(path)
    return _CACHE[key]


def build_policy(card: Any, seed: int = 0) -> PolicyAgent:
    """The agent of a ``type = "policy"`` card (deterministic: ``seed`` is not used)."""
    policy = cached_policy(policy_path(card))
    return PolicyAgent(card.name, policy, card_dial(card, policy))
