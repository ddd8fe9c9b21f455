"""Every kind of malformed level raises LevelFormatError naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.level import Level, LevelFormatError
from tests.malformed import CASES, Case, good_rows


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_file_raises_level_format_error(case: Case, tmp_path: Path) -> None:
    path = case.write(tmp_path)
    with pytest.raises(LevelFormatError) as info:
        Level.read(path)
    err = info.value
    assert (err.line, err.column) == case.where
    assert err.source == str(path)
    assert str(err).startswith(f"{path}:{err.line}:{err.column}: ")
    assert err.reason and "\n" not in str(err)


def test_good_rows_helper_is_valid() -> None:
    level = Level.from_text("\n".join(good_rows()))
    assert level.mario_start == (1, 13)


def test_from_text_names_the_source() -> None:
    with pytest.raises(LevelFormatError, match=r"^mine\.txt:1:1: "):
        Level.from_text("", source="mine.txt")


def test_error_is_a_value_error() -> None:
    assert issubclass(LevelFormatError, ValueError)
