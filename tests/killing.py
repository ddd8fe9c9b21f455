"""The kill -9 harness: kill a command at random moments, resume it, compare its folder.

Any command that owns an output folder and can be resumed (``mariogen generate``,
``experiment run``) is tested the same way (``train``, whose files hold wall times, is
killed at a chosen moment by :func:`kill_when` and compared on its arrays instead)::

    whole = run_whole(command + ["-o", str(a)])                     # the reference, timed
    report = kill_and_resume(command + ["-o", str(b)], resume + ["-o", str(b)], b,
                             kills=3, rng=random.Random(seed), span_s=whole.seconds)
    assert folder_files(b) == folder_files(a)

Each attempt starts the command (the first time) or its resume command (later), waits a
random time drawn from ``rng`` in ``(0, span_s)`` and sends SIGKILL to its whole process
group (the command and any worker processes: nothing gets to clean up). An attempt that
ends by itself before its moment is not a kill; the moments after it are drawn from
``(0, how long it ran)``, since a resumed run has less left to do. After ``kills`` kills
(or too many attempts that ended by themselves), the resume command runs to the end.
Outputs must hold no clock data, so the folders compare byte for byte, the run file and
checkpoint included.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: How long one attempt may run before the harness gives up on it.
ATTEMPT_TIMEOUT_S = 900.0


@dataclass
class WholeRun:
    """An uninterrupted run: its exit status and how long it took."""

    returncode: int
    seconds: float


@dataclass
class KillReport:
    """What :func:`kill_and_resume` did.

    Attributes:
        kills: the moments (seconds after the attempt started) at which attempts were killed.
        finished_early: attempts that ended by themselves before their moment.
        returncode: the exit status of the final, uninterrupted resume.
    """

    kills: list[float] = field(default_factory=list)
    finished_early: int = 0
    returncode: int = -1


def mariogen_command(*args: str) -> list[str]:
    """``python -m mariogen ARGS`` with this interpreter."""
    return [sys.executable, "-m", "mariogen", *args]


def child_env() -> dict[str, str]:
    """The environment of a child command: this one, with the repository importable."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


def run_whole(command: list[str]) -> WholeRun:
    """Run ``command`` to the end (output discarded); its status and duration."""
    start = time.monotonic()
    done = subprocess.run(
        command,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=ATTEMPT_TIMEOUT_S,
        check=False,
    )
    return WholeRun(done.returncode, time.monotonic() - start)


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    """Start ``command`` in a process group of its own (output discarded)."""
    return subprocess.Popen(
        command,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL ``proc``'s whole process group (nothing gets to clean up) and reap it."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _attempt(command: list[str], delay_s: float) -> float | None:
    """Run ``command``, SIGKILL its process group after ``delay_s``; ``None`` if it was
    killed, else how long it ran before it ended by itself."""
    start = time.monotonic()
    proc = _start(command)
    try:
        proc.wait(timeout=delay_s)
        return time.monotonic() - start
    except subprocess.TimeoutExpired:
        _kill(proc)
        return None
    finally:
        if proc.poll() is None:  # pragma: no cover - only when the harness itself fails
            _kill(proc)


def kill_when(command: list[str], path: Path, timeout_s: float = ATTEMPT_TIMEOUT_S) -> bool:
    """Run ``command`` and SIGKILL its process group as soon as ``path`` exists; whether it
    was killed (``False``: it ended first)."""
    proc = _start(command)
    deadline = time.monotonic() + timeout_s
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if path.exists():
                _kill(proc)
                return True
            time.sleep(0.02)
        return False
    finally:
        if proc.poll() is None:  # pragma: no cover - only when the harness itself fails
            _kill(proc)


def kill_and_resume(
    command: list[str],
    resume: list[str],
    kills: int,
    rng: random.Random,
    span_s: float,
) -> KillReport:
    """Run ``command``, kill it ``kills`` times at random moments (resuming in between with
    ``resume``), then run ``resume`` to the end.

    Args:
        command: the first attempt's command line.
        resume: the command line that continues the run.
        kills: how many times to kill it.
        rng: draws the moments (seed it: the same seed, the same moments).
        span_s: moments are drawn from ``(0, span_s)``: the uninterrupted run's duration.
    """
    report = KillReport()
    attempts = 0
    while len(report.kills) < kills and attempts < 3 * kills:
        moment = rng.uniform(0.05, span_s)
        ran = _attempt(command if attempts == 0 else resume, moment)
        if ran is None:
            report.kills.append(round(moment, 2))
        else:  # later attempts have less to do: draw their moments from what this one took
            report.finished_early += 1
            span_s = max(0.1, ran)
        attempts += 1
    report.returncode = run_whole(resume).returncode
    return report


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX names, hidden ones included): its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Names present in one only, or with other bytes."""
    return sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))
