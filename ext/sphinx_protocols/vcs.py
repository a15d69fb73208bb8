"""The one wrapper around ``git``: list arguments, a timeout, our own exception.

Used to print the short commit a PDF was built from. Outside a git checkout, or where git is not
installed, :func:`describe` says "not in version control" instead of failing.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

NOT_IN_VERSION_CONTROL = "not in version control"


class GitError(RuntimeError):
    """git is missing, timed out, or failed (for example: not a git checkout)."""


def git(folder: Path, *args: str, timeout: float = 10) -> str:
    """Run ``git -C folder ARGS`` and return its output, stripped."""
    program = shutil.which("git")
    if program is None:
        raise GitError("git is not installed")
    try:
        result = subprocess.run([program, "-C", str(folder), *args], capture_output=True, text=True,
                                timeout=timeout, check=True)
    except subprocess.TimeoutExpired as err:
        raise GitError(f"git took longer than {timeout:g} seconds") from err
    except subprocess.CalledProcessError as err:
        raise GitError(err.stderr.strip() or f"git exited with code {err.returncode}") from err
    return result.stdout.strip()


@dataclass(frozen=True)
class Commit:
    short: str  # the short commit, or NOT_IN_VERSION_CONTROL
    dirty: bool = False  # files under the folder differ from that commit

    @property
    def known(self) -> bool:
        return self.short != NOT_IN_VERSION_CONTROL

    @property
    def label(self) -> str:
        """'1e23c88', '1e23c88 + uncommitted changes' or 'not in version control'."""
        return f"{self.short} + uncommitted changes" if self.dirty else self.short

    @property
    def mark(self) -> str:
        """The short form for a running footer: '1e23c88', '1e23c88+' or 'not in version control'."""
        return f"{self.short}+" if self.dirty else self.short


def describe(folder: Path) -> Commit:
    """The commit the files in ``folder`` come from, and whether they have changed since."""
    try:
        short = git(folder, "rev-parse", "--short", "HEAD")
        dirty = bool(git(folder, "status", "--porcelain", "--untracked-files=normal", "--", "."))
    except GitError:
        return Commit(NOT_IN_VERSION_CONTROL)
    return Commit(short, dirty)
