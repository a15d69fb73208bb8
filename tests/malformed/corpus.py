"""Run one malformed-input case through `protocols check` and through `sphinx-build -W`, in process.

A case is a small change to the project in ``base/`` (see ``cases.py``). Both runs give an
:class:`Outcome`: the exit status, the messages in the order printed (paths made relative to the
project), and whether anything looked like a crash (a traceback, Sphinx's "Exception occurred").
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

BASE = Path(__file__).parent / "base"
PAGE = "proto/index.md"

#: 'path:line: WARNING: text' as Sphinx prints it (the line may be missing)
_LOCATED = re.compile(r"^(?P<file>[^:\s][^:]*?)(?::(?P<line>\d+))?: (?:WARNING|ERROR|CRITICAL): ")
_CRASH = (
    "Traceback (most recent call last)",
    "Exception occurred",
    "Extension error",
    "Sphinx error",
    "The full traceback has been saved",
)


@dataclass(frozen=True)
class Edit:
    """A change to one file of the base project: replace text, write text or bytes, or delete."""

    file: str = PAGE
    old: str = ""
    new: str = ""
    data: bytes | None = None  # the whole file, as bytes (encodings, a BOM)
    delete: bool = False
    add: bool = False  # put ``new`` at the end of the file as it is after the edits before
    link: str = ""  # make the file a symbolic link to this path (relative to the project)

    def apply(self, root: Path) -> None:
        path = root / self.file
        if self.delete:
            path.unlink()
        elif self.link:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.symlink_to(root / self.link)
        elif self.data is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.data)
        elif self.add:
            path.write_bytes(path.read_bytes() + self.new.encode("utf-8"))
        elif self.old:
            text = path.read_bytes().decode("utf-8")
            assert self.old in text, f"{self.old!r} is not in {self.file}"
            path.write_bytes(text.replace(self.old, self.new, 1).encode("utf-8"))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.new.encode("utf-8"))


def replace(old: str, new: str, file: str = PAGE) -> Edit:
    return Edit(file, old, new)


def write(file: str, text: str) -> Edit:
    return Edit(file, new=text)


def raw(file: str, data: bytes) -> Edit:
    return Edit(file, data=data)


def symlink(file: str, target: str) -> Edit:
    return Edit(file, link=target)


def delete(file: str) -> Edit:
    return Edit(file, delete=True)


def append(text: str, file: str = PAGE) -> Edit:
    """Add text at the end of a file."""
    return Edit(file, new=text, add=True)


def make_project(edits: tuple[Edit, ...], dest: Path) -> Path:
    shutil.copytree(BASE, dest)
    for edit in edits:
        edit.apply(dest)
    return dest


@dataclass
class Outcome:
    status: int
    text: str  # everything printed, paths relative to the project
    messages: list[str] = field(default_factory=list)

    @property
    def first(self) -> str:
        return self.messages[0] if self.messages else ""

    @property
    def crashed(self) -> bool:
        return any(mark in self.text for mark in _CRASH)

    def where(self) -> tuple[str, int | None]:
        """The file and line the first message names."""
        match = _LOCATED.match(self.first)
        if not match:
            return "", None
        return match.group("file"), int(match.group("line")) if match.group("line") else None


def _outcome(status: int, text: str, project: Path) -> Outcome:
    for prefix in (str(project.resolve()) + "/", str(project) + "/"):
        text = text.replace(prefix, "")
    text = re.sub(r"\x1b\[[0-9;]*m", "", text).replace(str(project), ".")
    messages = [
        line for line in text.splitlines() if _LOCATED.match(line) or line.startswith("protocols: ")
    ]
    return Outcome(status, text, messages)


def run_check(project: Path) -> Outcome:
    """`protocols check PROJECT`, as the command line runs it."""
    from sphinx_protocols.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(["check", str(project)])
        except SystemExit as stop:  # pragma: no cover  (argparse)
            status = int(stop.code or 0)
        except Exception:  # noqa: BLE001  (a crash is what the corpus looks for)
            import traceback

            traceback.print_exc()
            status = 99
    return _outcome(status, out.getvalue() + err.getvalue(), project)


def run_build(project: Path, out_dir: Path) -> Outcome:
    """`sphinx-build -b html -W --keep-going -q PROJECT OUT`, as `make html` runs it."""
    from sphinx_protocols.cli.build import main as build_main

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            status = build_main(
                ["-b", "html", "-W", "--keep-going", "-q", "-E", str(project), str(out_dir)]
            )
        except Exception:  # noqa: BLE001
            import traceback

            traceback.print_exc()
            status = 99
    return _outcome(status, err.getvalue(), project)
