"""`make html` and `make pdf`: sphinx-build, with a broken conf.py reported in plain words.

Run as ``python -m sphinx_protocols.cli.build`` with sphinx-build's arguments. Sphinx answers a
conf.py it cannot run with its crash report; this says what `protocols check` says instead, then
leaves everything else to sphinx-build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.cmd.build import build_main, get_parser

from sphinx_protocols.cli.project import conf_problem


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = get_parser().parse_args(argv)
    except SystemExit as stop:  # sphinx-build's own usage message
        return int(stop.code or 0)
    if problem := conf_problem(Path(args.confdir or args.sourcedir)):
        print(problem, file=sys.stderr)
        return 2
    return build_main(argv)


if __name__ == "__main__":
    sys.exit(main())
