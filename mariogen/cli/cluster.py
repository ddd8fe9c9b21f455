"""``--dask``: the option of every command that evaluates, and the executor it selects.

``--dask ADDRESS`` joins a running ``dask.distributed`` scheduler; ``--dask local`` starts a
``LocalCluster`` of ``--workers`` processes (one thread each) on this machine. Without it,
``--workers N`` evaluates in a local pool of N processes (1: in this process). The results
are the same whichever runs them (see :mod:`mariogen.evaluation.parallel`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mariogen.evaluation import Runner

#: The help text of ``--dask`` (``local`` is :data:`mariogen.evaluation.LOCAL_CLUSTER`; the
#: evaluation package is imported only when a command runs, to keep ``--help`` fast).
DASK_HELP = (
    "evaluate on a Dask cluster: the address of a running `dask scheduler` "
    "(tcp://HOST:8786), or local for a cluster of --workers processes on this machine; "
    "needs pip install 'mariogen[dask]'. The result does not depend on it"
)


def add_dask_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--dask ADDRESS|local`` to a command's parser."""
    parser.add_argument("--dask", metavar="ADDRESS|local", help=DASK_HELP)


@contextmanager
def executor_of(args: argparse.Namespace) -> Iterator[Runner]:
    """The Dask runner ``args.dask`` selects (with ``args.workers`` for ``local``), shut
    down on leaving; ``None`` without ``--dask`` (the command's own ``--workers`` pool).

    Raises:
        ClusterError: when ``--dask`` names no reachable scheduler or dask is missing (an
            :class:`~mariogen.errors.InputError`: one line, exit status 2).
    """
    if not getattr(args, "dask", None):
        yield None
        return
    from mariogen.evaluation import executor_scope

    progress = not getattr(args, "quiet", False)
    with executor_scope(workers=args.workers, dask=args.dask, progress=progress) as executor:
        yield executor
