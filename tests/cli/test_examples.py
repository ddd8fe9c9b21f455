"""``mariogen examples``: where the shipped example levels are, and copies of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.cli.main import main
from tests.conftest import EXAMPLES_DIR


def test_lists_every_example_with_its_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples"]) == 0
    out = capsys.readouterr().out
    for path in sorted(EXAMPLES_DIR.glob("*.txt")):
        assert str(path.resolve()) in out and path.name in out
    assert "mariogen examples -o DIR" in out


def test_copies_them_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new" / "examples"
    assert main(["examples", "-o", str(target)]) == 0
    assert "copied 3 example levels" in capsys.readouterr().out
    for path in EXAMPLES_DIR.glob("*.txt"):
        assert (target / path.name).read_bytes() == path.read_bytes()
    assert main(["validate", *map(str, sorted(target.iterdir()))]) == 0
    assert main(["examples", "-o", str(target)]) == 0  # the same files again: fine


def test_a_changed_copy_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["examples", "-o", str(tmp_path)]) == 0
    mine = tmp_path / "first-steps.txt"
    mine.write_text("my own level\n", encoding="utf-8")
    assert main(["examples", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{mine}: already there with other content; --force replaces it" in err
    assert mine.read_text(encoding="utf-8") == "my own level\n"
    assert main(["examples", "-o", str(tmp_path), "--force"]) == 0
    assert mine.read_bytes() == (EXAMPLES_DIR / "first-steps.txt").read_bytes()


def test_a_file_is_not_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert main(["examples", "-o", str(tmp_path / "f")]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err


def test_the_main_help_says_where_the_examples_are(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "mariogen examples" in capsys.readouterr().out
