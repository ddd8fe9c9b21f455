"""Property-based tests: whatever text or bytes the parser gets, only LevelFormatError escapes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mariogen.level import LEVEL_HEIGHT, Level, LevelFormatError
from mariogen.level.level import KNOWN_CHARS

_ALPHABET = "".join(sorted(KNOWN_CHARS))


def _parse_text(text: str) -> Level | None:
    try:
        return Level.from_text(text, source="fuzz.txt")
    except LevelFormatError as exc:
        assert str(exc).startswith(f"fuzz.txt:{exc.line}:{exc.column}: ")
        return None


@given(st.text(max_size=400))
def test_random_text_only_raises_level_format_error(text: str) -> None:
    _parse_text(text)


@given(st.text(alphabet=_ALPHABET + "\n\r \t", max_size=600))
def test_random_level_like_text_only_raises_level_format_error(text: str) -> None:
    _parse_text(text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes_in_a_file_only_raise_level_format_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.bin"
        path.write_bytes(data)
        try:
            Level.read(path)
        except LevelFormatError as exc:
            assert exc.source == str(path)


@st.composite
def _grids(draw: st.DrawFn) -> list[str]:
    width = draw(st.integers(min_value=1, max_value=24))
    row = st.text(alphabet=_ALPHABET, min_size=width, max_size=width)
    return draw(st.lists(row, min_size=LEVEL_HEIGHT, max_size=LEVEL_HEIGHT))


@given(_grids(), st.booleans(), st.booleans())
def test_valid_grids_parse_and_round_trip(rows: list[str], crlf: bool, newline: bool) -> None:
    text = ("\r\n" if crlf else "\n").join(rows) + ("\n" if newline else "")
    level = Level.from_text(text)
    assert level.rows == tuple(rows)
    assert level.tiles.shape == (LEVEL_HEIGHT, len(rows[0]))
    assert Level.from_text(level.to_text()) == level
    assert level.to_text() == text.replace("\r\n", "\n")


@given(_grids(), st.integers(0, LEVEL_HEIGHT - 1), st.integers(0, 30), st.text(max_size=3))
def test_damaged_grids_only_raise_level_format_error(
    rows: list[str], row: int, cut: int, junk: str
) -> None:
    rows = list(rows)
    rows[row] = rows[row][:cut] + junk + rows[row][cut + 1 :]
    _parse_text("\n".join(rows))
