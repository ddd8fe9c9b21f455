"""Where the project's own data lives: persona cards, example levels, the segment library.

In a source checkout or an editable install these are the repository's ``agents/`` and
``levels/`` folders. A regular install copies them to ``<prefix>/share/mariogen/`` (see
``[options.data_files]`` in setup.cfg), which is used when the checkout is not there.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The repository root, when mariogen runs from a checkout.
SOURCE_ROOT = Path(__file__).resolve().parents[1]
#: Where a regular install puts the data files.
INSTALLED_ROOT = Path(sys.prefix) / "share" / "mariogen"


def project_path(*parts: str) -> Path:
    """The project data path ``parts`` (e.g. ``project_path("levels", "segments")``).

    Returns the checkout's copy if it exists, else the installed copy (which may be
    missing too; callers report that as a user error).
    """
    source = SOURCE_ROOT.joinpath(*parts)
    if source.exists():
        return source
    return INSTALLED_ROOT.joinpath(*parts)
