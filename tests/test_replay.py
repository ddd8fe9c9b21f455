"""Replays: round trips, reference traces reproduced, tampered files rejected clearly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.engine import GameResult
from mariogen.engine.trace import RESULT_FIELDS, load_trace
from mariogen.level import Level
from mariogen.replay import MAX_REPLAY_BYTES, Replay, ReplayError, decode_buttons, encode_buttons


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Replay]:
    """A replay of the random agent on an example level, written to a file."""
    level = Level.read(Path(__file__).parents[1] / "levels" / "examples" / "pipe-garden.txt")
    result = play("random", level, time_limit_s=5, seed=3)
    replay = result.to_replay(level)
    path = tmp_path_factory.mktemp("replays") / "random.replay.json"
    replay.write(path)
    return path, replay


def test_round_trip(recorded: tuple[Path, Replay]) -> None:
    path, replay = recorded
    back = Replay.read(path)
    assert back.n_ticks == replay.n_ticks > 100
    np.testing.assert_array_equal(back.buttons, replay.buttons)
    assert back.stats == replay.stats
    assert (back.agent, back.seed, back.start_mode) == ("random", 3, 0)
    assert back.level() == replay.level()
    assert back.dumps() == replay.dumps()
    assert not list(path.parent.glob(".*tmp*"))


def test_verify_returns_the_result(recorded: tuple[Path, Replay]) -> None:
    result = recorded[1].verify()
    assert isinstance(result, GameResult) and result.to_dict() == recorded[1].stats


def test_reference_trace_statistics_are_reproduced(
    shared_trace: Path, reference_dir: Path, tmp_path: Path
) -> None:
    trace = load_trace(shared_trace)
    header = trace["header"]
    level = Level.read(reference_dir / "levels" / header["level"])
    replay = Replay.record(
        level, trace["ticks"]["act"], header["start_mode"], header["time_limit_s"], header["agent"]
    )
    replay.write(tmp_path / "trace.replay.json")
    stats = Replay.read(tmp_path / "trace.replay.json").stats
    expected = trace["result"]
    assert stats["status"] == expected["status"]
    for key, field in RESULT_FIELDS.items():
        assert stats[field] == expected[key], key
    assert np.float32(stats["completion"]).view(np.int32) == expected["completion_bits"]


def _tampered(path: Path, tmp_path: Path, change: object) -> Path:
    data = json.loads(path.read_text())
    change(data)  # type: ignore[operator]
    out = tmp_path / "tampered.replay.json"
    out.write_text(json.dumps(data))
    return out


def _flip_button(data: dict) -> None:
    digits = data["buttons"]
    i = len(digits) // 2
    data["buttons"] = digits[:i] + ("0" if digits[i] != "0" else "2") + digits[i + 1 :]


def _edit_level(data: dict) -> None:
    rows = data["level"]["text"].split("\n")
    rows[14] = rows[15] = "---" + rows[15][3:]  # a hole under Mario's start
    data["level"]["text"] = "\n".join(rows)


def _edit_level_and_hash(data: dict) -> None:
    from mariogen.replay import level_hash

    _edit_level(data)
    data["level"]["sha256"] = level_hash(data["level"]["text"])


def _edit_stats(data: dict) -> None:
    data["stats"]["jumps"] += 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_flip_button, "re-simulation disagrees with the recorded statistics"),
        (_edit_level, "level text does not match its sha256"),
        (_edit_level_and_hash, r"the game ended \(LOSE\) after"),
        (_edit_stats, "jumps: recorded"),
        (lambda d: d.update(format="other"), 'not a replay \\(expected "format"'),
        (lambda d: d.update(format_version=9), "unsupported format_version 9"),
        (lambda d: d.update(start_mode=5), "start_mode must be 0, 1 or 2"),
        (lambda d: d.update(time_limit_s=-1), "time_limit_s must be in"),
        (lambda d: d.update(seed="x"), "seed must be int"),
        (lambda d: d.update(n_ticks=3), "n_ticks is 3 but there are"),
        (lambda d: d.update(buttons="z" + d["buttons"][1:]), "'z' at iteration 0 is not a digit"),
        (lambda d: d["stats"].pop("status"), "stats lacks status"),
        (lambda d: d["level"].update(text="XX\n"), "sha256"),
    ],
)
def test_tampered_replays_are_rejected(
    recorded: tuple[Path, Replay], tmp_path: Path, change: object, message: str
) -> None:
    path = _tampered(recorded[0], tmp_path, change)
    with pytest.raises(ReplayError, match=message) as caught:
        Replay.read(path)
    assert str(caught.value).startswith(str(path))


def test_buttons_after_the_end_are_rejected(recorded: tuple[Path, Replay], tmp_path: Path) -> None:
    def longer(data: dict) -> None:
        data["buttons"] += "2" * 2000
        data["n_ticks"] = len(data["buttons"])

    with pytest.raises(ReplayError, match="the game ended"):
        Replay.read(_tampered(recorded[0], tmp_path, longer))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not a replay"),
        (b'{"format": NaN}', "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
        (b" " * (MAX_REPLAY_BYTES + 1), f"larger than {MAX_REPLAY_BYTES} bytes"),
    ],
    ids=["bad-json", "not-an-object", "nan", "binary", "deep", "huge"],
)
def test_broken_files_are_rejected(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.replay.json"
    path.write_bytes(content)
    with pytest.raises(ReplayError, match=message):
        Replay.read(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReplayError, match="cannot read replay"):
        Replay.read(tmp_path / "nothing.replay.json")


def test_unrecorded_play_cannot_become_a_replay() -> None:
    level = Level.read(Path(__file__).parents[1] / "levels" / "examples" / "first-steps.txt")
    result = play("run-right", level, record=False)
    with pytest.raises(ValueError, match="record=True"):
        result.to_replay(level)


def test_button_digits() -> None:
    buttons = np.arange(32, dtype=np.uint8)
    assert encode_buttons(buttons) == "0123456789abcdefghijklmnopqrstuv"
    np.testing.assert_array_equal(decode_buttons(encode_buttons(buttons)), buttons)
    assert encode_buttons([2, 26, 0]) == "2q0"
