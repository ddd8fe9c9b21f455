"""Every registered mariogen environment passes Gymnasium's checker, in both observation types."""

from __future__ import annotations

import warnings

import gymnasium
import pytest
from gymnasium.utils.env_checker import check_env

import mariogen  # noqa: F401  (registers the environments)

ENV_IDS = sorted(env_id for env_id in gymnasium.registry if env_id.startswith("mariogen/"))


def test_importing_mariogen_registers_an_environment() -> None:
    assert "mariogen/Mario-v0" in ENV_IDS


@pytest.mark.parametrize("obs_type", ["grid", "rgb"])
@pytest.mark.parametrize("env_id", ENV_IDS)
def test_check_env_passes_without_warnings(env_id: str, obs_type: str) -> None:
    env = gymnasium.make(env_id, obs_type=obs_type, time_limit_s=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    env.close()
    assert [str(w.message) for w in caught] == []
