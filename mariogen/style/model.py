"""The play-style model: a standardised multinomial logistic regression, kept as plain numbers.

The model file is JSON (never a pickle)::

    {
      "format": "mariogen-style-model",
      "format_version": 1,
      "personas": ["collector", "killer", "runner"],    # the classes, in order
      "features": ["coin_rate_vs_personas", ...],       # STYLE_FEATURES
      "mean": [...], "scale": [...],                    # the standardisation of each feature
      "coef": [[...], ...], "intercept": [...],         # one row / value per persona
      "training": {...}                                 # how it was trained (for --train)
    }

A persona's probability is the softmax over personas of ``coef @ ((x - mean) / scale) +
intercept``: exactly scikit-learn's ``predict_proba`` of the pipeline it was fitted as.
The shipped model is ``model.json`` beside this module; ``mariogen classify --train``
rebuilds it.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from mariogen.errors import InputError
from mariogen.fileio import FileTooLargeError, atomic_write, read_bounded
from mariogen.style.features import STYLE_FEATURES

FORMAT = "mariogen-style-model"
FORMAT_VERSION = 1
#: The model shipped with mariogen.
SHIPPED_MODEL = Path(__file__).with_name("model.json")
#: The largest model file read, in bytes.
MAX_MODEL_BYTES = 1024 * 1024


class StyleModelError(InputError):
    """A style-model file that cannot be read or is not a model of this version."""


@dataclass(frozen=True, eq=False)
class StyleModel:
    """Persona probabilities of style feature vectors.

    Attributes:
        personas: the persona names, in the order of the probabilities.
        features: the feature names, in the order of the vectors (:data:`STYLE_FEATURES`).
        mean: per feature, the training mean.
        scale: per feature, the training standard deviation (1 where it was 0).
        coef: one row of weights per persona.
        intercept: one value per persona.
        training: how the model was trained (settings and figures; JSON data).
    """

    personas: tuple[str, ...]
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    training: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Each persona's probability for each row of ``x`` (or for one vector).

        Args:
            x: style features, shape ``(n, len(features))`` or ``(len(features),)``.

        Returns:
            Shape ``(n, len(personas))`` (or ``(len(personas),)``); rows sum to 1.
        """
        x = np.asarray(x, dtype=np.float64)
        logits = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        logits -= logits.max(axis=-1, keepdims=True)
        odds = np.exp(logits)
        return odds / odds.sum(axis=-1, keepdims=True)

    def to_json(self) -> dict[str, Any]:
        """The model file's data."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "personas": list(self.personas),
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
            "training": self.training,
        }

    def dumps(self) -> str:
        """The model file's text (the same model gives the same bytes)."""
        return json.dumps(self.to_json(), indent=1) + "\n"

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the model file atomically."""
        text = self.dumps()
        atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def read_model(path: str | os.PathLike[str] | None = None) -> StyleModel:
    """Read a model file (default: the shipped one).

    Raises:
        StyleModelError: naming the file, for a file that is missing, too large, not JSON
            or not a model with the current features.
    """
    path = Path(path) if path is not None else SHIPPED_MODEL
    try:
        data = read_bounded(path, MAX_MODEL_BYTES).decode("utf-8")
    except OSError as exc:
        raise StyleModelError(f"{path}: cannot read the model: {exc.strerror or exc}") from None
    except FileTooLargeError:
        raise StyleModelError(f"{path}: larger than {MAX_MODEL_BYTES} bytes; not a model") from None
    except UnicodeDecodeError:
        raise StyleModelError(f"{path}: not UTF-8 text; not a model") from None
    try:
        return model_of(json.loads(data, parse_constant=_no_constant))
    except (json.JSONDecodeError, ValueError) as exc:
        raise StyleModelError(f"{path}: {exc}") from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a model may hold")


def model_of(data: Any) -> StyleModel:
    """The model of parsed model-file data.

    Raises:
        ValueError: saying what is missing or of the wrong shape.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f'not a style model (expected "format": "{FORMAT}")')
    if data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"unsupported format_version {data.get('format_version')!r}")
    features = tuple(_names(data, "features"))
    if features != STYLE_FEATURES:
        raise ValueError("its features are not this version's; rebuild it with --train")
    personas = tuple(_names(data, "personas"))
    if len(personas) < 2 or len(set(personas)) != len(personas):
        raise ValueError("personas must be at least two different names")
    n, k = len(features), len(personas)
    training = data.get("training", {})
    if not isinstance(training, dict):
        raise ValueError("training must be an object")
    return StyleModel(
        personas=personas,
        features=features,
        mean=_numbers(data, "mean", (n,)),
        scale=_numbers(data, "scale", (n,), positive=True),
        coef=_numbers(data, "coef", (k, n)),
        intercept=_numbers(data, "intercept", (k,)),
        training=training,
    )


def _names(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{key} must be a list of names")
    return value


def _numbers(
    data: dict[str, Any], key: str, shape: tuple[int, ...], positive: bool = False
) -> np.ndarray:
    try:
        array = np.array(data.get(key), dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{key} must hold numbers only") from None
    if array.shape != shape:
        raise ValueError(f"{key} must have shape {shape}, not {array.shape}")
    if not all(math.isfinite(v) and (v > 0 or not positive) for v in array.ravel()):
        raise ValueError(f"{key} must hold finite numbers{' above 0' if positive else ''}")
    array.setflags(write=False)
    return array
