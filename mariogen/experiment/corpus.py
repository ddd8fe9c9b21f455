"""Corpora of levels for the comparison experiments: named sources resolved to level texts.

A corpus is named by one of:

- ``library``: levels assembled from the shipped segment library (random legal genomes,
  seeded from the experiment's seed);
- ``shared``: the reference levels in ``$MARIOGEN_REFERENCE/levels`` (or ``../shared/levels``
  beside the checkout), one corpus per sub-folder (``original``, ``notch``, ...); absent
  when the reference data is not there;
- ``shared:NAME``: one of those sub-folders;
- ``results:DIR``: the levels a finished persona-matrix run saved (``DIR/levels``), one
  corpus per metric and tester;
- any other text: a folder of level files (``*.txt``), read recursively.

Levels are carried as text (a worker on another machine needs no local path).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mariogen.errors import InputError
from mariogen.level import Level
from mariogen.level.joins import random_genome
from mariogen.level.library import SegmentLibrary
from mariogen.resources import SOURCE_ROOT

#: Sub-folder of a persona-matrix run that holds its levels.
LEVELS_FOLDER = "levels"


class CorpusError(InputError):
    """A corpus name that names nothing usable."""


@dataclass(frozen=True)
class Corpus:
    """A named set of levels.

    Attributes:
        name: the corpus's name in tables.
        levels: ``(level name, level text)`` pairs, in a fixed order.
    """

    name: str
    levels: tuple[tuple[str, str], ...]


def shared_levels_folder() -> Path | None:
    """The reference levels folder, if present."""
    reference = os.environ.get("MARIOGEN_REFERENCE")
    candidates = [Path(reference) / "levels"] if reference else []
    candidates.append(SOURCE_ROOT.parent / "shared" / "levels")
    return next((c for c in candidates if c.is_dir()), None)


def folder_corpus(name: str, folder: Path, max_levels: int) -> Corpus:
    """The first ``max_levels`` level files under ``folder`` (sorted by path), read and
    checked.

    Raises:
        CorpusError: for a missing folder or one without level files.
        LevelFormatError: for a malformed level file.
    """
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder of levels")
    files = sorted(folder.rglob("*.txt"))[:max_levels]
    if not files:
        raise CorpusError(f"{folder}: holds no level files (*.txt)")
    levels = tuple((str(f.relative_to(folder)), Level.read(f).to_text()) for f in files)
    return Corpus(name, levels)


def library_corpus(n_levels: int, n_segments: int, seed: int) -> Corpus:
    """``n_levels`` levels of ``n_segments`` random legal segments of the shipped library."""
    library = SegmentLibrary.load()
    rng = np.random.default_rng(seed)
    levels = []
    for i in range(n_levels):
        genome = random_genome(library, rng, n_segments)
        levels.append((f"library-{seed}-{i}", library.assemble(genome, f"library-{i}").to_text()))
    return Corpus("library", tuple(levels))


def resolve(
    names: list[str], seed: int, max_levels: int, library_levels: int, library_segments: int
) -> list[Corpus]:
    """The corpora the names stand for (see the module docstring), in order.

    Raises:
        CorpusError: for a name that resolves to nothing.
    """
    out: list[Corpus] = []
    for name in names:
        if name == "library":
            out.append(library_corpus(library_levels, library_segments, seed))
        elif name == "shared" or name.startswith("shared:"):
            out += _shared(name, max_levels)
        elif name.startswith("results:"):
            out += _results(Path(name.split(":", 1)[1]), max_levels)
        else:
            out.append(folder_corpus(Path(name).name or name, Path(name), max_levels))
    return out


def _shared(name: str, max_levels: int) -> list[Corpus]:
    root = shared_levels_folder()
    if root is None:
        return []
    wanted = name.split(":", 1)[1] if ":" in name else None
    subs = sorted(p for p in root.iterdir() if p.is_dir())
    if wanted is not None:
        subs = [p for p in subs if p.name == wanted]
        if not subs:
            raise CorpusError(f"{root}: no shared generator folder {wanted!r}")
    return [folder_corpus(p.name, p, max_levels) for p in subs]


def _results(folder: Path, max_levels: int) -> list[Corpus]:
    levels = folder / LEVELS_FOLDER
    if not folder.exists():
        print(f"mariogen: warning: {folder}: no such run; its levels are skipped", file=sys.stderr)
        return []
    if not levels.is_dir():
        raise CorpusError(f"{folder}: not a finished persona-matrix run (no {LEVELS_FOLDER}/)")
    subs = sorted(p for p in levels.iterdir() if p.is_dir())
    return [folder_corpus(f"mariogen:{p.name}", p, max_levels) for p in subs]
