"""The loaders bench/fuzz.py drives: for each, valid seed files made or found once, where an
input is written, and how it is loaded (as the command that reads such a file uses it)."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuzz_inputs import Target

REPO_ROOT = Path(__file__).resolve().parents[1]


def _file_writer(name: str) -> Callable[[bytes, Path], Path]:
    def write(data: bytes, work: Path) -> Path:
        path = work / name
        path.write_bytes(data)
        return path

    return write


def _fix_replay_hash(tree: Any) -> Any:
    """A replay tree whose level hash matches its (mutated) text, so it is re-simulated."""
    from mariogen.replay import level_hash

    level = tree.get("level") if isinstance(tree, dict) else None
    if isinstance(level, dict) and isinstance(level.get("text"), str):
        with contextlib.suppress(UnicodeEncodeError):
            level["sha256"] = level_hash(level["text"])
    return tree


@dataclass
class Fixtures:
    """Valid files made once per run, in a scratch folder: the seeds of every loader."""

    root: Path
    level: Path = field(init=False)

    def __post_init__(self) -> None:
        self.level = REPO_ROOT / "levels" / "examples" / "first-steps.txt"


def level_target(fx: Fixtures) -> Target:
    from mariogen.level import Level, LevelFormatError

    seeds = [p.read_bytes() for p in sorted((REPO_ROOT / "levels" / "examples").glob("*.txt"))]
    return Target(
        "level",
        seeds,
        "text",
        _file_writer("level.txt"),
        lambda p: Level.read(p),
        (LevelFormatError,),
    )


def replay_target(fx: Fixtures) -> Target:
    from mariogen.agents import play
    from mariogen.level import Level
    from mariogen.replay import Replay, ReplayError

    level = Level.read(fx.level)
    seeds = []
    for agent, limit in (("run-right", 3.0), ("random", 2.0), ("run-right", 20.0)):
        result = play(agent, level, time_limit_s=limit, record=True, seed=1)
        seeds.append(Replay.from_play(result, level).dumps().encode())
    return Target(
        "replay",
        seeds,
        "json",
        _file_writer("x.replay.json"),
        lambda p: Replay.read(p),
        (ReplayError,),
        fix=_fix_replay_hash,
    )


def card_target(fx: Fixtures) -> Target:
    from mariogen.agents.personas import build_persona, read_card
    from mariogen.engine import Game
    from mariogen.errors import InputError
    from mariogen.level import Level

    level = Level.read(fx.level)
    seeds = [p.read_bytes() for p in sorted((REPO_ROOT / "agents").glob("*.toml"))]

    def load(path: Path) -> None:
        agent = build_persona(read_card(path))
        game = Game.new(level, 0, 20.0)
        agent.reset(level, 0)
        agent.act(game)

    return Target("card", seeds, "toml", _file_writer("card.toml"), load, (InputError,))


def policy_target(fx: Fixtures) -> Target | None:
    from mariogen.agents.personas import build_persona, read_card
    from mariogen.engine import Game
    from mariogen.errors import InputError
    from mariogen.level import Level

    files = sorted((REPO_ROOT / "agents").glob("*.npz"))
    if not files:
        return None
    level = Level.read(fx.level)
    card = fx.root / "policy.toml"
    card.write_text('name = "fuzzed"\n[planner]\ntype = "policy"\nfile = "policy.npz"\n')

    def write(data: bytes, work: Path) -> Path:
        (fx.root / "policy.npz").write_bytes(data)
        return card

    def load(path: Path) -> None:
        agent = build_persona(read_card(path))
        agent.reset(level, 0)
        agent.act(Game.new(level, 0, 20.0))

    return Target("policy", [p.read_bytes() for p in files[:1]], "npz", write, load, (InputError,))


def config_target(fx: Fixtures) -> Target | None:
    try:
        from mariogen.experiment.config import ExperimentConfigError, load_config
    except ImportError:
        return None
    seeds = [p.read_bytes() for p in sorted((REPO_ROOT / "experiments").glob("*/*.toml"))]
    if not seeds:
        return None

    def load(path: Path) -> None:
        load_config(path, quick=True)
        load_config(path)

    return Target(
        "config", seeds, "toml", _file_writer("config.toml"), load, (ExperimentConfigError,)
    )


def _tiny_library(fx: Fixtures) -> Path:
    from mariogen.level.library import SegmentLibrary

    shipped = SegmentLibrary.load()
    picked = [s for s in shipped if s.entry == 0 and s.exit == 0][:6]
    folder = fx.root / "tiny-library"
    SegmentLibrary(picked).write(folder)
    return folder


def checkpoint_target(fx: Fixtures) -> Target:
    from mariogen.errors import InputError
    from mariogen.generator import GeneratorSettings, run_generator
    from mariogen.generator.checkpoint import CHECKPOINT_NAME, Checkpoint
    from mariogen.generator.evolution import Evolution

    library = _tiny_library(fx)
    out = fx.root / "checkpoint-run"
    settings = GeneratorSettings(
        persona="run-right",
        metrics=(("coins-v0", 1.0),),
        segments=2,
        population=4,
        generations=1,
        library=str(library),
        difficulty="any",
        time_limit_s=5.0,
    )
    run_generator(settings, out, progress=False)
    seeds = [(out / CHECKPOINT_NAME).read_bytes()]

    def load(path: Path) -> None:
        checkpoint = Checkpoint.read(path)
        Evolution(checkpoint.settings).restore(checkpoint)

    return Target("checkpoint", seeds, "json", _file_writer(CHECKPOINT_NAME), load, (InputError,))


def library_target(fx: Fixtures) -> Target:
    from mariogen.level.library import INDEX_NAME, SegmentLibrary
    from mariogen.level.segments import SegmentError

    folder = _tiny_library(fx)
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    names = sorted(files)
    index = files[INDEX_NAME]

    def write(data: bytes, work: Path) -> Path:
        lib = work / "lib"
        lib.mkdir(exist_ok=True)
        for old in lib.iterdir():
            old.unlink()
        for name, content in files.items():
            (lib / name).write_bytes(content)
        # The first byte of a mutated file names which file it replaces (or that it is lost).
        which = data[0] % (len(names) + 1) if data else 0
        if which == len(names):
            (lib / names[data[1] % len(names) if len(data) > 1 else 0]).unlink()
        else:
            (lib / (INDEX_NAME if which == 0 else names[which])).write_bytes(data[1:])
        return lib

    seeds = [b"\0" + index] + [bytes([i]) + files[n] for i, n in enumerate(names) if i]
    return Target(
        "library", seeds, "text", write, lambda p: SegmentLibrary.load(p), (SegmentError,)
    )


def trace_target(fx: Fixtures) -> Target | None:
    from mariogen.engine.trace import TraceFormatError, verify_trace_file
    from mariogen.level import LevelFormatError

    reference = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared"))
    traces = sorted((reference / "traces").glob("*.json.gz"), key=lambda p: p.stat().st_size)
    if not traces:
        return None
    levels = fx.root / "levels"
    seeds = []
    for path in traces[:2]:
        trace = json.loads(gzip.decompress(path.read_bytes()))
        level_file = reference / "levels" / trace["header"]["level"]
        (levels / trace["header"]["level"]).parent.mkdir(parents=True, exist_ok=True)
        (levels / trace["header"]["level"]).write_bytes(level_file.read_bytes())
        seeds.append(gzip.compress(json.dumps(_short_trace(trace, 40)).encode(), mtime=0))

    def load(path: Path) -> None:
        verify_trace_file(path, levels)

    return Target(
        "trace",
        seeds,
        "gzip-json",
        _file_writer("t.json.gz"),
        load,
        (TraceFormatError, LevelFormatError),
    )


#: Ints per record of a trace's flat lists (shared/traces/README.md, section 3).
TRACE_RECORDS = {"ev": 6, "spr": 7, "tc": 3}


def _short_trace(trace: dict[str, Any], n: int) -> dict[str, Any]:
    """The first ``n`` iterations of a trace (its flat event, sprite and tile lists cut to
    match), so that verifying a seed costs little."""
    ticks = trace["ticks"]
    n = min(n, int(trace["n_ticks"]))
    short = {
        k: v[:n] for k, v in ticks.items() if isinstance(v, list) and len(v) == trace["n_ticks"]
    }
    for name, width in TRACE_RECORDS.items():
        short[name] = ticks[name][: sum(ticks[f"n_{name}"][:n]) * width]
    return {**trace, "n_ticks": n, "ticks": short}


BUILDERS: dict[str, Callable[[Fixtures], Target | None]] = {
    "level": level_target,
    "replay": replay_target,
    "card": card_target,
    "policy": policy_target,
    "config": config_target,
    "checkpoint": checkpoint_target,
    "library": library_target,
    "trace": trace_target,
}
