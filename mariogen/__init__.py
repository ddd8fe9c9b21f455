"""mariogen: persona-driven Super Mario Bros level generation."""

__version__ = "0.1.0"

# Registers mariogen/Mario-v0 with Gymnasium (cheap: no engine, no numba compile, no pygame).
import mariogen.envs  # noqa: F401
