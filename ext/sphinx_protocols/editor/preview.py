"""The editor's preview: the site rebuilt in the background after each save.

One worker thread runs an incremental sphinx-build into the preview folder the editor serves;
saves made while it builds are gathered into one more build. The build's own warnings (with
the rule IDs) are kept per page so the editor can show them beside the clause.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_protocols.tools import sphinx_build

_WARNING = re.compile(r"^(?P<file>.+?):(?P<line>\d+)?:? (?:WARNING|ERROR): (?P<message>.*)$")


@dataclass
class Status:
    builds: int = 0  # finished builds
    building: bool = False
    finished: float = 0.0  # time.time() of the last finished build
    seconds: float = 0.0  # how long it took
    ok: bool = True
    problems: dict[str, list[tuple[int, str]]] = field(
        default_factory=dict
    )  # page -> (line, message)


def parse_warnings(text: str, project: Path) -> dict[str, list[tuple[int, str]]]:
    """The build's warnings by page (relative to the project), each with its line."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    root = str(project.resolve())
    for line in text.splitlines():
        match = _WARNING.match(line.strip())
        if match is None:
            continue
        name = match["file"].removeprefix(root).lstrip("/")
        found[name].append((int(match["line"] or 0), match["message"]))
    return dict(found)


class Previewer:
    def __init__(self, project: Path, out: Path, editor_url: str) -> None:
        self.project, self.out, self.editor_url = project, out, editor_url
        self.status = Status()
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, name="protocols-preview", daemon=True)
        self._thread.start()

    def rebuild(self) -> None:
        """Ask for a build; returns at once."""
        with self._lock:
            self.status.building = True
        self._wanted.set()

    def wait(self, builds: int, timeout: float) -> bool:
        """Wait until at least ``builds`` builds have finished (for tests and the command line)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if (
                self.status.builds >= builds
                and not self._wanted.is_set()
                and not self.status.building
            ):
                return True
            time.sleep(0.2)
        return False

    def _work(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            with self._lock:
                self.status.building = True
            started = time.monotonic()
            # the partners' build: an officer previews partner-only clauses too
            overrides = {"protocols_editor_url": self.editor_url, "protocols_show_problems": "1",
                         "protocols_audience": "partners"}
            result = sphinx_build.build_html(self.project, self.out, overrides)
            with self._lock:
                self.status.builds += 1
                self.status.finished = time.time()
                self.status.seconds = time.monotonic() - started
                self.status.ok = result.ok
                self.status.problems = parse_warnings(result.warnings, self.project)
                self.status.building = self._wanted.is_set()
