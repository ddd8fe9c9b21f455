"""``python -m mariogen`` runs the command line."""

import sys

from mariogen.cli.main import main

sys.exit(main())
