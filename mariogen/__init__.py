"""mariogen: persona-driven Super Mario Bros level generation."""

from mariogen.version import __version__

__all__ = ["__version__"]

# Registers mariogen/Mario-v0 with Gymnasium (cheap: no engine, no numba compile, no pygame).
import mariogen.envs  # noqa: F401
