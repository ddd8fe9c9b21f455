"""``mariogen render``: writes a PNG of the expected size; user mistakes give status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariogen.cli.main import main
from mariogen.level import Level
from tests.malformed import CASES
from tests.png import png_size


def test_render_example(
    example_levels: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    level = Level.read(example_levels[0])
    out = tmp_path / "sub" / "example.png"
    assert main(["render", str(example_levels[0]), "-o", str(out)]) == 0
    assert png_size(out) == (16 * level.width, 256)
    assert f"wrote {out}" in capsys.readouterr().out
    assert [p.name for p in out.parent.iterdir()] == ["example.png"]


@pytest.mark.parametrize(
    ("options", "size"),
    [
        (["--scale", "2"], (32 * 40, 512)),
        (["--scale", "0.5", "--from", "10"], (8 * 30, 128)),
        (["--from", "5", "--to", "25"], (16 * 20, 256)),
        (["--to", "1", "--no-sprites"], (16, 256)),
    ],
)
def test_render_options(tmp_path: Path, options: list[str], size: tuple[int, int]) -> None:
    level = tmp_path / "level.txt"
    level.write_text(_forty_columns(), encoding="utf-8")
    out = tmp_path / "out.png"
    assert main(["render", str(level), "-o", str(out), *options]) == 0
    assert png_size(out) == size


def _forty_columns() -> str:
    rows = ["-" * 40] * 13 + ["-M" + "-" * 36 + "F-", "X" * 40, "X" * 40]
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", "40"], "--from 40 is outside"),
        (["--from", "10", "--to", "10"], "--to 10 must be greater"),
        (["--to", "41"], "--to 41 must be greater"),
        (["-o", "picture.jpg"], "must end in .png"),
    ],
)
def test_bad_render_requests_exit_2_with_one_line(
    tmp_path: Path, options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    level = tmp_path / "level.txt"
    level.write_text(_forty_columns(), encoding="utf-8")
    assert main(["render", str(level), "-o", str(tmp_path / "o.png"), *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mariogen: error: ") and message in err and err.count("\n") == 1


@pytest.mark.parametrize("scale", ["0", "-1", "abc", "100"])
def test_bad_scale_is_a_usage_error(
    tmp_path: Path, scale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "x.txt", "-o", str(tmp_path / "o.png"), "--scale", scale]) == 2
    assert "--scale" in capsys.readouterr().err


def test_malformed_level_exits_2_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = CASES[0].write(tmp_path)
    out = tmp_path / "o.png"
    assert main(["render", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mariogen: error: {bad}:5:") and err.count("\n") == 1
    assert not out.exists()


def test_missing_level_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.png")]) == 2
    assert "nope.txt:0:0: cannot read file" in capsys.readouterr().err


def test_output_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    level = tmp_path / "level.txt"
    level.write_text(_forty_columns(), encoding="utf-8")
    folder = tmp_path / "folder.png"
    folder.mkdir()
    assert main(["render", str(level), "-o", str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    level = tmp_path / "level.txt"
    level.write_text(_forty_columns(), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "o.png"
    assert main(["render", str(level), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mariogen: error: ") and err.count("\n") == 1


def test_render_every_shared_level(shared_level: Path, tmp_path: Path) -> None:
    level = Level.read(shared_level)
    out = tmp_path / "level.png"
    assert main(["render", str(shared_level), "-o", str(out)]) == 0
    assert png_size(out) == (16 * level.width, 16 * level.height)


def test_missing_folders_are_created_and_said(
    example_levels: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    out = Path("new") / "deeper" / "x.png"
    assert main(["render", str(example_levels[0]), "-o", str(out)]) == 0
    assert capsys.readouterr().out.endswith(f"; created the folder {Path('new')})\n")
    assert out.is_file()
    assert main(["render", str(example_levels[0]), "-o", str(out)]) == 0
    assert "created" not in capsys.readouterr().out
