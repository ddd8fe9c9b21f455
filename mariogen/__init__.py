"""mariogen: persona-driven Super Mario Bros level generation."""

from mariogen import jit_cache
from mariogen.version import __version__

# Compiled code is cached in a folder keyed by the sources (see mariogen/jit_cache.py).
jit_cache.configure()

__all__ = ["__version__"]

# Registers mariogen/Mario-v0 with Gymnasium (cheap: no engine, no numba compile, no pygame).
import mariogen.envs  # noqa: E402, F401
