"""``mariogen experiment run`` survives kill -9 at any moment: resumed, it ends byte-identical.

Each finished cell is saved atomically, so a kill loses at most the cells in flight; the
resumed run plays those again and writes the same table and report.
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.killing import differing, folder_files, kill_and_resume, mariogen_command, run_whole

ARGS = ("experiment", "run", "persona_matrix", "--quick", "--workers", "1")


def test_kill_9_at_random_moments_then_resume_ends_byte_identical(tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    reference = run_whole(mariogen_command(*ARGS, "-o", str(whole)))
    assert reference.returncode == 0
    cut = tmp_path / "cut"
    command = mariogen_command(*ARGS, "-o", str(cut))
    report = kill_and_resume(
        command, [*command, "--resume"], kills=3, rng=random.Random(7), span_s=reference.seconds
    )
    assert report.returncode == 0 and report.kills, report
    assert differing(folder_files(cut), folder_files(whole)) == [], report
    assert "table.csv" in folder_files(cut) and "run.json" in folder_files(cut)
