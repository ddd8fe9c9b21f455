"""Fuzz every loader of untrusted files: each input must load or raise the loader's error.

Usage:
    python bench/fuzz.py [--inputs N] [--seed S] [--target NAME,...] [--engine hypothesis|atheris]
                         [--out DIR] [--json FILE]

Every loader mariogen reads a user's file with is driven with hostile inputs: level files,
replays (re-simulated), persona cards (read, built into an agent that makes one decision),
policy files, experiment configs, generator checkpoints (read and restored into a run),
segment libraries (index and segment files) and reference traces (verified against their
level). An input is
made from a *program*, a byte string the fuzzer chooses: it picks one of the loader's valid
seed files and applies byte mutations (flips, inserts, deletes, repeats, splices, number and
token swaps) and structure-aware ones (a JSON, TOML or CSV value replaced, removed, copied or
nested deeply, with the replay's level hash fixed up so the re-simulation is reached), or
uses the program's bytes as the whole file. The loader must then load it or raise the error
type it documents (a subclass of :class:`mariogen.errors.InputError`); anything else is an
uncaught exception, a crash, saved with its traceback under ``--out``.

Engines: ``hypothesis`` (default; deterministic for a seed, runs ``--inputs`` programs per
loader in chunks) or ``atheris`` (libFuzzer's coverage-guided search over the same
programs, one process per loader; ``pip install atheris``). Prints, per loader, the inputs
run, how many loaded and were refused, and the crashes by kind; exits 1 if any crashed.
Policy ``.npz`` files are fuzzed through a card that names them (arrays removed, reshaped,
retyped, made non-finite or of objects).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_inputs import Target, make_input  # noqa: E402
from fuzz_targets import BUILDERS, Fixtures  # noqa: E402

#: The loaders fuzzed, in order.
TARGET_NAMES = ("level", "replay", "card", "policy", "config", "checkpoint", "library", "trace")
#: Programs per hypothesis run (a fresh run each chunk keeps its memory small).
CHUNK = 2000
#: A progress line every this many inputs.
PROGRESS_EVERY = 10_000
#: Longest program, in bytes.
MAX_PROGRAM = 4096
#: Modules atheris instruments for coverage (none of them holds numba code).
COVERED_MODULES = (
    "mariogen.level.level",
    "mariogen.level.segments",
    "mariogen.level.library",
    "mariogen.replay",
    "mariogen.agents.personas",
    "mariogen.agents.astar.agent",
    "mariogen.agents.policy",
    "mariogen.experiment.config",
    "mariogen.generator.checkpoint",
    "mariogen.generator.settings",
    "mariogen.generator.evolution",
    "mariogen.generator.population",
    "mariogen.engine.trace",
    "mariogen.fileio",
)

# -- running ------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one loader's inputs did."""

    inputs: int = 0
    loaded: int = 0
    refused: int = 0
    crashes: dict[str, int] = field(default_factory=dict)
    slowest_s: float = 0.0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "loaded": self.loaded,
            "refused": self.refused,
            "crashes": self.crashes,
            "crash_count": sum(self.crashes.values()),
            "slowest_s": round(self.slowest_s, 3),
            "seconds": round(self.seconds, 1),
        }


def _signature(exc: BaseException) -> str:
    """The exception's type and the innermost mariogen line it came from."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "mariogen" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


class Runner:
    """Runs programs against one loader, counting outcomes and saving crashes."""

    def __init__(self, target: Target, work: Path, out: Path) -> None:
        self.target, self.work, self.out = target, work, out
        self.tally = Tally()

    def __call__(self, program: bytes) -> None:
        try:
            data = make_input(self.target, program)
        except (RecursionError, ValueError, UnicodeError):  # the mutator's own limits
            data = b"[" * 100_000 if program[:1] == b"x" else program
        start = time.perf_counter()
        self.tally.inputs += 1
        try:
            path = self.target.write(data, self.work)
            self.target.load(path)
        except self.target.errors:
            self.tally.refused += 1
        except Exception as exc:  # a crash: what this fuzzer looks for
            self._crash(exc, data)
        else:
            self.tally.loaded += 1
        self.tally.slowest_s = max(self.tally.slowest_s, time.perf_counter() - start)
        if self.tally.inputs % PROGRESS_EVERY == 0:
            found = sum(self.tally.crashes.values())
            print(f"  {self.target.name}: {self.tally.inputs} inputs, {found} crashes", flush=True)

    def _crash(self, exc: Exception, data: bytes) -> None:
        signature = _signature(exc)
        count = self.tally.crashes.get(signature, 0)
        self.tally.crashes[signature] = count + 1
        if count == 0:
            self.out.mkdir(parents=True, exist_ok=True)
            stem = f"{self.target.name}-{len(self.tally.crashes):03d}"
            (self.out / f"{stem}.input").write_bytes(data)
            text = "".join(traceback.format_exception(exc))
            (self.out / f"{stem}.txt").write_text(f"{signature}\n\n{text}")


def run_hypothesis(runner: Runner, inputs: int, seed: int) -> None:
    """``inputs`` programs from hypothesis, deterministic for ``seed``."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    done = 0
    chunk_index = 0
    while done < inputs:
        size = min(CHUNK, inputs - done)
        before = runner.tally.inputs

        @hseed(seed * 1_000_003 + chunk_index)
        @settings(
            max_examples=size,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            derandomize=False,
        )
        @given(st.binary(max_size=MAX_PROGRAM))
        def fuzz(program: bytes) -> None:
            runner(program)

        fuzz()
        done += max(1, runner.tally.inputs - before)
        chunk_index += 1


