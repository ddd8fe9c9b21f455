"""mariogen: persona-driven Super Mario Bros level generation."""

__version__ = "0.1.0"
