"""kill -9 at random moments, then --resume: does ``mariogen generate`` end byte-identical?

Usage:
    python bench/kill9.py [--runs 20] [--kills 3] [--seed 0] [--workers 1]

Runs the check of ``tests/cli/test_generate_kill.py`` ``--runs`` times: one uninterrupted
reference run, then per run a fresh folder where the same command is SIGKILLed (its whole
process group) at ``--kills`` moments drawn from a seeded generator in (0, the reference's
duration), resumed after each kill and finally resumed to the end; the folder must then hold
exactly the reference's files, byte for byte (run file and checkpoint included). Prints one
line per run (moments killed, attempts that ended before their moment, verdict) and the
number of identical runs; exits 1 unless all are.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.cli.test_generate_kill import ARGS  # noqa: E402
from tests.killing import (  # noqa: E402
    differing,
    folder_files,
    kill_and_resume,
    mariogen_command,
    run_whole,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--kills", type=int, default=3, help="kills per run (3)")
    parser.add_argument("--seed", type=int, default=0, help="run i draws its moments from seed+i")
    parser.add_argument("--workers", default="1", help="evaluation processes of each run (1)")
    args = parser.parse_args(argv)
    run_args = [*ARGS, "--workers", args.workers]
    identical = 0
    with tempfile.TemporaryDirectory(prefix="mariogen-kill9-") as tmp:
        whole = Path(tmp) / "whole"
        reference = run_whole(mariogen_command("generate", *run_args, "-o", str(whole)))
        if reference.returncode != 0:
            print(f"the reference run failed (exit {reference.returncode})")
            return 1
        expected = folder_files(whole)
        print(
            f"reference: {reference.seconds:.1f} s, {len(expected)} files; "
            f"{args.runs} runs of {args.kills} kills"
        )
        for i in range(args.runs):
            cut = Path(tmp) / f"cut-{i:02d}"
            command = mariogen_command("generate", *run_args, "-o", str(cut))
            start = time.monotonic()
            report = kill_and_resume(
                command,
                [*command, "--resume"],
                kills=args.kills,
                rng=random.Random(args.seed + i),
                span_s=reference.seconds,
            )
            wrong = differing(folder_files(cut), expected)
            ok = report.returncode == 0 and not wrong
            identical += ok
            verdict = "identical" if ok else f"DIFFERENT {wrong} (exit {report.returncode})"
            print(
                f"run {i + 1:2d}: killed at {report.kills} s, {report.finished_early} ended "
                f"before their moment; {verdict} ({time.monotonic() - start:.1f} s)",
                flush=True,
            )
    print(f"{identical} of {args.runs} runs identical to the uninterrupted one")
    return 0 if identical == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
