"""``mariogen replay``: check, export (GIF frame counts, PNG strips), viewer, and bad files."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from mariogen.agents import play
from mariogen.cli.main import main
from mariogen.level import Level
from mariogen.replay import Replay
from tests.conftest import REPO_ROOT

os.environ["SDL_VIDEODRIVER"] = "dummy"  # windows open invisibly


@pytest.fixture(scope="module")
def replay_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    level = Level.read(REPO_ROOT / "levels" / "examples" / "pipe-garden.txt")
    path = tmp_path_factory.mktemp("replay") / "random.replay.json"
    play("random", level, time_limit_s=3, seed=1).to_replay(level).write(path)
    return path


def test_check(replay_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", str(replay_file), "--check"]) == 0
    assert capsys.readouterr().out.startswith(f"{replay_file}: ok (random on pipe-garden.txt, ")


@pytest.mark.parametrize("stride", [None, 4])
def test_gif_has_one_frame_per_stride(
    replay_file: Path, tmp_path: Path, stride: int | None
) -> None:
    out = tmp_path / "play.gif"
    extra = ["--stride", str(stride)] if stride else []
    assert main(["replay", str(replay_file), "--export", str(out), *extra]) == 0
    n_ticks = Replay.read(replay_file).n_ticks
    with Image.open(out) as gif:
        assert gif.n_frames == math.ceil(n_ticks / (stride or 1))
        assert gif.size == (256, 256)
        assert gif.info["duration"] == 30 * (stride or 1)


def test_png_strip(replay_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "strip.png"
    assert main(["replay", str(replay_file), "--export", str(out), "--scale", "0.5"]) == 0
    with Image.open(out) as strip:
        assert strip.size == (16 * 128, 128)


def test_html_page(replay_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "play.html"
    assert main(["replay", str(replay_file), "--export", str(out), "--scale", "1"]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out} (")
    page = out.read_text(encoding="utf-8")
    embedded = page.split('id="mariogen-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(embedded)
    replay = Replay.read(replay_file)
    assert data["scale"] == 1 and data["level"]["width"] == 16 * replay.level().width
    (track,) = data["tracks"]
    assert track["agent"] == "random" and len(track["x"]) == replay.n_ticks + 1
    assert "<title>random on pipe-garden.txt</title>" in page


def test_export_is_headless_in_a_fresh_process(replay_file: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    out = tmp_path / "fresh.gif"
    command = [sys.executable, "-m", "mariogen", "replay", str(replay_file), "--export", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out} (")


def test_viewer_opens_and_quits(replay_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mariogen.render.viewer import ReplayViewer

    def quick_run(self: ReplayViewer, window: object = None, max_frames: int | None = None) -> None:
        original(self, window, max_frames=3)

    original = ReplayViewer.run
    monkeypatch.setattr(ReplayViewer, "run", quick_run)
    assert main(["replay", str(replay_file)]) == 0


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("{", [], "not valid JSON"),
        ('{"format": "mariogen-replay", "format_version": 2}', [], "format_version 2"),
        (None, ["--export", "out.mp4"], "must end in .gif, .png or .html"),
        (None, ["--stride", "0", "--export", "x.gif"], "expected a number >= 1"),
        (None, ["--stride", "2", "--export", "x.html"], "an HTML export holds every iteration"),
    ],
)
def test_user_mistakes_exit_2(
    replay_file: Path,
    tmp_path: Path,
    content: str | None,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = replay_file
    if content is not None:
        path = tmp_path / "bad.replay.json"
        path.write_text(content)
    assert main(["replay", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_tampered_file_exits_2(
    replay_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(replay_file.read_text())
    data["stats"]["coins"] += 1
    path = tmp_path / "tampered.replay.json"
    path.write_text(json.dumps(data))
    assert main(["replay", str(path), "--check"]) == 2
    assert "re-simulation disagrees with the recorded statistics: coins" in capsys.readouterr().err
