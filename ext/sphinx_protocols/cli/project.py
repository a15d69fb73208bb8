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
