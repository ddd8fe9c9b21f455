"""Experiment configs: validated, with errors that name the file and the key or position."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.cli.experiment import SHIPPED, shipped_config
from mariogen.cli.main import main
from mariogen.experiment.config import ExperimentConfigError, ExperimentKind, load_config

GOOD = """\
[experiment]
kind = "persona_matrix"
name = "tiny"
seed = 3

[persona_matrix]
metrics = ["events-per-second-v0"]
levels = 2

[generator]
population = 5

[quick]
persona_matrix = { levels = 1 }
generator = { population = 4 }
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_is_read_with_defaults_quick_preset_and_seed_offset(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    config = load_config(path)
    assert config.kind is ExperimentKind.PERSONA_MATRIX and config.name == "tiny"
    assert config.options["levels"] == 2 and config.options["testers"] == [
        "runner",
        "collector",
        "killer",
    ]
    assert config.generator["population"] == 5 and config.generator["difficulty"] == "any"
    quick = load_config(path, quick=True, seed_offset=100)
    assert quick.options["levels"] == 1 and quick.generator["population"] == 4
    assert quick.seed == 103 and config.seed == 3


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("levels = 2", "levls = 2"), r"config.toml: unknown key 'levls' in \[persona_matrix\]"),
        (("[generator]", "[generatr]"), r"config.toml: unknown table \[generatr\]"),
        (("levels = 2", 'levels = "two"'), r"\[persona_matrix\] levels must be an integer"),
        (('kind = "persona_matrix"', 'kind = "matrix"'), r"kind 'matrix' is not one of"),
        (('metrics = ["events-per-second-v0"]', ""), r"\[persona_matrix\] needs the key 'metrics'"),
        (("seed = 3", "seed = 3 3"), r"config.toml:4:\d+: "),
        (("{ levels = 1 }", "{ level = 1 }"), r"unknown key 'level' in \[persona_matrix\]"),
        (('name = "tiny"', 'name = "../x"'), r"name '../x'"),
    ],
)
def test_bad_configs_name_the_file_and_the_key(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    path = _write(tmp_path, GOOD.replace(*edit))
    with pytest.raises(ExperimentConfigError, match=message):
        load_config(path, quick=True)


def test_the_cli_reports_a_bad_config_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, GOOD.replace("levels = 2", "levls = 2"))
    assert main(["experiment", "run", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown key 'levls'" in err[0] and "Traceback" not in err[0]
    assert main(["experiment", "run", str(tmp_path / "nope.toml")]) == 2
    assert "no such config file" in capsys.readouterr().err


#: Shipped experiments whose kind is not their name.
SHIPPED_KIND = {"persona_matrix_rl": "persona_matrix"}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_configs_are_valid_in_both_presets(name: str) -> None:
    for quick in (False, True):
        config = load_config(shipped_config(name), quick=quick)
        assert config.kind.value == SHIPPED_KIND.get(name, name)


def test_bare_experiment_lists_the_shipped_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["experiment"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in SHIPPED)
