"""Output folders owned by one run: refusal, resume, --force, and atomic-write leftovers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mariogen.fileio import atomic_write, remove_stale_temporaries
from mariogen.run_folder import RUN_FILE, RunFolderError, claim_folder, read_run_file

OUTPUTS = ("checkpoint.json", "level.txt")


def test_a_new_folder_is_claimed_and_a_second_run_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    claim = claim_folder(out, "generate", {"seed": 1}, outputs=OUTPUTS)
    assert not claim.resumed and read_run_file(out)["identity"] == {"seed": 1}
    with pytest.raises(RunFolderError, match=r"--resume continues it, --force replaces it"):
        claim_folder(out, "generate", {"seed": 2}, outputs=OUTPUTS)


def test_a_folder_with_outputs_but_no_run_file_holds_a_run(tmp_path: Path) -> None:
    (tmp_path / "checkpoint.json").write_text("{}")
    with pytest.raises(RunFolderError, match="earlier generate run"):
        claim_folder(tmp_path, "generate", {}, outputs=OUTPUTS)
    claim = claim_folder(tmp_path, "generate", {"seed": 1}, resume=True, outputs=OUTPUTS)
    assert claim.resumed and claim.saved is None


def test_other_files_do_not_make_a_folder_a_run(tmp_path: Path) -> None:
    (tmp_path / "garden.png").write_bytes(b"png")
    assert not claim_folder(tmp_path, "generate", {}, outputs=OUTPUTS).resumed


def test_resume_returns_the_identity_the_run_started_with(tmp_path: Path) -> None:
    claim_folder(tmp_path, "generate", {"seed": 1}, outputs=OUTPUTS)
    claim = claim_folder(tmp_path, "generate", {"seed": 9}, resume=True, outputs=OUTPUTS)
    assert claim.resumed and claim.saved == {"seed": 1}
    assert read_run_file(tmp_path)["identity"] == {"seed": 1}  # not rewritten on resume


def test_resume_of_an_empty_folder_starts_the_run(tmp_path: Path) -> None:
    claim = claim_folder(tmp_path / "new", "generate", {"seed": 3}, resume=True)
    assert not claim.resumed and read_run_file(tmp_path / "new")["identity"] == {"seed": 3}


def test_force_removes_exactly_the_earlier_runs_files(tmp_path: Path) -> None:
    claim = claim_folder(tmp_path, "generate", {"seed": 1}, outputs=OUTPUTS)
    (tmp_path / "checkpoint.json").write_text("{}")
    (tmp_path / "front" / "00").mkdir(parents=True)
    written = [tmp_path / "level.txt", tmp_path / "front" / "00" / "level.txt"]
    for path in written:
        path.write_text("level")
    claim.finish(written)
    assert read_run_file(tmp_path)["files"] == ["level.txt", "front/00/level.txt"]
    (tmp_path / "mine.txt").write_text("the user's own file")
    (tmp_path.parent / "outside.txt").write_text("keep")
    data = json.loads((tmp_path / RUN_FILE).read_text())
    data["files"].append("../outside.txt")
    (tmp_path / RUN_FILE).write_text(json.dumps(data))
    claim = claim_folder(tmp_path, "generate", {"seed": 2}, force=True, outputs=OUTPUTS)
    assert not claim.resumed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt", RUN_FILE]
    assert (tmp_path.parent / "outside.txt").exists()
    assert read_run_file(tmp_path)["identity"] == {"seed": 2}


def test_a_run_of_another_command_is_refused(tmp_path: Path) -> None:
    claim_folder(tmp_path, "experiment", {"name": "x"})
    with pytest.raises(RunFolderError, match="holds the outputs of a 'experiment' run"):
        claim_folder(tmp_path, "generate", {}, resume=True)


@pytest.mark.parametrize(
    "text", ["", "{", "[]", '{"format": "mariogen-run"}', "[" * 100_000, "\xff"]
)
def test_a_broken_run_file_is_one_error(tmp_path: Path, text: str) -> None:
    (tmp_path / RUN_FILE).write_text(text, encoding="latin-1")
    with pytest.raises(RunFolderError, match=RUN_FILE):
        claim_folder(tmp_path, "generate", {}, resume=True)


def test_leftovers_of_a_killed_atomic_write_are_removed(tmp_path: Path) -> None:
    atomic_write(tmp_path / "sub" / "a.txt", lambda tmp: tmp.write_text("a"))
    stale = [tmp_path / ".a.txt.0123abcd.tmp", tmp_path / "sub" / ".b.png.deadbeef.tmp.png"]
    for path in stale:
        path.write_text("half")
    (tmp_path / ".keep.tmp").write_text("not ours")
    assert remove_stale_temporaries(tmp_path) == sorted(stale)
    assert (tmp_path / ".keep.tmp").exists() and (tmp_path / "sub" / "a.txt").exists()


def test_a_file_name_with_a_nul_character_is_an_os_error(tmp_path: Path) -> None:
    """Loaders turn OSError into their own error; open() would raise ValueError."""
    from mariogen.fileio import read_bounded
    from mariogen.level import Level, LevelFormatError

    with pytest.raises(OSError, match="NUL character"):
        read_bounded(tmp_path / "a\0b.txt", 10)
    with pytest.raises(LevelFormatError, match="cannot read file: file name holds a NUL"):
        Level.read(tmp_path / "a\0b.txt")
