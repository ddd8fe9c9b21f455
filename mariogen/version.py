"""mariogen's version (read by setup.cfg, the CLI and the files mariogen writes)."""

__version__ = "0.1.0"
