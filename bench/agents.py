"""Play persona agents on levels and report wins, coins, kills, speed and search effort.

Usage:
    python bench/agents.py [--personas runner,collector] [--levels PATH ...] [--json]

By default every built-in persona (runner, collector, killer and their weak variants) plays
the 15 original levels of the reference data (``../shared/levels/original``) with small
Mario and a 20 s time limit. ``--levels`` takes level files or folders. Prints one summary
row per persona (and, with ``--per-level``, one row per play); ``--json`` prints the same
as JSON for machines. Speed is game ticks per wall-clock second of the plays, after a
warm-up play that compiles the planner.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tqdm import tqdm  # noqa: E402

from mariogen.agents import PlayResult, make_agent, play  # noqa: E402
from mariogen.agents.personas import core_personas, weak_variant  # noqa: E402
from mariogen.level import Level  # noqa: E402

#: The core personas (cards tagged core) and their weak variants.
PERSONAS = (*core_personas(), *(weak_variant(p) for p in core_personas()))


def reference_levels(group: str = "original") -> list[Path]:
    """Level files of one group of the reference data (``*`` for every group)."""
    root = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared"))
    return sorted((root / "levels").glob(f"{group}/*.txt"))


def level_paths(items: Iterable[str]) -> list[Path]:
    """Level files from a mix of files and folders."""
    out: list[Path] = []
    for item in items:
        path = Path(item)
        out.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return out


def warm_up(persona: str) -> None:
    """Compile the planner (numba) before anything is timed."""
    example = REPO_ROOT / "levels" / "examples" / "first-steps.txt"
    play(persona, Level.read(example), record=False, max_iterations=4)


def read_levels(paths: list[Path]) -> dict[str, Level]:
    """The level files by name, ``folder/stem`` (as the plays of :func:`play_all` name them)."""
    return {f"{path.parent.name}/{path.stem}": Level.read(path) for path in paths}


def play_all(
    personas: list[str],
    levels: dict[str, Level],
    time_limit_s: float = 20,
    mode: str = "small",
    desc: str = "plays",
) -> list[PlayResult]:
    """Every persona plays every level (by name) once, with a tqdm progress bar on stderr."""
    for persona in personas:
        warm_up(persona)
    results = []
    with tqdm(total=len(personas) * len(levels), desc=desc, file=sys.stderr) as bar:
        for persona in personas:
            agent = make_agent(persona)
            for name, level in levels.items():
                result = play(agent, level, start_mode=mode, time_limit_s=time_limit_s)
                result.agent, result.level_name = persona, name
                results.append(result)
                bar.update()
    return results


def summarise(results: list[PlayResult]) -> dict[str, dict[str, Any]]:
    """Per persona: wins, completion, coins, kills, ticks per second, nodes per decision."""
    out: dict[str, dict[str, Any]] = {}
    for name in dict.fromkeys(r.agent for r in results):
        mine = [r for r in results if r.agent == name]
        ticks = sum(r.result.ticks for r in mine)
        wall = sum(r.wall_seconds for r in mine)
        nodes = sum(r.agent_stats.get("nodes", 0) for r in mine)
        decisions = sum(r.agent_stats.get("decisions", 0) for r in mine)
        out[name] = {
            "plays": len(mine),
            "wins": sum(r.win for r in mine),
            "completion": sum(r.result.completion for r in mine) / len(mine),
            "coins": sum(r.result.coins for r in mine),
            "kills": sum(r.result.kills_total for r in mine),
            "ticks": ticks,
            "wall_seconds": wall,
            "ticks_per_second": ticks / wall if wall else 0.0,
            "nodes_per_decision": nodes / decisions if decisions else 0.0,
            "max_nodes": max((r.agent_stats.get("max_nodes", 0) for r in mine), default=0),
        }
    runner = out.get("runner")
    for row in out.values():
        if runner:
            row["coins_vs_runner"] = row["coins"] / max(runner["coins"], 1)
            row["kills_vs_runner"] = row["kills"] / max(runner["kills"], 1)
    return out


def _play_row(r: PlayResult) -> dict[str, Any]:
    return {
        "persona": r.agent,
        "level": r.level_name,
        "status": r.result.status.name,
        "completion": round(r.result.completion, 4),
        "ticks": r.result.ticks,
        "coins": r.result.coins,
        "coins_available": r.coins_available,
        "kills": r.result.kills_total,
        "enemies_available": r.enemies_available,
        "ticks_per_second": round(r.result.ticks / r.wall_seconds, 1),
        "nodes_per_decision": round(r.agent_stats.get("nodes_per_decision", 0.0), 1),
    }


def print_table(summary: dict[str, dict[str, Any]], results: list[PlayResult], per_level: bool):
    """Human-readable tables."""
    if per_level:
        for r in results:
            row = _play_row(r)
            print(
                f"{row['persona']:15s} {row['level']:24s} {row['status']:8s} "
                f"{row['completion']:6.3f} ticks {row['ticks']:4d} "
                f"coins {row['coins']:3d}/{row['coins_available']:<3d} "
                f"kills {row['kills']:3d}/{row['enemies_available']:<3d} "
                f"{row['ticks_per_second']:7.0f} t/s {row['nodes_per_decision']:6.1f} n/d"
            )
        print()
    head = f"{'persona':15s} {'wins':>9s} {'compl':>6s} {'coins':>6s} {'kills':>6s}"
    print(head + f" {'ticks/s':>8s} {'nodes/dec':>9s} {'max':>5s} {'coins/R':>7s} {'kills/R':>7s}")
    for name, row in summary.items():
        print(
            f"{name:15s} {row['wins']:4d} / {row['plays']:<3d} {row['completion']:6.3f} "
            f"{row['coins']:6d} {row['kills']:6d} {row['ticks_per_second']:8.0f} "
            f"{row['nodes_per_decision']:9.1f} {row['max_nodes']:5d} "
            f"{row.get('coins_vs_runner', float('nan')):7.2f} "
            f"{row.get('kills_vs_runner', float('nan')):7.2f}"
        )


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: python bench/agents.py --personas runner,collector --json",
    )
    parser.add_argument("--personas", default=",".join(PERSONAS), help="comma-separated names")
    parser.add_argument("--levels", nargs="+", help="level files or folders (default: originals)")
    parser.add_argument("--time-limit", type=float, default=20.0, help="seconds (default 20)")
    parser.add_argument("--mode", default="small", choices=["small", "large", "fire"])
    parser.add_argument("--per-level", action="store_true", help="also print every play")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args()
    personas = [p.strip() for p in args.personas.split(",") if p.strip()]
    paths = level_paths(args.levels) if args.levels else reference_levels()
    if not paths:
        parser.error("no levels found (is the reference data at ../shared?)")
    results = play_all(personas, read_levels(paths), args.time_limit, args.mode)
    summary = summarise(results)
    if args.json:
        plays = [_play_row(r) for r in results]
        print(json.dumps({"summary": summary, "plays": plays}, indent=1))
    else:
        print_table(summary, results, args.per_level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
