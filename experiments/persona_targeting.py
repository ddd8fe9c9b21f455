"""Persona targeting: do levels generated *for* a persona favour what that persona likes?

For each target persona (runner, collector, killer) and each seed, generate a level in
``contrast`` mode with the persona's default metric (collector: coins, killer: kills, runner:
less time), then let all three personas play every level. The claim holds when

- levels generated for the collector give the collector more coins than levels generated for
  the runner or the killer;
- levels generated for the killer give the killer more kills than the others' levels;
- levels generated for the runner take the runner less time than the others' levels.

Usage:
    python experiments/persona_targeting.py [--seeds 5] [--population 16] [--generations 8]
                                            [--workers 2] [-o experiments/persona_targeting]
                                            [--json]

Writes ``results.csv`` (one row per level and player) and ``summary.md`` (the table) into
the output folder and prints the table.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mariogen.agents import play  # noqa: E402
from mariogen.agents.personas import core_personas  # noqa: E402
from mariogen.fileio import atomic_write  # noqa: E402
from mariogen.generator import GeneratorSettings, run_generator  # noqa: E402
from mariogen.generator.fitness import context  # noqa: E402

#: The personas compared: the cards tagged core (collector, killer, runner).
PERSONAS = core_personas()
#: What each persona is measured by: (persona whose play is read, statistic, better).
MEASURES = {
    "collector": ("collector", "coins", "higher"),
    "killer": ("killer", "kills", "higher"),
    "runner": ("runner", "seconds", "lower"),
}


def _play_row(target: str, seed: int, player: str, settings: GeneratorSettings, level) -> dict:
    p = play(player, level, settings.start_mode, settings.time_limit_s, record=False, seed=seed)
    r = p.result
    return {
        "target": target,
        "seed": seed,
        "player": player,
        "win": int(r.win),
        "coins": r.coins,
        "kills": r.kills_total,
        "seconds": round(settings.time_limit_s - r.remaining_time_ms / 1000.0, 3),
        "coins_available": p.coins_available,
        "enemies_available": p.enemies_available,
    }


def run(args: argparse.Namespace) -> list[dict]:
    """Generate and play every (target, seed) level; one row per level and player."""
    rows = []
    for target in PERSONAS:
        for seed in range(args.seeds):
            settings = GeneratorSettings(
                persona=target,
                mode="contrast",
                population=args.population,
                generations=args.generations,
                seed=seed,
            )
            start = time.perf_counter()
            result = run_generator(settings, workers=args.workers, progress=False)
            level = context(settings).library.assemble(result.best, name=f"{target}-{seed}")
            for player in PERSONAS:
                rows.append(_play_row(target, seed, player, settings, level))
            print(
                f"{target:9s} seed {seed}: fitness {result.best_evaluation.objective:+.3f} "
                f"({time.perf_counter() - start:.0f} s)",
                file=sys.stderr,
            )
    return rows


def _levels(rows: list[dict]) -> dict[tuple[str, int], dict[str, dict]]:
    levels: dict[tuple[str, int], dict[str, dict]] = {}
    for r in rows:
        levels.setdefault((r["target"], int(r["seed"])), {})[r["player"]] = r
    return levels


def _value(level: dict[str, dict], measure: str, lead: bool) -> float:
    player, stat, better = MEASURES[measure]
    mine = float(level[player][stat])
    if not lead:
        return mine
    others = [float(level[p][stat]) for p in PERSONAS if p != player]
    return mine - max(others) if better == "higher" else min(others) - mine


def summarise(rows: list[dict]) -> tuple[str, dict]:
    """Two tables (each persona's measure, and its lead over the best other persona on the
    same level) and the checks of both."""
    levels = _levels(rows)
    lines, checks = [], {}
    for lead in (False, True):
        means = {}
        for target in PERSONAS:
            mine = [lv for (t, _), lv in levels.items() if t == target]
            for measure in MEASURES:
                means[(target, measure)] = sum(_value(lv, measure, lead) for lv in mine) / len(mine)
        if lead:
            lines += [
                "",
                "Lead over the best other persona on the same level (coins and kills: own minus "
                "the best other's; seconds: the fastest other's minus own):",
                "",
            ]
        cols = ("collector's coins", "killer's kills", "runner's seconds")
        lines += ["| levels generated for | " + " | ".join(cols) + " |", "|---|---|---|---|"]
        for target in PERSONAS:
            cells = [f"{means[(target, m)]:.2f}" for m in ("collector", "killer", "runner")]
            lines.append(f"| {target} | " + " | ".join(cells) + " |")
        lines.append("")
        for measure, (player, stat, better) in MEASURES.items():
            mine = means[(measure, measure)]
            others = [means[(t, measure)] for t in PERSONAS if t != measure]
            high = lead or better == "higher"
            ok = mine > max(others) if high else mine < min(others)
            what = f"a larger {stat} lead" if lead else f"{better} {stat}"
            checks[f"{measure}{' lead' if lead else ''}"] = ok
            checks_text = (
                f"levels for the {measure} give the {player} {what} than the others' levels"
            )
            lines.append(f"- {'PASS' if ok else 'FAIL'}: {checks_text}")
    return "\n".join(lines) + "\n", checks


def main() -> int:
    """Run the experiment, write its files and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--population", type=int, default=16)
    parser.add_argument("--generations", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "-o", "--output", default=str(REPO_ROOT / "experiments" / "persona_targeting")
    )
    parser.add_argument("--json", action="store_true", help="print the rows and checks as JSON")
    parser.add_argument(
        "--summarise-only", action="store_true", help="re-read OUTPUT/results.csv, play nothing"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    if args.summarise_only:
        with open(Path(args.output) / "results.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    else:
        rows = run(args)
    table, checks = summarise(rows)
    out = Path(args.output)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write(out / "results.csv", lambda tmp: tmp.write_text(buf.getvalue()))
    setup = (
        f"{args.seeds} seeds per persona, contrast mode, population {args.population}, "
        f"{args.generations} generations, 8 segments; means over seeds of each level's play.\n\n"
    )
    summary = "# Persona targeting\n\n" + setup + table
    atomic_write(out / "summary.md", lambda tmp: tmp.write_text(summary))
    if args.json:
        print(json.dumps({"rows": rows, "checks": checks}))
    else:
        print(table, end="")
        print(f"({time.perf_counter() - start:.0f} s; wrote {out}/results.csv and summary.md)")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
