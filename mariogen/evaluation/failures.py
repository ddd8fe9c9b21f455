"""What becomes of an evaluation whose worker died or hung: an incident, then a failure.

A worker process that dies (killed, crashed) or hangs (no result within the wall-clock
limit) is replaced, and the evaluation it was running is run again. Each such event is an
:class:`Incident`; an evaluation that fails on every attempt is recorded as :class:`Failed`
in place of its result, and the run goes on. Callers turn a :class:`Failed` into their
domain's worst value (the generator's worst fitness, the table's NaN) and report it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

#: Times an evaluation whose worker died or hung is run again before it is recorded as failed.
RETRIES = 1


class Cause(str, Enum):
    """Why a worker gave no result."""

    HUNG = "hung"
    DIED = "died"


@dataclass(frozen=True)
class Failed:
    """The result of an evaluation whose worker died or hung on every attempt.

    Attributes:
        cause: hung or died, on the last attempt.
        detail: what was seen (``"no result in 300 s"``, ``"exit code -9"``).
        attempts: how many times it was run.
    """

    cause: Cause
    detail: str
    attempts: int

    def __str__(self) -> str:
        return f"{self.cause.value} ({self.detail}) on {self.attempts} attempt(s)"


@dataclass(frozen=True)
class Incident:
    """A worker died or hung while it held some evaluations.

    Attributes:
        indices: the evaluations (indices into the items run) it held and had not finished;
            with a local pool, the one it was running.
        cause: hung or died.
        detail: what was seen.
        retried: whether they are run again (``False``: recorded as :class:`Failed`).
    """

    indices: tuple[int, ...]
    cause: Cause
    detail: str
    retried: bool
