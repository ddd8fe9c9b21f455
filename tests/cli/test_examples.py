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


def _help_texts() -> dict[str, str]:
    from mariogen.cli.main import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return {
        "mariogen": parser.epilog or "",
        **{n: p.epilog or "" for n, p in subparsers.choices.items()},
    }


def test_help_examples_name_levels_that_mariogen_examples_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An example such as `mariogen play examples/first-steps.txt` works in any install
    after the `mariogen examples -o examples/` its help shows first."""
    import re

    monkeypatch.chdir(tmp_path)
    assert main(["examples", "-o", "examples/"]) == 0
    named, texts = 0, _help_texts()
    assert "mariogen examples -o examples/" in texts["mariogen"]
    for command in ("validate", "render", "play", "replay", "evaluate", "classify"):
        assert "mariogen examples -o examples/" in texts[command], command
    for command, epilog in texts.items():
        used = re.findall(r"(?<![\w/])examples/([\w*.-]+\.txt)", epilog)
        for name in used:
            assert list(Path("examples").glob(name)), f"{command} --help: examples/{name}"
            named += 1
        assert "levels/examples/" not in epilog, command
    assert named >= 5
