"""Digests of mariogen's outputs, to show that a refactor keeps behaviour.

Usage:
    python bench/digests.py [--part buttons,levels,tables] [--workers N] [-o digests.json]

Prints one SHA-256 digest (first 16 hex digits) per part and writes every underlying digest
to ``-o`` (JSON), so two runs can be compared line by line (``diff`` the two files):

- ``buttons``: every persona card in ``agents/`` plays every level under
  ``../shared/levels`` (or ``$MARIOGEN_REFERENCE/levels``): small Mario, 20 s, seed 0; the
  digest of each play's packed buttons and of its result statistics;
- ``levels``: small ``mariogen generate`` runs (each mode, each core persona, seed 0):
  ``level.txt`` and ``logbook.csv`` of each;
- ``tables``: ``mariogen evaluate`` of the example levels with every metric (tidy CSV).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

PARTS = ("buttons", "levels", "tables")
GENERATE_RUNS = (
    ("single", "collector"),
    ("single", "runner"),
    ("contrast", "killer"),
    ("contrast", "runner"),
    ("nsga2", "collector"),
)


def sha(data: bytes) -> str:
    """The first 16 hex digits of the SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()[:16]


def reference_levels() -> list[Path]:
    """Every level file of the reference data."""
    root = Path(os.environ.get("MARIOGEN_REFERENCE", REPO_ROOT.parent / "shared"))
    return sorted((root / "levels").glob("*/*.txt"))


def _play_digest(job: tuple[str, str]) -> tuple[str, str, str]:
    from mariogen.agents import play
    from mariogen.level import Level

    card, path = job
    result = play(card, Level.read(path), seed=0)
    stats = json.dumps(result.result.to_dict(), sort_keys=True).encode()
    return card, path, sha(result.buttons.tobytes()) + ":" + sha(stats)


def button_digests(workers: int) -> dict[str, str]:
    """``card level`` -> digest of the buttons and statistics of that play."""
    cards = sorted(p.stem for p in (REPO_ROOT / "agents").glob("*.toml"))
    levels = [str(p) for p in reference_levels()]
    jobs = [(c, lv) for c in cards for lv in levels]
    with ProcessPoolExecutor(workers) as pool:
        rows = list(pool.map(_play_digest, jobs, chunksize=4))
    return {f"{c} {Path(p).parent.name}/{Path(p).name}": d for c, p, d in rows}


def _mariogen(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mariogen", *args], check=True, capture_output=True, cwd=REPO_ROOT
    )


def level_digests(workers: int) -> dict[str, str]:
    """``mode persona file`` -> digest of small generator runs' level and logbook."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode, persona in GENERATE_RUNS:
            folder = Path(tmp) / f"{mode}-{persona}"
            _mariogen(
                "generate", "--persona", persona, "--mode", mode, "--population", "8",
                "--generations", "3", "--seed", "0", "--workers", str(workers), "-o", str(folder),
            )  # fmt: skip
            for name in ("level.txt", "logbook.csv"):
                out[f"{mode} {persona} {name}"] = sha((folder / name).read_bytes())
    return out


def table_digests(workers: int) -> dict[str, str]:
    """``file`` -> digest of the evaluate table of the example levels."""
    examples = sorted(
        f"levels/examples/{p.name}" for p in (REPO_ROOT / "levels/examples").glob("*.txt")
    )
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "table.csv"
        _mariogen("evaluate", *examples, "-o", str(table), "--workers", str(workers))
        return {"evaluate examples": sha(table.read_bytes())}


def main(argv: list[str] | None = None) -> int:
    """Compute and print the digests."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default=",".join(PARTS), help="comma-separated parts")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("-o", "--output", type=Path, help="write every digest as JSON")
    args = parser.parse_args(argv)
    builders = {"buttons": button_digests, "levels": level_digests, "tables": table_digests}
    everything: dict[str, dict[str, str]] = {}
    for part in args.part.split(","):
        digests = builders[part](args.workers)
        everything[part] = digests
        total = sha("\n".join(f"{k} {v}" for k, v in sorted(digests.items())).encode())
        print(f"{part}: {total} ({len(digests)} digests)", flush=True)
    if args.output:
        args.output.write_text(json.dumps(everything, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
