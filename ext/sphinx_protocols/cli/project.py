"""What the commands share: finding the project, and reading it with Sphinx without a site.

``protocols check``, ``sign``, ``editorial`` and ``verify`` read the project exactly as a build
does (every page, every rule), through Sphinx's ``dummy`` builder into a folder that is thrown
away, so what they report is what ``make html`` would.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_protocols.core.model import Partnership


def no_conf(project: Path, hint: str) -> str:
    """'' when ``project`` holds a conf.py, else the message that says so, ending with ``hint``."""
    return "" if (project / "conf.py").is_file() else f"there is no conf.py in '{project}'. {hint}"


def conf_problem(project: Path) -> str:
    """'' when conf.py can be run, else a located message saying what is wrong and what to do.

    Sphinx answers a broken conf.py with its crash report; `protocols check` and `make html`
    both call this first, so both say the same in plain words.
    """
    import traceback

    from sphinx.config import Config
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    path = project / "conf.py"
    if not path.is_file():
        return f"{project}: ERROR: there is no conf.py in this folder, so it is not a protocols "\
               "project. Give the folder that holds conf.py (the one `make html` builds is "\
               "'protocols'). [protocols.P27]"
    try:
        Config.read(project.resolve(), overrides={}, tags=Tags())
    except ConfigError as err:
        cause = err.__cause__
        if isinstance(cause, SyntaxError):
            line, what = cause.lineno or 1, f"it is not valid Python ({cause.msg})"
        else:
            frames = [f for f in traceback.extract_tb(getattr(cause, "__traceback__", None))
                      if Path(f.filename).name == "conf.py"]
            line = frames[-1].lineno if frames else 1
            what = (f"it stops with {type(cause).__name__}: {cause}" if cause else str(err))
        return (f"{path}:{line}: ERROR: conf.py cannot be run: {what}. Correct this line: each "
                "setting is written name = value, with text in quotes. [protocols.P27]")
    return ""


@dataclass
class Reading:
    """A project read once: the Sphinx application (its build state) and its warning lines."""

    app: Any
    problems: list[str]


def read(project: Path, **overrides: Any) -> Reading:
    """Read every page and run every rule; ``overrides`` are conf.py settings (protocols_strict).

    Raises ``sphinx.errors.SphinxError`` when the project cannot be read at all.
    """
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace

    nocolor()
    warnings = io.StringIO()
    with tempfile.TemporaryDirectory() as out, docutils_namespace():  # no directives left behind
        app = Sphinx(str(project), str(project), out, str(Path(out, ".doctrees")), "dummy",
                     confoverrides=overrides, status=None, warning=warnings, freshenv=True,
                     keep_going=True)
        app.build()
    problems = [w for w in warnings.getvalue().splitlines()  # not set-up notes of an earlier app
                if ("WARNING" in w or "ERROR" in w) and "while setting up extension" not in w]
    return Reading(app, problems)


class StopError(Exception):
    """End the command with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def read_partnership(project: Path, need_clean: bool = True) -> tuple[Any, Partnership]:
    """Read the project as `protocols check` does; stop on errors when a record is to be written."""
    from sphinx.errors import SphinxError

    from sphinx_protocols.sphinxext.checks import get_partnership

    if problem := no_conf(project, "Give the protocols folder with --project."):
        raise StopError(problem, 2)
    try:
        reading = read(project)
    except SphinxError as err:
        raise StopError(f"the project could not be read: {err}") from None
    app, problems = reading.app, reading.problems
    if problems and need_clean:
        raise StopError("the protocols have errors, so nothing was recorded. Fix them first (`make "
                   "check` lists them):\n  " + "\n  ".join(problems))
    return app, get_partnership(app)


def progress_line(what: str, done: int, total: int) -> None:
    """A line at every tenth of a long check, so the person waiting sees it move:
    '  checked 45 of 445 pages at 1280 px'."""
    if done % max(1, total // 10) == 0 or done == total:
        print(f"  checked {done} of {total} pages {what}", flush=True)


def check_cache(site: Path, width: int) -> Path:
    """Where the browser check keeps the results of a site's pages at one width: beside the site,
    never in it, so it is not published ('_build/.a11y-cache/html-1280.json')."""
    return site.parent / ".a11y-cache" / f"{site.name}-{width}.json"
