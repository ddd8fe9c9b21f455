"""Every registered mariogen environment passes Gymnasium's checker, in both observation types."""

from __future__ import annotations

import warnings
from pathlib import Path

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


def test_importing_mariogen_stays_cheap() -> None:
    """Registration only: no engine, no numba, no pygame until an environment is made."""
    import subprocess
    import sys

    code = (
        "import sys, mariogen, gymnasium; "
        "assert 'mariogen/Mario-v0' in gymnasium.registry; "
        "print(sorted(m for m in ('numba', 'pygame', 'mariogen.engine') if m in sys.modules))"
    )
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo
    )
    assert done.stdout.strip() == "[]"
