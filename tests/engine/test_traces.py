"""The engine reproduces every reference trace of the Java engine, tick by tick."""

from __future__ import annotations

import copy
from pathlib import Path

from mariogen.engine.trace import load_trace, verify_trace, verify_trace_file
from mariogen.level import Level


def test_trace_replays_exactly(shared_trace: Path, reference_dir: Path) -> None:
    report = verify_trace_file(shared_trace, reference_dir / "levels")
    assert report.passed, report.line()
    assert report.iterations > 0


def _trace_and_level(reference_dir: Path, name: str) -> tuple[dict, Level]:
    trace = load_trace(reference_dir / "traces" / name)
    return trace, Level.read(reference_dir / "levels" / trace["header"]["level"])


def test_verifier_catches_a_flipped_button(reference_dir: Path) -> None:
    trace, level = _trace_and_level(reference_dir, "original_lvl-1__astar__m0.json.gz")
    tampered = copy.deepcopy(trace)
    tampered["ticks"]["act"][40] ^= 16  # toggle JUMP on iteration 40
    report = verify_trace(tampered, level, "tampered")
    assert not report.passed
    assert report.line().startswith("FAIL tampered at iteration 40: ")


def test_verifier_catches_a_one_ulp_change(reference_dir: Path) -> None:
    trace, level = _trace_and_level(reference_dir, "original_lvl-1__astar__m0.json.gz")
    tampered = copy.deepcopy(trace)
    tampered["ticks"]["x"][100] += 1
    report = verify_trace(tampered, level, "tampered")
    assert report.line().startswith("FAIL tampered at iteration 100: x ")


def test_verifier_checks_the_final_statistics(reference_dir: Path) -> None:
    trace, level = _trace_and_level(reference_dir, "original_lvl-1__astar__m0.json.gz")
    tampered = copy.deepcopy(trace)
    tampered["result"]["jumps"] += 1
    report = verify_trace(tampered, level, "tampered")
    assert report.mismatch is not None and "result.jumps" in report.mismatch
