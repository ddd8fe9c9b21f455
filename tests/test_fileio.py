"""Atomic writes (whole files, umask permissions, nothing left behind on failure) and bounded
reads."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mariogen.fileio import FileTooLargeError, atomic_write, read_bounded
from mariogen.level import Level


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_creates_folders_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    atomic_write(target, lambda tmp: tmp.write_text("one", encoding="utf-8"))
    atomic_write(target, lambda tmp: tmp.write_text("two", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "two"
    assert os.listdir(target.parent) == ["b.txt"]


def test_atomic_write_respects_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "f", lambda tmp: tmp.write_bytes(b"x"))
    finally:
        os.umask(old)
    assert _mode(tmp_path / "f") == 0o644


def test_atomic_write_cleans_up_on_failure(tmp_path: Path) -> None:
    def fail(tmp: Path) -> None:
        tmp.write_text("partial", encoding="utf-8")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "f", fail)
    assert os.listdir(tmp_path) == []


def test_atomic_write_names_the_target_when_the_folder_is_unusable(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OSError) as info:
        atomic_write(tmp_path / "file" / "sub" / "f", lambda tmp: None)
    assert str(tmp_path / "file") in str(info.value.filename)


def test_level_write_round_trips(example_levels: list[Path], tmp_path: Path) -> None:
    level = Level.read(example_levels[0])
    out = tmp_path / "copy.txt"
    level.write(out)
    assert out.read_bytes() == example_levels[0].read_bytes()
    assert Level.read(out) == level


def test_read_bounded_reads_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 10)
    assert read_bounded(path, 10) == b"x" * 10
    with pytest.raises(FileTooLargeError, match="larger than 9 bytes"):
        read_bounded(path, 9)
    with pytest.raises(OSError):
        read_bounded(tmp_path / "missing.bin", 10)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_read_bounded_stops_on_an_endless_file() -> None:
    with pytest.raises(FileTooLargeError):
        read_bounded("/dev/zero", 1024)
