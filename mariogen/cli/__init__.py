"""The ``mariogen`` command line: one module per subcommand (see :mod:`mariogen.cli.main`)."""
