"""Size limits of a generator run are checked before any work starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.generator import GeneratorSettings
from mariogen.generator.fitness import check_level_width
from mariogen.generator.settings import LIMITS
from mariogen.level import MAX_WIDTH
from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import SegmentError

BASE = {"persona": "run-right", "metrics": (("coins-v0", 1.0),)}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"population": LIMITS["population"] + 1}, "population must be at most 10000"),
        ({"generations": LIMITS["generations"] + 1}, "generations must be at most"),
        ({"segments": 2.5}, "segments must be a whole number"),
        ({"population": True}, "population must be a whole number"),
        ({"time_limit_s": float("nan")}, "time_limit_s must be a finite number"),
        ({"time_limit_s": 1e9}, "time_limit_s must be more than 0 and at most 36000"),
        ({"seed": -1}, "seed must be a whole number"),
        ({"playable_by": (3,)}, "playable_by must be a list of names"),
        ({"metrics": (("coins-v0", float("inf")),)}, "the weight must be finite"),
    ],
)
def test_settings_refuse_values_of_the_wrong_type_or_size(change: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        GeneratorSettings(**{**BASE, **change})


def test_a_level_wider_than_a_level_may_be_is_refused_naming_the_most_segments() -> None:
    library = SegmentLibrary.load()
    most = (MAX_WIDTH - 9) // library.width
    check_level_width(most, library)
    with pytest.raises(SegmentError, match=f"at most {most} segments of this library"):
        check_level_width(most + 1, library)


def test_generate_segments_300_is_one_line_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["generate", "--persona", "run-right", "--segments", "300", "--workers", "2"]
    assert main([*args, "-q", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "4809 columns wide; the limit is 4096" in err
    assert not (tmp_path / "out").exists()
