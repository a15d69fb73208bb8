"""What a build prints: a few plain sentences by default, the details with ``-v``.

`make html` runs Sphinx with ``-q``, which silences every library's chatter (MyST's settings,
sphinx-needs' timings, Sphinx's own per-page lines). Our summary and the progress of long steps
still need saying, so in a quiet build they go to the error stream, where warnings go too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger("sphinx_protocols")


def say(app: Sphinx, *lines: str) -> None:
    """Print lines to the person running the build, even in a quiet (``-q``) build."""
    for line in lines:
        if app.quiet:
            print(line, file=sys.stderr, flush=True)  # noqa: T201  (the build's own console)
        else:
            logger.info(line)


def step(app: Sphinx, number: int, total: int, text: str) -> None:
    """One line of progress through a long step: '[3/11] text'."""
    say(app, f"  [{number}/{total}] {text}")


def where(path: str | Path) -> str:
    """A path as the person typed it: relative to where they are, when it is below there."""
    full = Path(path).resolve()
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()
