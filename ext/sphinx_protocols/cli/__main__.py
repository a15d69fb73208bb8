"""`python -m sphinx_protocols.cli`: the same as the `protocols` command."""

import sys

from sphinx_protocols.cli import main

sys.exit(main())
