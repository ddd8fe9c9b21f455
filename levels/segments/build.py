"""Build the segment library: ``python levels/segments/build.py [-o DIR]``.

Draws every segment of the catalogue (:func:`mariogen.level.catalogue.build_catalogue`) and
plays each one alone between the start and end pads (small Mario, 20 s) with

- the checking agents (``--agents``, tried in order): the first that finishes it is
  recorded as ``checked_by``;
- the difficulty agents (:data:`~mariogen.level.segments.DIFFICULTY_AGENTS`: ``runner``,
  ``runner-weak``): their completion (1.0 is a win) goes into the index;

and keeps the segments the required agent (``--require``, default ``runner``) finishes. Any
other segment stops the build with a list of the failures, unless ``--drop`` leaves it out.
Then it writes the library (``ID.txt`` files and ``index.csv``) into ``-o DIR`` (default:
this folder) and prints its figures: segments per family and per height, the share each
agent finishes, the build time. The catalogue and the agents are deterministic, so the same
code writes the same files.

Usage:
    python levels/segments/build.py [-o DIR] [--agents run-right,runner] [--require runner]
                                    [--drop] [--only PATTERN] [--no-progress]
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from mariogen.agents import list_agents, play
from mariogen.level.catalogue import build_catalogue
from mariogen.level.library import SegmentLibrary
from mariogen.level.segments import DIFFICULTY_AGENTS, HEIGHTS, Segment

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Check:
    """What the agents did with one segment alone.

    Attributes:
        segment: the segment, with ``checked_by`` and ``completion`` filled in.
        completion: every agent's completion (checking and difficulty agents), by name.
        kept: whether the required agent finished it.
    """

    segment: Segment
    completion: dict[str, float]
    kept: bool


def check(segment: Segment, agents: Sequence[str], require: str) -> Check:
    """Play the padded ``segment`` with each agent once; ``checked_by`` is the first of
    ``agents`` that finishes it (``""`` if none)."""
    level = segment.padded()
    completion: dict[str, float] = {}
    for agent in dict.fromkeys([*agents, *DIFFICULTY_AGENTS, require]):
        result = play(agent, level, record=False).result
        completion[agent] = 1.0 if result.win else min(max(float(result.completion), 0.0), 1.0)
    checked_by = next((a for a in agents if completion[a] == 1.0), "")
    measured = {a: round(completion[a], 3) for a in DIFFICULTY_AGENTS}
    done = replace(segment, checked_by=checked_by, completion=measured)
    return Check(done, completion, completion[require] == 1.0)


def figures(checks: Sequence[Check], seconds: float) -> list[str]:
    """The library's figures as lines of text: size, families, heights, shares, time."""
    segs = [c.segment for c in checks]
    n = len(segs)
    lines = [f"{n} segments in {len(Counter(s.family for s in segs))} families"]
    lines.append(
        "families: " + ", ".join(f"{f} {k}" for f, k in Counter(s.family for s in segs).items())
    )
    entry, exit_ = Counter(s.entry for s in segs), Counter(s.exit for s in segs)
    lines.append(
        "heights (entry/exit): "
        + ", ".join(f"{h}: {entry[h]}/{exit_[h]}" for h in HEIGHTS)
        + f"; connectors {sum(s.entry != s.exit for s in segs)}"
    )
    agents = dict.fromkeys(a for c in checks for a in c.completion)
    shares = []
    for agent in agents:
        won = sum(c.completion[agent] == 1.0 for c in checks)
        shares.append(f"{agent} {won} ({100 * won / max(n, 1):.1f}%)")
    lines.append("finished alone by: " + ", ".join(shares))
    lines.append(f"checked by: {dict(Counter(s.checked_by for s in segs))}")
    lines.append(f"build time: {seconds:.1f} s")
    return lines


def _agents(names: str) -> list[str]:
    known = {spec.name for spec in list_agents()}
    wanted = [a for a in names.split(",") if a]
    missing = [a for a in wanted if a not in known]
    if missing:
        raise SystemExit(f"build.py: unknown agents: {', '.join(missing)}")
    return wanted


def main(argv: list[str] | None = None) -> int:
    """Build, check and write the library; 0 on success, 1 if a segment failed its check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", default="run-right,runner", help="checking agents, in order")
    parser.add_argument("--require", default="runner", help="the agent that must finish each")
    parser.add_argument("--drop", action="store_true", help="leave out segments that fail")
    parser.add_argument("--only", metavar="PATTERN", help="only ids matching this glob")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("-o", "--output", default=str(HERE), help="library folder to write")
    args = parser.parse_args(argv)
    agents = _agents(args.agents)
    require = _agents(args.require)[0]
    start = time.perf_counter()
    catalogue = [s for s in build_catalogue() if fnmatch.fnmatch(s.id, args.only or "*")]
    if not catalogue:
        raise SystemExit(f"build.py: no segment of the catalogue matches {args.only!r}")
    checks = [
        check(segment, agents, require)
        for segment in tqdm(catalogue, desc="segments", unit="seg", disable=args.no_progress)
    ]
    failed = [c for c in checks if not c.kept]
    if failed:
        print(f"{len(failed)} segments not finished by {require}:", file=sys.stderr)
        for c in failed:
            print(f"  {c.segment.id} ({require} {c.completion[require]:.2f})", file=sys.stderr)
        if not args.drop:
            return 1
    kept = [c for c in checks if c.kept]
    if not kept:
        print("no segment left to write", file=sys.stderr)
        return 1
    library = SegmentLibrary(c.segment for c in kept)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        if old.stem not in library:
            old.unlink()
    library.write(out)
    print(f"wrote {len(library)} segments to {out}")
    for line in figures(kept, time.perf_counter() - start):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
