"""The one wrapper around ``git``: list arguments, a timeout, our own exception.

Used to print the short commit a PDF was built from, to stamp every page with the version it shows,
and by the annual review to read and export earlier versions. Outside a git checkout, or where git
is not installed, :func:`describe` says "not in version control" instead of failing.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from sphinx_protocols.core.versions import NOT_IN_VERSION_CONTROL


class GitError(RuntimeError):
    """git is missing, timed out, or failed (for example: not a git checkout)."""


def _run(folder: Path, args: tuple[str, ...], timeout: float, stdin: bytes | None = None) -> bytes:
    program = shutil.which("git")
    if program is None:
        raise GitError("git is not installed")
    try:
        result = subprocess.run(
            [program, "-C", str(folder), *args],
            capture_output=True,
            input=stdin,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired as err:
        raise GitError(f"git took longer than {timeout:g} seconds") from err
    except subprocess.CalledProcessError as err:
        message = err.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git exited with code {err.returncode}") from err
    except OSError as err:  # the folder does not exist
        raise GitError(str(err)) from err
    return result.stdout


def git(folder: Path, *args: str, timeout: float = 10) -> str:
    """Run ``git -C folder ARGS`` and return its output, stripped."""
    return _run(folder, args, timeout).decode("utf-8", "replace").strip()


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
        """The short form for a running footer: '1e23c88', '1e23c88+' or 'not in version
        control'."""
        return f"{self.short}+" if self.dirty else self.short


def describe(folder: Path) -> Commit:
    """The commit the files in ``folder`` come from, and whether they have changed since."""
    try:
        short = git(folder, "rev-parse", "--short", "HEAD")
        dirty = bool(status(folder))
    except GitError:
        return Commit(NOT_IN_VERSION_CONTROL)
    return Commit(short, dirty)


