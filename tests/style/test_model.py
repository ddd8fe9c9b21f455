"""The style model: plain numbers in JSON, read safely, the same answers as scikit-learn."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import core_personas
from mariogen.style.features import STYLE_FEATURES
from mariogen.style.model import SHIPPED_MODEL, StyleModelError, model_of, read_model
from mariogen.style.training import (
    TrainingSettings,
    fit_model,
    play_feature_table,
    seeded_levels,
    style_table,
)


@pytest.fixture(scope="module")
def table() -> np.ndarray:
    levels = [level for _, level in seeded_levels(500, 4, min_coins=5, min_enemies=3)]
    return play_feature_table(levels, core_personas())


def test_the_shipped_model_reads_and_names_the_core_personas() -> None:
    model = read_model()
    assert SHIPPED_MODEL.name == "model.json" and SHIPPED_MODEL.is_file()
    assert model.personas == core_personas() and model.features == STYLE_FEATURES
    p = model.probabilities(np.zeros((2, len(STYLE_FEATURES))))
    assert p.shape == (2, 3) and np.allclose(p.sum(axis=1), 1)


def test_probabilities_are_scikit_learns(table: np.ndarray) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    settings = TrainingSettings(levels=4)
    model = fit_model(table, core_personas(), settings)
    x, y = style_table(table)
    pipeline = make_pipeline(
        StandardScaler(), LogisticRegression(C=settings.regularisation, max_iter=10_000)
    ).fit(x, y)
    assert np.allclose(model.probabilities(x), pipeline.predict_proba(x), atol=1e-12)
    assert model.training["plays"] == 12


def test_two_personas_give_the_binary_regressions_probabilities(table: np.ndarray) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    pair = table[:, :2]
    model = fit_model(pair, core_personas()[:2], TrainingSettings(levels=4))
    x, y = style_table(pair)
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=10_000))
    assert np.allclose(model.probabilities(x), pipeline.fit(x, y).predict_proba(x), atol=1e-12)


def test_a_model_file_round_trips_byte_for_byte(table: np.ndarray, tmp_path: Path) -> None:
    model = fit_model(table, core_personas(), TrainingSettings(levels=4))
    model.write(tmp_path / "m.json")
    again = read_model(tmp_path / "m.json")
    assert again.dumps() == model.dumps() == (tmp_path / "m.json").read_text(encoding="utf-8")


def _shipped() -> dict:
    return json.loads(SHIPPED_MODEL.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="pickle"), "not a style model"),
        (lambda d: d.update(format_version=9), "unsupported format_version 9"),
        (lambda d: d["features"].pop(), "rebuild it with --train"),
        (lambda d: d.update(personas=["runner"]), "at least two"),
        (lambda d: d["coef"].pop(), "coef must have shape"),
        (lambda d: d["scale"].__setitem__(0, 0.0), "scale must hold finite numbers above 0"),
        (lambda d: d.update(mean=[1.0]), "mean must have shape"),
        (lambda d: d.update(intercept="many"), "intercept must hold numbers only"),
        (lambda d: d.update(training=[]), "training must be an object"),
    ],
)
def test_broken_models_are_refused_with_a_reason(change, message: str) -> None:
    data = _shipped()
    change(data)
    with pytest.raises(ValueError, match=message):
        model_of(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "m.json: Expecting property name"),
        (b'{"format": NaN}', "m.json: NaN is not a number a model may hold"),
        (b"\xff\xfe", "m.json: not UTF-8 text; not a model"),
    ],
)
def test_broken_model_files_name_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(content)
    with pytest.raises(StyleModelError, match=message):
        read_model(path)


def test_a_missing_model_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(StyleModelError, match="cannot read the model"):
        read_model(tmp_path / "none.json")