def _instrument(atheris: Any) -> None:
    """Give atheris the coverage of every function the loader modules define.

    Function by function (``atheris.instrument_func``), not ``instrument_imports``: that
    also rewrote the bytecode of the engine's numba functions imported on the way, which
    numba then cannot compile.
    """
    import importlib
    import inspect

    for name in COVERED_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found = [obj for obj in vars(module).values() if getattr(obj, "__module__", "") == name]
        for obj in list(found):
            if inspect.isclass(obj):
                found += [v for v in vars(obj).values() if inspect.isfunction(v)]
        for obj in found:
            if inspect.isfunction(obj):
                atheris.instrument_func(obj)


def run_atheris(name: str, inputs: int, seed: int, out: Path, result: Path) -> None:
    """One loader under atheris (this process only: libFuzzer exits when done)."""
    import atheris

    _instrument(atheris)
    with tempfile.TemporaryDirectory(prefix="mariogen-fuzz-") as tmp:
        target = BUILDERS[name](Fixtures(Path(tmp)))
        assert target is not None
        work = Path(tmp) / "work"
        work.mkdir()
        runner = Runner(target, work, out)
        start = time.perf_counter()

        def one(program: bytes) -> None:
            runner(program)
            if runner.tally.inputs % 1000 == 0 or runner.tally.inputs >= inputs:
                runner.tally.seconds = time.perf_counter() - start
                result.write_text(json.dumps(runner.tally.to_dict()))

        atheris.Setup(
            [
                sys.argv[0],
                f"-runs={inputs}",
                f"-seed={seed + 1}",
                f"-max_len={MAX_PROGRAM}",
                "-rss_limit_mb=8192",
            ],
            one,
        )
        atheris.Fuzz()


def fuzz_all(names: list[str], inputs: int, seed: int, engine: str, out: Path) -> dict:
    """Fuzz each named loader; returns ``{name: tally dict}``."""
    report: dict[str, Any] = {}
    for name in names:
        if engine == "atheris":
            result = out / f"{name}.tally.json"
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--engine",
                    "atheris-one",
                    "--target",
                    name,
                    "--inputs",
                    str(inputs),
                    "--seed",
                    str(seed),
                    "--out",
                    str(out),
                ],
                check=False,
            )
            report[name] = json.loads(result.read_text()) if result.exists() else {"error": 1}
        else:
            with tempfile.TemporaryDirectory(prefix="mariogen-fuzz-") as tmp:
                target = BUILDERS[name](Fixtures(Path(tmp)))
                if target is None:
                    report[name] = {"skipped": "no seed files (or no loader) here"}
                    continue
                work = Path(tmp) / "work"
                work.mkdir()
                runner = Runner(target, work, out)
                start = time.perf_counter()
                run_hypothesis(runner, inputs, seed)
                runner.tally.seconds = time.perf_counter() - start
                report[name] = runner.tally.to_dict()
        _print_row(name, report[name])
    return report


def _print_row(name: str, row: dict[str, Any]) -> None:
    if "inputs" not in row:
        print(f"{name:<11} skipped: {row}", flush=True)
        return
    crashes = "; ".join(f"{k} x{v}" for k, v in row["crashes"].items()) or "none"
    print(
        f"{name:<11} {row['inputs']:>8} inputs  {row['loaded']:>7} loaded  "
        f"{row['refused']:>8} refused  {row['seconds']:>7.1f} s  slowest "
        f"{row['slowest_s']:.2f} s  crashes: {crashes}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1000, help="inputs per loader (1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--target",
        default=",".join(TARGET_NAMES),
        help=f"loaders, comma separated ({','.join(TARGET_NAMES)})",
    )
    parser.add_argument(
        "--engine", choices=("hypothesis", "atheris", "atheris-one"), default="hypothesis"
    )
    parser.add_argument(
        "--out",
        default=str(REPO_ROOT / "out" / "fuzz"),
        help="folder for crash inputs and tracebacks (out/fuzz)",
    )
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    out = Path(args.out)
    names = [n.strip() for n in args.target.split(",") if n.strip()]
    unknown = sorted(set(names) - set(TARGET_NAMES))
    if unknown:
        parser.error(f"unknown loader(s) {', '.join(unknown)}")
    if args.engine == "atheris-one":
        out.mkdir(parents=True, exist_ok=True)
        run_atheris(names[0], args.inputs, args.seed, out, out / f"{names[0]}.tally.json")
        return 0
    print(
        f"fuzzing {', '.join(names)}: {args.inputs} inputs each, seed {args.seed}, {args.engine}",
        flush=True,
    )
    report = fuzz_all(names, args.inputs, args.seed, args.engine, out)
    total = sum(r.get("crash_count", 0) for r in report.values())
    print(f"uncaught exceptions: {total}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
