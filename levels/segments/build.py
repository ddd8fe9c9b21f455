"""Build the shipped segment library: ``python levels/segments/build.py``.

Draws every segment of the catalogue (:func:`mariogen.level.catalogue.build_catalogue`),
checks that each one, alone between the start and end pads, is finished by one of the
checking agents (tried in order; the first that finishes is recorded as ``checked_by``), and
writes the library (``ID.txt`` files and ``index.csv``) into this folder. A segment no agent
finishes stops the build with a list of the failures, unless ``--drop`` leaves it out.
The catalogue and the agents are deterministic, so the same code writes the same library.

Usage:
    python levels/segments/build.py [--agents run-right,runner] [--drop] [-o DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from mariogen.agents import list_agents, play
from mariogen.level.catalogue import build_catalogue
from mariogen.level.segments import Segment, SegmentLibrary

HERE = Path(__file__).resolve().parent


def check(segment: Segment, agents: list[str]) -> str:
    """The first agent of ``agents`` that finishes the padded segment, or ``""``."""
    level = segment.padded()
    for agent in agents:
        if play(agent, level, record=False).win:
            return agent
    return ""


def main(argv: list[str] | None = None) -> int:
    """Build, check and write the library; 0 on success, 1 if a segment failed its check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", default="run-right,runner", help="checking agents, in order")
    parser.add_argument("--drop", action="store_true", help="leave out segments that fail")
    parser.add_argument("-o", "--output", default=str(HERE), help="library folder to write")
    args = parser.parse_args(argv)
    known = {spec.name for spec in list_agents()}
    agents = [a for a in args.agents.split(",") if a in known]
    missing = [a for a in args.agents.split(",") if a not in known]
    if missing:
        print(f"note: agents not available, not used: {', '.join(missing)}", file=sys.stderr)
    kept, failed = [], []
    for segment in build_catalogue():
        agent = check(segment, agents)
        if agent:
            kept.append(replace(segment, checked_by=agent))
        else:
            failed.append(segment.id)
    if failed:
        print(f"{len(failed)} segments not finished by {', '.join(agents)}:", file=sys.stderr)
        for seg_id in failed:
            print(f"  {seg_id}", file=sys.stderr)
        if not args.drop:
            return 1
    library = SegmentLibrary(kept)
    out = Path(args.output)
    for old in out.glob("*.txt"):
        if old.stem not in library:
            old.unlink()
    library.write(out)
    counts = Counter(seg.family for seg in library)
    print(
        f"wrote {len(library)} segments to {out}: "
        + ", ".join(f"{f} {n}" for f, n in counts.items())
    )
    print(
        "checked by: "
        + ", ".join(f"{a} {n}" for a, n in Counter(s.checked_by for s in library).items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
