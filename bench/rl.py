"""RL personas against the A* personas: finish rate, coins and kills on held-out levels.

Usage:
    python bench/rl.py [--groups held-out,original,other] [--no-astar | --personas A,B]
        [--workers 2] [--dial] [--json]

Levels (small Mario, 20 s):

- ``held-out``: 50 levels of 8 segments assembled from the segment library with the
  held-out seed stream (``mariogen.rl.levels.held_out_levels``: ``default_rng([3013, k])``),
  which training (``[1013, seed, env, episode]``) and its validation (``[2013, k]``) never use;
- ``original``: the 15 original levels of the reference data (``$MARIOGEN_REFERENCE/levels``);
- ``other``: the reference data's 36 other shared levels.

Each persona plays each level once, in ``--workers`` spawned processes. Prints, per group and
persona, the finish rate, mean coins and kills, and ticks per second of play; then the
acceptance checks of the held-out group (rl-runner finishes >= 70%, rl-collector >= 1.5 x
rl-runner's coins, rl-killer >= 1.5 x rl-runner's kills) and, with ``--dial``, the coin and
kill figures of rl-mix over its dial.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tqdm import tqdm  # noqa: E402

from mariogen.agents import play  # noqa: E402
from mariogen.level import Level  # noqa: E402
from mariogen.rl.levels import held_out_levels  # noqa: E402

RL_PERSONAS = ("rl-runner", "rl-collector", "rl-killer")
ASTAR_PERSONAS = ("runner", "collector", "killer")
GROUPS = ("held-out", "original", "other")
TIME_LIMIT_S = 20.0
DIAL_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)


def group_levels(group: str) -> list[Level]:
    """The levels of one group."""
    if group == "held-out":
        return held_out_levels()
    root = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared")) / "levels"
    pattern = "original/*.txt" if group == "original" else "*/*.txt"
    paths = sorted(root.glob(pattern))
    if group == "other":
        paths = [p for p in paths if p.parent.name != "original"]
    return [Level.read(p) for p in paths]


def warm_up() -> None:
    """Load the compiled engine (numba) and the policies in this process before any timing."""
    level = held_out_levels(n=1)[0]
    for persona in RL_PERSONAS:
        play(persona, level, record=False, max_iterations=8)


def play_one(task: tuple[str, str, str]) -> dict[str, Any]:
    """One play (in a worker): persona, level text, level name -> its figures."""
    persona, text, name = task
    level = Level.from_text(text, source=name)
    result = play(persona, level, start_mode="small", time_limit_s=TIME_LIMIT_S, record=False)
    return {
        "persona": persona,
        "level": name,
        "win": bool(result.win),
        "coins": float(result.stats["coins"]),
        "kills": float(result.stats["kills"]),
        "ticks": int(result.result.ticks),
        "wall": float(result.wall_seconds),
    }


def run_all(tasks: list[tuple[str, str, str]], workers: int) -> list[dict[str, Any]]:
    """Every task, in order, through a pool of spawned processes (or in-process for 1)."""
    bar = tqdm(total=len(tasks), desc="plays", file=sys.stderr)
    out = []
    if workers <= 1:
        warm_up()
        for task in tasks:
            out.append(play_one(task))
            bar.update()
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=warm_up) as pool:
            for row in pool.map(play_one, tasks, chunksize=4):
                out.append(row)
                bar.update()
    bar.close()
    return out


def summary(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Finish rate, mean coins and kills, ticks per second of a persona's plays."""
    n = len(rows)
    wall = sum(r["wall"] for r in rows)
    return {
        "plays": n,
        "finish": sum(r["win"] for r in rows) / n,
        "coins": sum(r["coins"] for r in rows) / n,
        "kills": sum(r["kills"] for r in rows) / n,
        "ticks_per_s": sum(r["ticks"] for r in rows) / wall if wall else 0.0,
    }


def dial_figures(levels: list[Level], workers: int) -> dict[str, list[dict[str, float]]]:
    """rl-mix's mean coins and kills over 5 dial steps of one term (the other fixed at 0.5)."""
    from mariogen.agents.personas import load_card

    card = load_card("rl-mix")
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "rl-dial-cards"
    folder.mkdir(exist_ok=True)
    source = card.path.read_text()
    out: dict[str, list[dict[str, float]]] = {}
    for term, other in (("coins", "kills"), ("kills", "coins")):
        out[term] = []
        for value in DIAL_STEPS:
            name = f"rl-mix-{term}-{value:g}"
            text = source.replace('name = "rl-mix"', f'name = "{name}"')
            text = _set_dial(text, term, value, other)
            text = text.replace('file = "', f'file = "{card.path.parent}/')
            (folder / f"{name}.toml").write_text(text)
            os.environ["MARIOGEN_AGENT_PATH"] = str(folder)
            rows = run_all([(name, lv.to_text(), lv.name) for lv in levels], workers)
            out[term].append({"dial": value, **summary(rows)})
    return out


def _set_dial(text: str, term: str, value: float, other: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith(f"dial_{term} "):
            line = f"dial_{term} = {value}"
        elif line.startswith(f"dial_{other} "):
            line = f"dial_{other} = 0.5"
        lines.append(line)
    return "\n".join(lines) + "\n"


def main() -> int:
    """Run the bench and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", default=",".join(GROUPS), help="held-out,original,other")
    parser.add_argument("--no-astar", action="store_true", help="RL personas only")
    parser.add_argument("--personas", help="comma-separated personas (default: RL and A*)")
    parser.add_argument("--workers", type=int, default=2, help="processes (2)")
    parser.add_argument("--dial", action="store_true", help="also rl-mix over its dial")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    personas = RL_PERSONAS if args.no_astar else RL_PERSONAS + ASTAR_PERSONAS
    if args.personas:
        personas = tuple(args.personas.split(","))
    report: dict[str, Any] = {}
    start = time.perf_counter()
    for group in args.groups.split(","):
        levels = group_levels(group)
        tasks = [(p, lv.to_text(), lv.name) for p in personas for lv in levels]
        rows = run_all(tasks, args.workers)
        report[group] = {p: summary([r for r in rows if r["persona"] == p]) for p in personas}
    if "held-out" in report and set(RL_PERSONAS) <= set(personas):
        held = report["held-out"]
        runner = held["rl-runner"]
        report["acceptance"] = {
            "rl-runner finish >= 0.70": runner["finish"] >= 0.70,
            "rl-collector coins >= 1.5 x rl-runner": held["rl-collector"]["coins"]
            >= 1.5 * runner["coins"],
            "rl-killer kills >= 1.5 x rl-runner": held["rl-killer"]["kills"]
            >= 1.5 * runner["kills"],
        }
        if args.dial:
            report["dial"] = dial_figures(held_out_levels(), args.workers)
    report["wall_s"] = round(time.perf_counter() - start, 1)
    if args.json:
        print(json.dumps(report))
        return 0
    for group in (g for g in report if g in GROUPS):
        print(f"\n{group}: persona  finish  coins  kills  ticks/s")
        for persona, s in report[group].items():
            print(
                f"  {persona:13s} {100 * s['finish']:5.1f}% {s['coins']:6.2f} {s['kills']:6.2f}"
                f" {s['ticks_per_s']:8.0f}"
            )
    for check, ok in report.get("acceptance", {}).items():
        print(f"{'PASS' if ok else 'FAIL'}  {check}")
    for term, steps in report.get("dial", {}).items():
        print(f"dial {term}: " + ", ".join(f"{s['dial']:g}->{s[term]:.2f}" for s in steps))
    print(f"wall {report['wall_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
