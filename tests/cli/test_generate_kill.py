"""``mariogen generate`` survives kill -9 at any moment: resumed, it ends byte-identical.

``python bench/kill9.py --runs 20`` runs the same check 20 times (other moments each time).
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.killing import differing, folder_files, kill_and_resume, mariogen_command, run_whole

#: A small run that checkpoints after each of its generations and writes every output
#: (replays of the four personas included), so kills land in every stage.
ARGS = (
    "--persona",
    "run-right",
    "--metric",
    "coins-v0",
    "--segments",
    "3",
    "--population",
    "8",
    "--generations",
    "10",
    "--workers",
    "1",
    "--seed",
    "5",
    "-q",
)


def test_kill_9_at_random_moments_then_resume_ends_byte_identical(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    reference = run_whole(mariogen_command("generate", *ARGS, "-o", str(whole)))
    assert reference.returncode == 0
    cut = tmp_path / "cut"
    command = mariogen_command("generate", *ARGS, "-o", str(cut))
    report = kill_and_resume(
        command, [*command, "--resume"], kills=3, rng=random.Random(15), span_s=reference.seconds
    )
    assert report.returncode == 0 and report.kills, report
    assert differing(folder_files(cut), folder_files(whole)) == [], report
    assert "checkpoint.json" in folder_files(cut) and "run.json" in folder_files(cut)