# -- history, for version stamps and the annual review
# ----------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    """One commit: its full and short hash, the date it was made (YYYY-MM-DD) and its subject
    line."""

    commit: str
    short: str
    date: str
    subject: str


@dataclass(frozen=True)
class Tag:
    name: str
    commit: str  # the commit it points at (annotated tags peeled)
    message: str = ""  # the first line of an annotated tag's message


def toplevel(folder: Path) -> Path:
    """The root of the git checkout that holds ``folder``."""
    return Path(git(folder, "rev-parse", "--show-toplevel"))


def relative(folder: Path) -> str:
    """``folder`` as a path inside its checkout ('protocols', or '.' for the root)."""
    prefix = git(folder, "rev-parse", "--show-prefix").rstrip("/")
    return prefix or "."


def resolve(folder: Path, ref: str) -> str | None:
    """The full hash of the commit a tag, branch or commit names; None when it names none."""
    if not ref or ref.startswith("-"):
        return None
    try:
        return (
            git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
            or None
        )
    except GitError:
        return None


_SEP = "\x1f"


def log(folder: Path, *paths: str, ref: str = "HEAD", limit: int = 0) -> list[LogEntry]:
    """Commits reachable from ``ref`` that changed ``paths`` (relative to ``folder``), newest
    first."""
    args = ["log", f"--format=%H{_SEP}%h{_SEP}%cs{_SEP}%s"]
    if limit:
        args.append(f"-{limit}")
    out = git(folder, *args, ref, "--", *(paths or (".",)))
    return [LogEntry(*line.split(_SEP, 3)) for line in out.splitlines() if line.count(_SEP) == 3]


def commit_info(folder: Path, ref: str) -> LogEntry:
    line = git(folder, "log", "-1", f"--format=%H{_SEP}%h{_SEP}%cs{_SEP}%s", ref, "--")
    return LogEntry(*line.split(_SEP, 3))


def tags(folder: Path) -> list[Tag]:
    """Every tag of the checkout that points at a commit, newest first."""
    out = git(folder, "for-each-ref", "--sort=-creatordate", "refs/tags",
              f"--format=%(refname:short){_SEP}%(objectname){_SEP}%(*objectname){_SEP}%(contents:subject)")
    found = []
    for line in out.splitlines():
        name, obj, peeled, message = [*line.split(_SEP, 3), "", "", ""][:4]
        found.append(Tag(name, peeled or obj, message if peeled else ""))
    return found


def show_many(folder: Path, specs: list[str]) -> list[str | None]:
    """The text of many ``REV:PATH`` blobs at once (None where one does not exist)."""
    if not specs:
        return []
    out = _run(
        folder, ("cat-file", "--batch"), timeout=30, stdin="".join(f"{s}\n" for s in specs).encode()
    )
    texts: list[str | None] = []
    at = 0
    for _ in specs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3:  # '<spec> missing'
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(out[at:at + size].decode("utf-8", "replace") if header[1] == b"blob" else None)
        at += size + 1
    return texts


def status(folder: Path) -> list[str]:
    """``git status --porcelain`` lines of the files under ``folder`` that differ from the last
    commit, untracked ones included ('' for none): the one place git status is asked."""
    out = _run(folder, ("status", "--porcelain", "--untracked-files=normal", "--", "."), 10)
    return out.decode("utf-8", "replace").splitlines()  # not stripped: ' M name' keeps its column


def files(folder: Path) -> list[str]:
    """The files under ``folder`` git would see: tracked ones and new ones not ignored."""
    out = git(folder, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ".")
    return sorted({name for name in out.split("\0") if name})


def export(folder: Path, commit: str, path: str, dest: Path) -> None:
    """Write the files under ``path`` (relative to the checkout's root) as they were at
    ``commit``."""
    data = _run(toplevel(folder), ("archive", "--format=tar", commit, "--", path), timeout=120)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(dest, filter="data")


# -- the editor: changed files, saving a version, undoing a change ---------------------------------


@dataclass(frozen=True)
class Change:
    """A file that differs from the last saved version: its path from ``folder`` and how."""

    path: str
    state: str  # 'changed', 'new' or 'deleted'


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is inside a git checkout (and git is installed)."""
    try:
        return git(folder, "rev-parse", "--is-inside-work-tree") == "true"
    except GitError:
        return False


def changes(folder: Path) -> list[Change]:
    """The files under ``folder`` that differ from the last commit, relative to ``folder``."""
    args = ("status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--", ".")
    out = _run(folder, args, timeout=10).decode("utf-8", "replace")
    prefix = git(folder, "rev-parse", "--show-prefix")  # porcelain paths start at the root
    found = []
    for entry in out.split("\0"):
        if len(entry) > 3 and entry[3:].startswith(prefix):
            code, path = entry[:2], entry[3 + len(prefix) :]
            state = "new" if code == "??" or "A" in code else "changed"
            state = "deleted" if "D" in code else state
            found.append(Change(path, state))
    return found


def commit_files(folder: Path, paths: list[str], message: str, name: str, email: str) -> str:
    """Commit ``paths`` (relative to ``folder``) as ``name <email>``; the new short hash."""
    identity = ("-c", f"user.name={name}", "-c", f"user.email={email}")
    git(folder, "add", "-A", "--", *paths)
    _run(
        folder,
        (*identity, "commit", "--quiet", "--no-verify", "-F", "-", "--", *paths),
        timeout=30,
        stdin=message.encode("utf-8"),
    )
    return git(folder, "rev-parse", "--short", "HEAD")


def restore(folder: Path, path: str) -> None:
    """Put ``path`` (relative to ``folder``) back as in the last commit; a new file is removed."""
    tracked = git(folder, "ls-files", "--", path)
    if tracked:
        git(folder, "restore", "--staged", "--worktree", "--source=HEAD", "--", path)
    else:
        (folder / path).unlink(missing_ok=True)


@dataclass(frozen=True)
class Version:
    """One saved version, as the editor's history shows it."""

    short: str
    date: str  # YYYY-MM-DD HH:MM
    author: str
    message: str


def versions(folder: Path, path: str = ".", limit: int = 50) -> list[Version]:
    """The commits that changed ``path`` (relative to ``folder``), newest first, in plain words."""
    out = git(
        folder,
        "log",
        f"-{limit}",
        f"--format=%h{_SEP}%ad{_SEP}%an{_SEP}%s",
        "--date=format:%Y-%m-%d %H:%M",
        "--",
        path,
    )
    return [Version(*line.split(_SEP, 3)) for line in out.splitlines() if line.count(_SEP) == 3]
