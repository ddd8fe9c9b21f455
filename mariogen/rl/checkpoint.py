"""Training checkpoints as plain files: the policy's and optimizer's tensors in an ``.npz``.

``checkpoint.npz`` holds every tensor of the policy's ``state_dict`` (``param/NAME``), the
Adam state (``opt/INDEX/NAME``) and a JSON ``meta`` (timesteps done, the optimizer's
parameter groups, the reward normaliser's running statistics, the environments' episode
counters). It is read with ``allow_pickle=False``: ``--resume`` never unpickles anything.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from mariogen.errors import InputError
from mariogen.fileio import atomic_write

CHECKPOINT_FORMAT = "mariogen-train-checkpoint-v1"


class CheckpointFileError(InputError):
    """A training checkpoint that cannot be read or does not fit the run."""


def save_checkpoint(path: Path, model: Any, state: dict[str, Any]) -> None:
    """Write the model's tensors and ``state`` (JSON-friendly) to ``path`` atomically."""
    arrays = {f"param/{k}": v.detach().cpu().numpy() for k, v in model.policy.state_dict().items()}
    optimizer = model.policy.optimizer.state_dict()
    for index, tensors in optimizer["state"].items():
        for name, value in tensors.items():
            arrays[f"opt/{index}/{name}"] = value.detach().cpu().numpy()
    meta = {
        "format": CHECKPOINT_FORMAT,
        "num_timesteps": int(model.num_timesteps),
        "param_groups": optimizer["param_groups"],
        **state,
    }
    arrays["meta"] = np.array(json.dumps(meta))
    atomic_write(path, lambda tmp: np.savez(tmp, **arrays), suffix=".npz")


def read_checkpoint_meta(path: Path) -> dict[str, Any]:
    """The JSON ``meta`` of a checkpoint (no torch needed).

    Raises:
        CheckpointFileError: naming the file, for an unreadable checkpoint.
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise CheckpointFileError(f"{path}: not a training checkpoint: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointFileError(f"{path}: not a {CHECKPOINT_FORMAT} file")
    return meta


def load_checkpoint(path: Path, model: Any) -> dict[str, Any]:
    """Load a checkpoint of :func:`save_checkpoint` into ``model``; returns its meta.

    Raises:
        CheckpointFileError: naming the file, for an unreadable or mismatched checkpoint.
    """
    import torch

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
        meta = json.loads(str(arrays.pop("meta")))
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise CheckpointFileError(f"{path}: not a training checkpoint: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointFileError(f"{path}: not a {CHECKPOINT_FORMAT} file")
    params = {
        k[len("param/") :]: torch.from_numpy(v) for k, v in arrays.items() if k[:6] == "param/"
    }
    opt_state: dict[int, dict[str, Any]] = {}
    for key, value in arrays.items():
        if key.startswith("opt/"):
            _, index, name = key.split("/", 2)
            opt_state.setdefault(int(index), {})[name] = torch.from_numpy(value)
    try:
        model.policy.load_state_dict(params)
        model.policy.optimizer.load_state_dict(
            {"state": opt_state, "param_groups": meta["param_groups"]}
        )
    except (RuntimeError, KeyError, ValueError) as exc:
        raise CheckpointFileError(f"{path}: does not fit this run's policy: {exc}") from None
    model.num_timesteps = int(meta["num_timesteps"])
    return meta
