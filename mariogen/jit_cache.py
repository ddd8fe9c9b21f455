"""Where numba keeps mariogen's compiled code: a folder keyed by the package's sources.

numba's on-disk cache (``cache=True``) checks only the timestamp of the file that holds the
compiled function, not of the functions it calls from other files. After an update that
changes a callee (say the statistics function the A* planner calls), the old machine code
would still be loaded and the planner would silently play differently. So mariogen points
numba at a cache folder named after a digest of the sources compiled code can see (every
module that uses numba, and the ``engine`` and ``level`` packages whose constants it reads),
numba's version and Python's: a change to any of them gives a fresh folder, so the compiled
code always matches the sources. Older folders are removed (the newest few are kept).

``NUMBA_CACHE_DIR``, if set, is left alone: the user chose where the cache goes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

#: How many cache folders of earlier sources are kept beside the current one.
KEEP_OLD = 2
_PACKAGE = Path(__file__).resolve().parent


#: The module of mariogen's numba decorator (how calls between compiled functions are typed).
_DECORATOR = ("jit.py",)
#: Sub-packages whose every module counts (compiled code reads their constants).
_CONSTANT_PACKAGES = ("engine", "level")


def compiled_sources() -> list[Path]:
    """The source files compiled code depends on: those that use numba, and every module of
    :data:`_CONSTANT_PACKAGES`."""
    out = []
    for path in sorted(_PACKAGE.rglob("*.py")):
        data = path.read_bytes()
        uses_numba = b"from numba import" in data or b"@njit" in data
        parts = path.relative_to(_PACKAGE).parts
        if parts[0] in _CONSTANT_PACKAGES or parts == _DECORATOR or uses_numba:
            out.append(path)
    return out


def source_digest() -> str:
    """A digest of :func:`compiled_sources`, numba's version and Python's."""
    digest = hashlib.sha256()
    with contextlib.suppress(PackageNotFoundError):  # numba is a dependency
        digest.update(version("numba").encode())
    digest.update(sys.version.encode())
    for path in compiled_sources():
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    """The folder that holds mariogen's numba cache folders."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mariogen" / "jit"


def configure() -> Path | None:
    """Point numba's cache at the folder of the current sources; returns it (None when the
    user set ``NUMBA_CACHE_DIR`` or no cache folder can be made)."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return None
    folder = cache_root() / source_digest()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    if "numba" in sys.modules:  # imported before mariogen: numba read its config already
        from numba.core import config

        config.CACHE_DIR = str(folder)
    _prune(folder)
    return folder


def _prune(current: Path) -> None:
    """Remove all but the :data:`KEEP_OLD` newest folders of earlier sources."""
    try:
        others = [p for p in current.parent.iterdir() if p.is_dir() and p != current]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in others[KEEP_OLD:]:
        shutil.rmtree(old, ignore_errors=True)
